/* Page side of the site's search and language switching; loaded before Material's bundle.
 *
 * 1. Material starts its search worker with `new Worker(url)`: the search worker is swapped for
 *    workers/search-scope.js (which imports Material's own), and told the reader's language scope.
 * 2. Each language has its own search index (hooks/search.py): Material requests the one at the
 *    site root, and is given the titles-only index of the page's language instead (the search
 *    worker, workers/search-scope.js, loads the whole index itself). The "both languages"
 *    checkbox in the search form widens the scope (the worker then loads the other indexes too);
 *    the choice is kept.
 * 3. Material's language selector requests `sitemap.xml` below every `<link rel=alternate>`;
 *    static-i18n's alternates are pages, not language roots (and the `<head>` ones are absolute,
 *    on the published host), so those requests would 404 or leave the site: they are answered
 *    by an empty sitemap (the switcher links are plain links, see partials/alternate.html).
 * 4. The language offer (partials/language-offer.html): shown when the reader's language (the one
 *    they last chose, else the first of the browser's preferred languages the site has) is not the
 *    page's and the page exists in it; "No, thanks" hides it for good. Never a redirect.
 * 5. The glossary's filter box: the index keeps the terms whose names, in either language and
 *    with or without accents, contain what the reader typed.
 */
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("__site").textContent);
  var storageKey = "site.search.both";
  var toggle = document.getElementById("__search_both");
  var worker = null;

  function bothLanguages() {
    try { return localStorage.getItem(storageKey) === "1"; } catch (e) { return false; }
  }

  function sendScope() {
    if (!worker) return;
    worker.postMessage({ type: "scope", data: {
      all: toggle ? toggle.checked : false, prefix: settings.prefix, others: settings.others,
      own: ownIndex, indexes: otherIndexes
    } });
  }

  if (toggle) {
    toggle.checked = bothLanguages();
    toggle.addEventListener("change", function () {
      try { localStorage.setItem(storageKey, toggle.checked ? "1" : "0"); } catch (e) { /* private mode */ }
      sendScope();
      var query = document.querySelector("[data-md-component=search-query]");
      if (query) query.focus();
    });
  }

  var NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = function (url, options) {
      var target = new URL(String(url), document.baseURI);
      var name = target.pathname.split("/").pop();
      if (/^search\.[0-9a-f]+\.min\.js$/.test(name)) {
        target = new URL("search-scope.js?material=" + encodeURIComponent(name), target);
        worker = new NativeWorker(target.href, options);
        /* which index answers: titles first, then the whole text (search-scope.js) */
        worker.addEventListener("message", function (event) {
          if (event.data && event.data.type === "index")
            document.documentElement.setAttribute("data-search-index", String(event.data.data));
        });
        sendScope();
        return worker;
      }
      return new NativeWorker(url, options);
    };
    window.Worker.prototype = NativeWorker.prototype;
  }

  var open = XMLHttpRequest.prototype.open;
  /* __md_scope: the site root, set by Material in <head> */
  var roots = settings.roots.map(function (root) { return new URL(root, __md_scope).pathname; });
  function indexOf(root, name) { return new URL(root + (name || settings.index), __md_scope); }
  var rootIndex = indexOf("").pathname;
  var ownIndex = indexOf(settings.prefix).href;
  /* Material is given the titles-only index, quick to read and index; the worker loads the rest */
  var ownTitles = indexOf(settings.prefix, settings.titles).href;
  var otherIndexes = settings.roots.filter(function (root) { return root !== settings.prefix; })
    .map(function (root) { return indexOf(root).href; });
  XMLHttpRequest.prototype.open = function (method, url) {
    var target = new URL(String(url), document.baseURI);
    if (target.origin === location.origin && target.pathname === rootIndex) {
      arguments[1] = ownTitles;
      return open.apply(this, arguments);
    }
    var languageRoot = target.origin === location.origin &&
      roots.indexOf(target.pathname.replace(/sitemap\.xml$/, "")) !== -1;
    if (/\/sitemap\.xml$/.test(target.pathname) && !languageRoot) {
      arguments[1] = new URL(settings.emptySitemap, __md_scope).href;
    }
    return open.apply(this, arguments);
  };

  /* ─── 4. The language offer ─────────────────────────────────────────────────────────── */
  var LANGUAGE_KEY = "site.language", OFFER_KEY = "site.offer";

  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }

  var pageLanguage = document.documentElement.lang;
  var siteLanguages = settings.languages || [];

  /* The reader's language: the one they chose on this site, else their browser's first preferred
   * language the site has (navigator.languages, most preferred first). */
  function readerLanguage() {
    var chosen = stored(LANGUAGE_KEY);
    if (chosen && siteLanguages.indexOf(chosen) !== -1) return chosen;
    var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < preferred.length; i++) {
      var code = String(preferred[i] || "").toLowerCase().split("-")[0];
      if (siteLanguages.indexOf(code) !== -1) return code;
    }
    return null;
  }

  var offer = document.querySelector("[data-language-offer]");
  if (offer && stored(OFFER_KEY) !== "dismissed" && readerLanguage() === offer.getAttribute("data-language-offer")) {
    offer.hidden = false;
    offer.querySelector(".language-offer__dismiss").addEventListener("click", function () {
      store(OFFER_KEY, "dismissed");
      offer.hidden = true;
      var main = document.querySelector("article.md-content__inner h1, article.md-content__inner");
      if (main) { main.setAttribute("tabindex", "-1"); main.focus(); }
    });
  }
  /* Following the offer or the language switcher is a choice of language, remembered. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".language-offer__go, .md-select__link[hreflang]");
    if (link) store(LANGUAGE_KEY, link.getAttribute("hreflang"));
  });

  /* ─── 5. The glossary's filter box ──────────────────────────────────────────────────── */
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  var filterBox = document.querySelector("[data-glossary-filter]");
  var index = document.getElementById("glossary-index");
  if (filterBox && index) {
    var input = filterBox.querySelector("input");
    var count = filterBox.querySelector("[role=status]");
    var items = Array.prototype.slice.call(index.querySelectorAll("li"));
    var names = items.map(function (item) { return folded(item.textContent); });
    var filter = function () {
      var query = folded(input.value).trim();
      var shown = 0;
      items.forEach(function (item, i) {
        item.hidden = query !== "" && names[i].indexOf(query) === -1;
        if (!item.hidden) shown += 1;
      });
      index.querySelectorAll("h2").forEach(function (heading) {
        var list = heading.nextElementSibling;
        heading.hidden = !!list && !list.querySelector("li:not([hidden])");
        if (list) list.hidden = heading.hidden;
      });
      count.textContent = query === "" ? "" : shown === 0 ? count.dataset.none
        : shown === 1 ? count.dataset.one : count.dataset.some.replace("{count}", shown);
    };
    filterBox.hidden = false;
    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) { input.value = ""; filter(); event.stopPropagation(); }
    });
  }
})();
