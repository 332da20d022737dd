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

/* The search index is loaded when search is first used, not with every page.
   Material asks for search/search_index.json as soon as a page has started (and
   again on a page opened from a search result, to mark the words found). At 10 000
   ideas the index is over a megabyte, which a visitor who never searches should not
   pay for. Material's request goes through XMLHttpRequest; this holds back the
   sending of that one request until the search field gets focus or the search opens
   (or the page was opened from a search result), then sends it unchanged. This file
   is loaded before Material's bundle (overrides/main.html), which sends the request
   while it starts. */
(function () {
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var proto = window.XMLHttpRequest && XMLHttpRequest.prototype;
  if (!proto) return;
  var open = proto.open;
  var send = proto.send;
  var released = new URLSearchParams(location.search).has("h");
  var held = [];

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  proto.open = function (method, url) {
    this._slussIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var request = this;
    var args = arguments;
    if (released || !request._slussIndex) return send.apply(request, args);
    held.push(function () {
      try {
        send.apply(request, args);
      } catch (error) {
        /* Aborted while held (Material gave up on it): nothing to send. */
      }
    });
  };

  /* The search worker likewise: Material starts it with the page, but it has work
     only once the index is there. Started on its first message instead. */
  var RealWorker = window.Worker;
  if (RealWorker && window.EventTarget && window.MessageEvent) {
    window.Worker = function (url, options) {
      if (!/\/workers\/search\.[^/]*\.js/.test(String(url))) return new RealWorker(url, options);
      var proxy = new EventTarget();
      var real = null;
      proxy.postMessage = function (message, transfer) {
        if (!real) {
          real = new RealWorker(url, options);
          /* Material listens with addEventListener, Zensical sets onmessage: both. */
          real.addEventListener("message", function (event) {
            var message = new MessageEvent("message", { data: event.data });
            proxy.dispatchEvent(message);
            if (typeof proxy.onmessage === "function") proxy.onmessage(message);
          });
          real.addEventListener("error", function () {
            var failure = new Event("error");
            proxy.dispatchEvent(failure);
            if (typeof proxy.onerror === "function") proxy.onerror(failure);
          });
        }
        real.postMessage(message, transfer);
      };
      proxy.terminate = function () {
        if (real) real.terminate();
      };
      return proxy;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-md-component=search-query]")) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
  document.addEventListener("pointerdown", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-md-component=search], label[for=__search]")) release();
  }, true);
})();
