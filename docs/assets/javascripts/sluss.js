/* Keyboard access to Material's header buttons on narrow screens.
   Material draws the menu and search buttons as <label>s for hidden checkboxes,
   which no key reaches. Each gets a real <button> twin that toggles the same
   checkbox; the label stays for the mouse-only CSS, hidden from everyone.
   (Without JavaScript the menu is not needed: every list is a page of its own.) */
(function () {
  var names = { __drawer: "Meny", __search: "Sök" };
  function upgrade() {
    document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
      var name = names[label.htmlFor];
      if (!name || label.dataset.slussButton) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className + " sluss-header-button sluss-header-button-" + label.htmlFor;
      button.setAttribute("aria-label", name);
      button.innerHTML = label.innerHTML;
      button.addEventListener("click", function () {
        var toggle = document.getElementById(label.htmlFor);
        if (toggle) toggle.click();
      });
      label.dataset.slussButton = "1";
      label.hidden = true;
      label.parentNode.insertBefore(button, label);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", upgrade);
  } else {
    upgrade();
  }
})();
