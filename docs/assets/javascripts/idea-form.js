/* The "Lämna en idé" form (slussen/lamna-ide/): an idea handed in without an account.
   The page holds what works without JavaScript (the mailboxes and a template to copy);
   this script replaces that with a form built from slussen/formular.json (the
   municipalities' mailboxes and answer times, the areas, the open challenges, and the
   message's labels, which `sluss intake` reads back). On send it opens the visitor's
   mail program with the message written; nothing is sent from here and nothing is
   stored. Every text is set with textContent: nothing read is ever parsed as HTML.
   Needs sluss.js (loaded before it) for window.Sluss. */
(function () {
  "use strict";

  var el = window.Sluss && window.Sluss.el;
  var ROOT = window.Sluss && window.Sluss.root;
  /* A personnummer or samordningsnummer: 6 or 8 digits of a date, a separator or none,
     four digits. The checker is stricter; this catches the plain spellings early. */
  var PERSONAL_NUMBER = /(^|\D)(\d{2})?\d{2}[01]\d[0-9]\d\s?[-+\u2010-\u2015\u2212 ]?\s?\d{4}(?!\d)/;
  var EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

  /* The fields, their order, labels, hints and errors come from the message's own
     definition (core/idea_mail.py, in slussen/formular.json): one list for both. */
  function label(a) { return a.required || a.control === "checkbox" ? a.label : a.label + " (frivilligt)"; }

  function oneLine(value) { return value.split(/\s+/).filter(Boolean).join(" "); }

  /* The message, written exactly as core/idea_mail.py's compose() writes it. */
  function compose(message, answers) {
    var lines = [message.start];
    message.answers.forEach(function (a) {
      var value = (answers[a.key] || "").trim();
      if (a.long) lines.push(a.label + ":", value);
      else lines.push((a.label + ": " + oneLine(value)).replace(/\s+$/, ""));
    });
    lines.push(message.end);
    return lines.join("\n") + "\n";
  }

  function option(value, text) { return el("option", { value: value, text: text }); }

  function field(a, form) {
    var id = "ide-" + a.key;
    var control;
    if (a.control === "select") control = el("select", { id: id, name: a.key });
    else if (a.control === "textarea") control = el("textarea", { id: id, name: a.key, rows: "5" });
    else control = el("input", { id: id, name: a.key, type: a.control });
    if (a.max) control.maxLength = a.max;
    if (a.key === "name") control.setAttribute("autocomplete", "name");
    if (a.control === "email") { control.setAttribute("autocomplete", "email"); control.setAttribute("spellcheck", "false"); }
    if (a.required) control.setAttribute("aria-required", "true");
    var hint = a.hint ? el("p", { className: "sluss-form__hint", id: id + "-hint", text: a.hint }) : null;
    if (a.key === "challenge") {
      hint.append(" ", el("a", { href: new URL("slussen/utmaningar/", ROOT).href, text: "Läs om utmaningarna" }), ".");
    }
    var error = el("p", { className: "sluss-form__error", id: id + "-error", hidden: "" });
    control.setAttribute("aria-describedby", (hint ? id + "-hint " : "") + id + "-error");
    form.controls[a.key] = control;
    form.errors[a.key] = error;
    return el("div", { className: "sluss-form__field" }, [
      el("label", { for: id, text: label(a) }), hint, error, control
    ]);
  }

  function fillChoices(form, data) {
    var c = form.controls;
    c.municipality.appendChild(option("", "Välj kommun"));
    data.municipalities.forEach(function (m) { c.municipality.appendChild(option(m.id, m.name)); });
    c.area.appendChild(option("", "Välj område"));
    data.areas.forEach(function (a) { c.area.appendChild(option(a.id, a.label)); });
    function challenges() {
      var chosen = c.municipality.value;
      c.challenge.replaceChildren(option("", data.message.none));
      data.challenges.forEach(function (ch) {
        if (!chosen || ch.municipalities.indexOf(chosen) >= 0) c.challenge.appendChild(option(ch.id, ch.title));
      });
    }
    /* ?kommun=skovde, from a municipality's page: that municipality chosen. */
    var asked = new URLSearchParams(location.search).get("kommun");
    if (asked && municipality(data, asked)) c.municipality.value = asked;
    challenges();
    form.showMailbox();
    c.municipality.addEventListener("change", function () { challenges(); form.showMailbox(); });
  }

  function build(root, data) {
    var form = el("form", { className: "sluss-form", novalidate: "" });
    form.controls = {};
    form.errors = {};
    form.answers = data.message.answers;
    var summaryList = el("ul");
    var summary = el("div", { className: "sluss-form__summary", tabindex: "-1", hidden: "", "aria-labelledby": "ide-fel-rubrik" }, [
      el("h2", { id: "ide-fel-rubrik", text: "Något behöver rättas" }), summaryList
    ]);
    var mailbox = el("p", { className: "sluss-form__mailbox", id: "ide-brevlada", "aria-live": "polite" });
    var asked = data.message.answers.filter(function (a) { return a.control !== "checkbox"; });
    function part(name) {
      return asked.filter(function (a) { return a.part === name; }).map(function (a) { return field(a, form); });
    }
    var idea = el("fieldset", {}, [el("legend", { text: "Din idé" })].concat(part("idea")));
    idea.insertBefore(mailbox, form.controls.municipality.parentNode.nextSibling);
    var publicBox = el("input", { type: "checkbox", id: "ide-public", name: "public" });
    var reply = el("fieldset", {}, [el("legend", { text: "Om du vill ha svar" })].concat(
      part("reply"),
      [el("div", { className: "sluss-form__check" }, [
        publicBox, el("label", { for: "ide-public", text: "Mitt namn och min e-post får visas på portalen tillsammans med idén" })
      ])]));
    var privacy = el("p", { className: "sluss-form__privacy" }, [
      document.createTextNode("Skriv aldrig personnummer, och inga uppgifter om någons hälsa. Ditt mejl blir en allmän handling hos kommunen. "),
      el("a", { href: new URL("personuppgifter/", ROOT).href, text: "Så hanterar portalen personuppgifter" }),
      document.createTextNode(".")
    ]);
    var send = el("button", { type: "submit", className: "md-button md-button--primary", text: "Öppna i e-postprogrammet" });
    var copy = el("button", { type: "button", className: "md-button", text: "Kopiera texten" });
    var result = el("div", { className: "sluss-form__result", id: "ide-resultat", tabindex: "-1", hidden: "" });
    var copied = el("p", { className: "sluss-form__copied", role: "status" });
    form.append(summary, idea, reply, privacy, el("div", { className: "sluss-form__actions" }, [send, copy]), copied, result);

    form.showMailbox = function () {
      var m = municipality(data, form.controls.municipality.value);
      mailbox.textContent = m ? "Mejlet skickas till " + m.mailbox + "." +
        (m.days ? " Kommunen svarar inom " + m.days + (m.days === 1 ? " dag." : " dagar.") : "") : "";
    };
    fillChoices(form, data);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (check(form, summary, summaryList)) open(form, data, result);
    });
    copy.addEventListener("click", function () {
      if (!check(form, summary, summaryList)) return;
      copyText(message(form, data), copied);
    });
    root.replaceChildren(form);
  }

  function municipality(data, id) {
    return data.municipalities.filter(function (m) { return m.id === id; })[0] || null;
  }

  function answers(form, data) {
    var c = form.controls, out = {};
    Object.keys(c).forEach(function (key) { out[key] = c[key].value; });
    ["municipality", "area", "challenge"].forEach(function (key) {
      var chosen = c[key].selectedOptions[0];
      out[key] = c[key].value ? chosen.textContent + " [" + c[key].value + "]" : "";
    });
    if (!c.challenge.value) out.challenge = data.message.none;
    out.public = form.querySelector("#ide-public").checked ? data.message.yes : data.message.no;
    return out;
  }

  function message(form, data) { return compose(data.message, answers(form, data)); }

  function problems(form, answers) {
    var c = form.controls, found = [];
    answers.forEach(function (a) {
      var key = a.key, control = c[key];
      if (!control) return;
      var value = control.value.trim();
      if (a.required && !value) found.push([key, a.missing]);
      else if (key === "title" && value.length < 3) found.push([key, "Titeln behöver minst 3 tecken."]);
      else if (a.control === "email" && value && !EMAIL.test(value)) found.push([key, "Skriv e-postadressen som namn@exempel.se, eller lämna fältet tomt."]);
      else if (value && PERSONAL_NUMBER.test(value)) found.push([key, "Ta bort personnumret i fältet " + a.label + ". Skriv aldrig personnummer."]);
    });
    return found;
  }

  /* The error summary (GOV.UK's pattern): a list of links to the fields, focused;
     each field says its own error and is marked invalid. */
  function check(form, summary, list) {
    var found = problems(form, form.answers);
    Object.keys(form.controls).forEach(function (key) {
      form.controls[key].removeAttribute("aria-invalid");
      form.errors[key].hidden = true;
    });
    list.replaceChildren();
    found.forEach(function (p) {
      var control = form.controls[p[0]];
      control.setAttribute("aria-invalid", "true");
      form.errors[p[0]].textContent = p[1];
      form.errors[p[0]].hidden = false;
      var link = el("a", { href: "#" + control.id, text: p[1] });
      link.addEventListener("click", function (event) { event.preventDefault(); control.focus(); });
      list.appendChild(el("li", {}, [link]));
    });
    summary.hidden = !found.length;
    if (found.length) summary.focus();
    return !found.length;
  }

  function mailto(to, subject, body) {
    return "mailto:" + to + "?subject=" + encodeURIComponent(subject) +
      (body ? "&body=" + encodeURIComponent(body.replace(/\n/g, "\r\n")) : "");
  }

  /* A message too long for a mailto: address (data.mailto_limit) is copied first, in
     the same click, and the mail opens with the address and subject only. */
  function open(form, data, result) {
    var m = municipality(data, form.controls.municipality.value);
    var to = (m && m.mailbox) || data.coordinator;
    var subject = data.message.subject.replace("{title}", oneLine(form.controls.title.value));
    var text = message(form, data);
    var full = mailto(to, subject, text);
    var fits = full.length <= data.mailto_limit;
    var paste = "Klistra in texten från formuläret här.\n";
    var link = el("a", { className: "md-button md-button--primary", href: fits ? full : mailto(to, subject, paste),
      text: "Öppna mejlet igen" });
    var box = el("textarea", { id: "ide-text", readonly: "", rows: "12" });
    box.value = text;
    var copied = el("p", { className: "sluss-form__copied", role: "status" });
    var copy = el("button", { type: "button", className: "md-button", text: "Kopiera texten" });
    copy.addEventListener("click", function () { copyText(text, copied, box); });
    var how = fits
      ? "Mejlet till " + to + " är färdigskrivet. Läs igenom det och tryck på Skicka."
      : "Din text är för lång för att skrivas in i mejlet direkt, så den är kopierad i stället. Klistra in den i mejlet till " + to + " och tryck på Skicka.";
    result.replaceChildren(
      el("h2", { text: "Nu öppnas ditt e-postprogram" }),
      el("p", { text: how }),
      el("p", { text: "Öppnades inget e-postprogram? Kopiera texten nedan och skicka den till " + to + " med ämnet ”" + subject + "”." }),
      el("div", { className: "sluss-form__actions" }, [link, copy]), copied,
      el("label", { for: "ide-text", text: "Mejlets text" }), box);
    result.hidden = false;
    if (!fits) copyText(text, copied, box);
    result.focus();
    link.click();
  }

  function copyText(text, status, box) {
    function done() { status.textContent = "Texten är kopierad. Klistra in den i ett mejl."; }
    function fallback() {
      var area = box || el("textarea", { readonly: "" });
      if (!box) { area.value = text; document.body.appendChild(area); }
      area.select();
      var ok = document.execCommand && document.execCommand("copy");
      if (!box) area.remove();
      status.textContent = ok ? "Texten är kopierad. Klistra in den i ett mejl." : "Kopieringen gick inte. Markera texten och kopiera den själv.";
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  function start() {
    var root = document.querySelector(".sluss-idea-form");
    if (!root || !el) return;
    fetch(new URL("slussen/formular.json", ROOT).href)
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { build(root, data); })
      .catch(function () { /* the page's own text, the mail template, stays */ });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
