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
})();
