// Runs before Sveltia CMS (admin/index.html loads it first). Written by sluss; see
// scripts/sluss/outputs/editor.py. Three things the editor would otherwise do differently:
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script.getAttribute("data-version");

  // 1. Swedish, unless the user has picked another language in the editor's settings
  //    (Sveltia follows the browser's language, and ignores `locale` in its config).
  try {
    var key = "sveltia-cms.prefs";
    var prefs = JSON.parse(localStorage.getItem(key) || "{}") || {};
    if (!prefs.locale) {
      prefs.locale = "sv";
      localStorage.setItem(key, JSON.stringify(prefs));
    }
  } catch (error) {
    // No storage (a locked-down browser): the browser's language decides.
  }

  // 2. Nothing from another host: the editor fetches its translations from unpkg.com;
  //    they are served by this site instead. Its other calls there (is a newer version
  //    out?) and to githubstatus.com are answered "unavailable" here rather than left to
  //    the Content-Security-Policy to block, so they leave no errors in the console.
  var translations = "https://unpkg.com/@sveltia/cms@" + version + "/locales/";
  var refused = ["https://unpkg.com/", "https://www.githubstatus.com/"];
  var fetchFromNetwork = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.indexOf(translations) === 0) {
      var name = url.slice(translations.length);
      return fetchFromNetwork(new URL("sveltia-cms-" + version + "-" + name, script.src), init);
    }
    for (var i = 0; i < refused.length; i++) {
      if (url.indexOf(refused[i]) === 0) {
        return Promise.reject(new TypeError("sluss: " + refused[i] + " is not asked"));
      }
    }
    return fetchFromNetwork(input, init);
  };

  // 3. /admin/?lokal reads config-lokal.yml (kept for the links that name it).
  if (new URLSearchParams(window.location.search).has("lokal")) {
    var link = document.createElement("link");
    link.rel = "cms-config-url";
    link.type = "text/yaml";
    link.href = "config-lokal.yml";
    document.head.appendChild(link);
  }
})();
