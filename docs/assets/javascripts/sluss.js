/* The portal's script: a keyboard twin for the theme's menu button, and the search.
   Loaded on every page (mkdocs.yml, extra_javascript); it needs no theme script.
   Everything it shows is built as DOM nodes with textContent: no text from the index
   (or the address bar) is ever read as HTML. */
(function () {
  "use strict";

  /* --- The menu button on narrow screens ---------------------------------------------
     The theme draws it as a <label> for a hidden checkbox, which no key reaches. It
     gets a real <button> twin that toggles the same checkbox; the label stays for the
     mouse-only CSS, hidden from everyone. (Without JavaScript the menu is not needed:
     every list is a page of its own.) */
  function upgradeMenu() {
    document.querySelectorAll("label.md-header__button[for=__drawer]").forEach(function (label) {
      if (label.dataset.slussButton) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className + " sluss-header-button sluss-header-button-__drawer";
      button.setAttribute("aria-label", "Meny");
      button.innerHTML = label.innerHTML; /* the theme's own icon */
      button.addEventListener("click", function () {
        var toggle = document.getElementById(label.htmlFor);
        if (toggle) toggle.click();
      });
      label.dataset.slussButton = "1";
      label.hidden = true;
      label.parentNode.insertBefore(button, label);
    });
  }

  /* --- Search: Pagefind's index, loaded when search is first used -------------------- */
  var script = document.currentScript;
  var ROOT = new URL("../../", script ? script.src : location.href); /* assets/javascripts/ */
  var SEARCH_PAGE = new URL("slussen/sok/", ROOT);
  var FACETS = [
    /* [name in the index, parameter in the address] */
    ["Typ", "typ"], ["Status", "status"], ["Skede", "skede"], ["Kommun", "kommun"],
    ["Används i", "anvands"], ["Område", "omrade"], ["Evidensnivå", "evidens"],
    ["Startkostnad", "kostnad"], ["Utmaning", "utmaning"], ["Tagg", "tagg"]
  ];
  var NOT_USED_IN = "inte-i"; /* innovations not yet used in a municipality */
  var FEW_VALUES = 12; /* values a facet shows before "Visa alla" */
  var PAGE = 20; /* results shown at a time */
  var loading = null;

  function engine() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: ROOT.pathname, excerptLength: 24 }).then(function () {
          return pagefind;
        });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  /* Shared with the portal's other script (idea-form.js), loaded after this one. */
  window.Sluss = { el: el, root: ROOT };

  function counted(n, one, many) {
    return n.toLocaleString("sv-SE") + " " + (n === 1 ? one : many);
  }

  /* When a search finds nothing, other searches are tried, and the first that finds
     something is shown, with the words it used in the status line:
     - a compound written as one word and apart in the text ("fallsensor"): its two
       parts, with or without a linking s ("fall sensor");
     - the last part alone ("gatubelysning" → "belysning");
     - a shorter start of the word, for a spelling that differs at its end ("chatbot"
       → "chat" finds "chattbot"), no shorter than about half the word;
     - of several words, each word alone, the longest first. */
  function alternatives(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length > 1) {
      return words.filter(function (w) { return w.length >= 4; })
        .sort(function (a, b) { return b.length - a.length; });
    }
    var word = words[0] || "";
    var out = [];
    if (word.length < 6) return out;
    for (var cut = word.length - 4; cut >= 4; cut--) {
      var head = word.slice(0, cut);
      var rest = word.slice(cut);
      out.push(head + " " + rest);
      if (head.length > 4 && head.slice(-1) === "s") out.push(head.slice(0, -1) + " " + rest);
    }
    for (var start = 3; word.length - start >= 6; start++) out.push(word.slice(start));
    var shortest = Math.max(4, Math.ceil(word.length * 0.55));
    for (var keep = word.length - 1; keep >= shortest; keep--) out.push(word.slice(0, keep));
    return out;
  }

  /* One search: the results (with their count per facet value), and the words that were
     searched for in the end (another than asked when nothing was found). */
  function find(pagefind, query, filters, sort) {
    var options = { filters: filters };
    if (sort) options.sort = sort;
    return pagefind.search(query || null, options).then(function (found) {
      if (!query || found.results.length) return { found: found, query: query };
      var tries = alternatives(query.trim());
      function next(i) {
        if (i >= tries.length) return { found: found, query: query };
        return pagefind.search(tries[i], options).then(function (other) {
          return other.results.length ? { found: other, query: tries[i] } : next(i + 1);
        });
      }
      return next(0);
    });
  }

  function resultItem(level, data) {
    var meta = data.meta || {};
    var facts = [meta.status, meta.kommun].filter(Boolean).join(" · ");
    var link = el("a", { href: data.url, className: "sluss-result__title", text: meta.title || data.url });
    return el("li", { className: "sluss-result" }, [
      el("p", { className: "sluss-result__kind" }, [
        el("span", { className: "sluss-result__type", text: meta.typ || "Sida" }),
        facts ? document.createTextNode(" · " + facts) : null
      ]),
      el(level, { className: "sluss-result__heading" }, [link]),
      meta.beskrivning ? el("p", { className: "sluss-result__text", text: meta.beskrivning }) : null
    ]);
  }

  function browseLinks() {
    var links = [
      ["Idéer per område", "slussen/idebank/omraden/"],
      ["Idéer per kommun", "slussen/idebank/kommuner/"],
      ["Innovationskatalogen", "slussen/innovationer/"],
      ["Utmaningar", "slussen/utmaningar/"],
      ["Taggar", "slussen/taggar/"]
    ];
    return el("ul", { className: "sluss-browse" }, links.map(function (l) {
      return el("li", {}, [el("a", { href: new URL(l[1], ROOT).href, text: l[0] })]);
    }));
  }

  /* What to do when nothing is found (the status line above says that nothing was):
     with filters, fewer filters; with words, other words; and always the lists, which
     hold everything. */
  function noResults(query, filtered) {
    var advice = [];
    if (filtered) advice.push("Ta bort ett filter eller välj ett annat.");
    if (query) advice.push("Pröva ett annat ord, ett kortare ord eller ett ord i grundform (till exempel ”skola” i stället för ”skolorna”).");
    advice.push("Du kan också bläddra:");
    return el("div", { className: "sluss-noresults" }, [el("p", { text: advice.join(" ") }), browseLinks()]);
  }

  function loadFailed() {
    return el("div", { className: "sluss-noresults" }, [
      el("p", { text: "Sökningen kunde inte laddas. Du hittar allt i listorna:" }),
      browseLinks()
    ]);
  }

  /* --- The search dialog, opened from the header on every page ------------------------ */
  var dialog = null;

  function buildDialog() {
    var input = el("input", {
      type: "search", id: "sluss-search-input", name: "q", autocomplete: "off",
      spellcheck: "false", enterkeyhint: "search"
    });
    var close = el("button", { type: "button", className: "sluss-search__close", text: "Stäng" });
    var form = el("form", { role: "search", action: SEARCH_PAGE.href, method: "get", className: "sluss-search__form" }, [
      el("label", { for: "sluss-search-input", text: "Sök i portalen" }), input, close
    ]);
    var status = el("p", { className: "sluss-search__status", role: "status", "aria-live": "polite" });
    var list = el("ol", { className: "sluss-results", "aria-label": "Sökresultat" });
    var more = el("a", { className: "sluss-search__all", href: SEARCH_PAGE.href, text: "Sök och filtrera" });
    var box = el("dialog", { className: "sluss-search", "aria-label": "Sök" }, [
      form, status, list, el("p", { className: "sluss-search__more" }, [more])
    ]);
    var seq = 0;
    var timer = null;
    function run() {
      var query = input.value.trim();
      var mine = ++seq;
      more.href = SEARCH_PAGE.href + (query ? "?q=" + encodeURIComponent(query) : "");
      more.textContent = "Sök och filtrera";
      if (!query) { list.replaceChildren(); status.textContent = ""; done(); return; }
      engine().then(function (pagefind) {
        return find(pagefind, query, {}).then(function (got) {
          return Promise.all(got.found.results.slice(0, 8).map(function (r) { return r.data(); }))
            .then(function (data) {
              if (mine !== seq) return;
              var n = got.found.results.length;
              list.replaceChildren.apply(list, data.map(resultItem.bind(null, "h2")));
              if (!n) {
                list.replaceChildren(el("li", {}, [noResults(query, false)]));
                status.textContent = "Inga träffar för ”" + query + "”";
              } else {
                status.textContent = (got.query !== query ? "Inga träffar för ”" + query + "”. " : "") +
                  counted(n, "träff", "träffar") + (got.query !== query ? " för ”" + got.query + "”" : "");
                if (n > data.length) more.textContent = "Visa alla " + counted(n, "träff", "träffar") + " och filtrera";
              }
              done();
            });
        });
      }).catch(function () {
        if (mine !== seq) return;
        list.replaceChildren(el("li", {}, [loadFailed()]));
        status.textContent = "Sökningen kunde inte laddas";
        done();
      });
    }
    /* The results are marked busy from the first key until the search for what was
       typed has been drawn (for assistive technology, and for the tests). */
    function done() { list.removeAttribute("aria-busy"); }
    input.addEventListener("input", function () {
      list.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("keydown", function (event) {
      var first = list.querySelector("a");
      if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < links.length) { event.preventDefault(); links[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at ? links[at - 1] : input).focus(); }
    });
    close.addEventListener("click", function () { box.close(); });
    /* A click on the backdrop closes the dialog. The event's target is the dialog both
       for the backdrop and for the dialog's own padding: the position tells them apart. */
    box.addEventListener("click", function (event) {
      if (event.target !== box) return;
      var r = box.getBoundingClientRect();
      var inside = event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
      if (!inside) box.close();
    });
    box.addEventListener("close", function () {
      var opener = document.querySelector(".sluss-search-button");
      if (opener) opener.focus();
    });
    document.body.appendChild(box);
    return { box: box, input: input };
  }

  function openSearch() {
    var field = document.querySelector(".sluss-finder input[type=search]");
    if (field) { field.focus(); return; } /* on "Sök och filtrera" itself */
    if (!dialog) dialog = buildDialog();
    dialog.box.showModal();
    /* Focus in the same tap, so a phone opens its keyboard and no letter is lost. */
    dialog.input.focus();
    engine();
  }

  function addSearchButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".sluss-search-button")) return;
    var button = el("button", {
      type: "button", className: "md-header__button sluss-search-button",
      "aria-haspopup": "dialog"
    }, [el("span", { className: "sluss-search-button__text", text: "Sök" })]);
    button.insertAdjacentHTML("afterbegin",
      '<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">' +
      '<path fill="currentColor" d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>');
    button.addEventListener("click", openSearch);
    var before = header.querySelector(".md-header__source");
    header.insertBefore(button, before);
  }

  /* --- "Sök och filtrera": the search page with a filter per facet -------------------- */
  function startFinder(root) {
    var params = new URLSearchParams(location.search);
    var state = { query: params.get("q") || "", chosen: {}, notUsedIn: params.get(NOT_USED_IN) || "", shown: PAGE };
    FACETS.forEach(function (f) { state.chosen[f[0]] = params.getAll(f[1]); });

    var input = el("input", { type: "search", id: "sluss-finder-input", name: "q", autocomplete: "off", spellcheck: "false", enterkeyhint: "search" });
    input.value = state.query;
    var form = el("form", { role: "search", className: "sluss-finder__form" }, [
      el("label", { for: "sluss-finder-input", text: "Sökord" }), input,
      el("button", { type: "submit", className: "md-button md-button--primary", text: "Sök" })
    ]);
    var clear = el("button", { type: "button", className: "md-button sluss-finder__clear", text: "Rensa alla filter" });
    var facets = el("div", { className: "sluss-finder__facets" });
    var status = el("p", { className: "sluss-finder__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    var list = el("ol", { className: "sluss-results", "aria-label": "Sökresultat" });
    var more = el("button", { type: "button", className: "md-button sluss-finder__more", hidden: "" });
    /* On a phone the filters fold away behind a button, so the results come first. */
    var panel = el("div", { className: "sluss-finder__panel", id: "sluss-finder-panel" }, [clear, facets]);
    var fold = el("button", {
      type: "button", className: "md-button sluss-finder__fold",
      "aria-expanded": "false", "aria-controls": "sluss-finder-panel"
    });
    fold.addEventListener("click", function () {
      var open = fold.getAttribute("aria-expanded") !== "true";
      fold.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("sluss-finder__panel--open", open);
    });
    root.replaceChildren(
      form,
      status,
      el("div", { className: "sluss-finder__layout" }, [
        el("section", { className: "sluss-finder__filters", "aria-labelledby": "sluss-finder-filters" }, [
          el("h2", { id: "sluss-finder-filters", text: "Filtrera" }), fold, panel
        ]),
        el("section", { className: "sluss-finder__results", "aria-labelledby": "sluss-finder-results" }, [
          el("h2", { id: "sluss-finder-results", text: "Resultat" }), list, more
        ])
      ])
    );
    var opened = {}; /* facets whose every value is shown */
    var seq = 0;
    var timer = null;

    function filters(except) {
      var out = {};
      FACETS.forEach(function (f) {
        if (f[0] !== except && state.chosen[f[0]].length) out[f[0]] = { any: state.chosen[f[0]] };
      });
      if (state.notUsedIn && except !== "Används i") out.not = { "Används i": state.notUsedIn };
      return out;
    }

    function remember() {
      var out = new URLSearchParams();
      if (state.query) out.set("q", state.query);
      FACETS.forEach(function (f) { state.chosen[f[0]].forEach(function (v) { out.append(f[1], v); }); });
      if (state.notUsedIn) out.set(NOT_USED_IN, state.notUsedIn);
      var text = out.toString();
      history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
    }

    function anyFilter() {
      return Boolean(state.notUsedIn) || FACETS.some(function (f) { return state.chosen[f[0]].length; });
    }

    function drawFacets(counts) {
      /* The facets are drawn anew with every search, in a new order of counts: the box
         that had focus is found again by its facet and value, not its place. */
      var active = document.activeElement && facets.contains(document.activeElement) ? document.activeElement : null;
      var focused = active && active.type === "checkbox" ? { name: active.name, value: active.value } : null;
      var focusedId = active && !focused ? active.id : null;
      facets.replaceChildren.apply(facets, FACETS.map(function (f, i) {
        var name = f[0];
        var values = Object.keys(counts[name] || {}).filter(function (v) {
          return counts[name][v] > 0 || state.chosen[name].indexOf(v) >= 0;
        });
        state.chosen[name].forEach(function (v) { if (values.indexOf(v) < 0) values.push(v); });
        if (!values.length) return null;
        values.sort(function (a, b) { return (counts[name][b] || 0) - (counts[name][a] || 0) || a.localeCompare(b, "sv"); });
        var all = opened[name] || values.length <= FEW_VALUES + 2;
        var shown = all ? values : values.slice(0, FEW_VALUES);
        var boxes = shown.map(function (value, j) {
          var id = "sluss-f" + i + "-" + j;
          var box = el("input", { type: "checkbox", id: id, name: f[1], value: value });
          box.checked = state.chosen[name].indexOf(value) >= 0;
          box.addEventListener("change", function () {
            var list = state.chosen[name];
            if (box.checked) list.push(value); else list.splice(list.indexOf(value), 1);
            state.shown = PAGE;
            update();
          });
          return el("li", {}, [box, el("label", { for: id }, [
            document.createTextNode(value + " "),
            el("span", { className: "sluss-finder__count", text: "(" + (counts[name][value] || 0) + ")" })
          ])]);
        });
        var group = el("fieldset", { className: "sluss-finder__facet" }, [
          el("legend", { text: name }), el("ul", {}, boxes)
        ]);
        if (!all) {
          var showAll = el("button", { type: "button", className: "sluss-finder__showall", text: "Visa alla " + values.length });
          showAll.addEventListener("click", function () {
            opened[name] = true;
            drawFacets(counts);
            var next = document.getElementById("sluss-f" + i + "-" + FEW_VALUES);
            if (next) next.focus();
          });
          group.appendChild(showAll);
        }
        if (name === "Används i") group.appendChild(notUsedIn(counts));
        return group;
      }).filter(Boolean));
      var again = null;
      if (focused) {
        facets.querySelectorAll("input[type=checkbox]").forEach(function (box) {
          if (box.name === focused.name && box.value === focused.value) again = box;
        });
      } else if (focusedId) {
        again = document.getElementById(focusedId);
      }
      if (again) again.focus();
    }

    function notUsedIn(counts) {
      var select = el("select", { id: "sluss-finder-notused" });
      select.appendChild(el("option", { value: "", text: "Alla kommuner" }));
      var names = Object.keys(counts["Kommun"] || {}).concat(Object.keys(counts["Används i"] || {}));
      if (state.notUsedIn) names.push(state.notUsedIn);
      names.filter(function (v, k) { return names.indexOf(v) === k; })
        .sort(function (a, b) { return a.localeCompare(b, "sv"); })
        .forEach(function (name) { select.appendChild(el("option", { value: name, text: name })); });
      select.value = state.notUsedIn;
      select.addEventListener("change", function () {
        state.notUsedIn = select.value;
        state.shown = PAGE;
        update();
      });
      return el("p", { className: "sluss-finder__notused" }, [
        el("label", { for: "sluss-finder-notused", text: "Används inte ännu i" }), select
      ]);
    }

    function update() {
      remember();
      list.setAttribute("aria-busy", "true");
      var mine = ++seq;
      var query = state.query;
      clear.hidden = !anyFilter();
      var chosen = FACETS.reduce(function (n, f) { return n + state.chosen[f[0]].length; }, state.notUsedIn ? 1 : 0);
      fold.textContent = chosen ? "Visa filter (" + chosen + (chosen === 1 ? " valt)" : " valda)") : "Visa filter";
      /* Pagefind counts per filter value only for the filters it has loaded: all of
         them are loaded first (pagefind.filters() does it, once). */
      engine().then(function (pagefind) {
        return pagefind.filters().then(function (totals) { return [pagefind, totals]; });
      }).then(function (loaded) {
        var pagefind = loaded[0];
        var sort = query ? null : { titel: "asc" };
        if (!query && !anyFilter()) {
          return Promise.resolve(loaded[1]).then(function (totals) {
            if (mine !== seq) return;
            drawFacets(totals);
            list.replaceChildren();
            list.removeAttribute("aria-busy");
            more.hidden = true;
            status.textContent = "Skriv ett sökord eller välj ett filter.";
          });
        }
        var searches = [find(pagefind, query, filters(), sort)];
        FACETS.forEach(function (f) {
          if (state.chosen[f[0]].length || (f[0] === "Används i" && state.notUsedIn)) {
            searches.push(find(pagefind, query, filters(f[0]), sort));
          }
        });
        return Promise.all(searches).then(function (all) {
          var got = all[0];
          var counts = Object.assign({}, got.found.filters);
          var k = 1;
          FACETS.forEach(function (f) {
            if (state.chosen[f[0]].length || (f[0] === "Används i" && state.notUsedIn)) {
              counts[f[0]] = all[k++].found.filters[f[0]] || {};
            }
          });
          var results = got.found.results;
          return Promise.all(results.slice(0, state.shown).map(function (r) { return r.data(); }))
            .then(function (data) {
              if (mine !== seq) return;
              var before = list.children.length;
              drawFacets(counts);
              list.replaceChildren.apply(list, data.map(resultItem.bind(null, "h3")));
              var n = results.length;
              more.hidden = n <= data.length;
              more.textContent = "Visa fler (" + counted(n - data.length, "till", "till") + ")";
              list.removeAttribute("aria-busy");
              if (!n) {
                list.replaceChildren(el("li", {}, [noResults(query, anyFilter())]));
                status.textContent = "Inga träffar" + (query ? " för ”" + query + "”" : "") + (anyFilter() ? " med de valda filtren." : ".");
              } else {
                status.textContent = (query && got.query !== query ? "Inga träffar för ”" + query + "”. " : "") +
                  counted(n, "träff", "träffar") +
                  (query ? " för ”" + got.query + "”" : "") + (anyFilter() ? " med de valda filtren." : ".");
              }
              if (state.focusNew && data.length > before) {
                var link = list.children[before].querySelector("a");
                if (link) link.focus();
              }
              state.focusNew = false;
            });
        });
      }).catch(function () {
        if (mine !== seq) return;
        list.replaceChildren(el("li", {}, [loadFailed()]));
        list.removeAttribute("aria-busy");
        status.textContent = "Sökningen kunde inte laddas.";
      });
    }

    input.addEventListener("input", function () {
      list.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      timer = setTimeout(function () { state.query = input.value.trim(); state.shown = PAGE; update(); }, 200);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      state.query = input.value.trim();
      state.shown = PAGE;
      update();
    });
    clear.addEventListener("click", function () {
      FACETS.forEach(function (f) { state.chosen[f[0]] = []; });
      state.notUsedIn = "";
      state.shown = PAGE;
      update();
      input.focus();
    });
    more.addEventListener("click", function () {
      state.shown += PAGE;
      state.focusNew = true;
      update();
    });
    /* No focus on the field when the page loads: the page starts, like every other,
       with its skip link and heading (the header's search button focuses the field). */
    update();
  }

  /* An item's page is not in the menu, so the theme marks no top tab: mark the tab of
     the list the breadcrumbs name (Idébank for an idea, …). */
  function markTab() {
    var list = document.querySelector(".sluss-crumbs li:nth-child(2) a");
    if (!list) return;
    document.querySelectorAll(".md-tabs__link").forEach(function (tab) {
      if (tab.href === list.href) tab.parentNode.classList.add("md-tabs__item--active");
    });
  }

  function start() {
    upgradeMenu();
    markTab();
    addSearchButton();
    var finder = document.querySelector(".sluss-finder");
    if (finder) startFinder(finder);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
