/* The side-by-side view (side-by-side/?a=articles/<year>/<slug>/, a page scripts/pages/side_by_side.py
 * generates per language): the article's Vietnamese and English pages are fetched, and each
 * Vietnamese paragraph is put beside the English that translates it.
 *
 * The article pages mark their paragraphs, headings and list items (scripts/build/bilingual.py):
 * data-seg is the id of the Vietnamese segment (the translation memory's key), and on an English
 * page data-origin says where the English comes from: "machine" (an engine's draft), "human" (a
 * person's translation) or "pending" (not translated yet: the page shows the Vietnamese). English
 * blocks are paired with the Vietnamese block of the same id, in order; an English page that no
 * longer follows the Vietnamese paragraph for paragraph (a person merged or split paragraphs) has no
 * marks, and the two texts are shown whole, side by side. Words come from the view's data-*
 * attributes, in the page's language.
 */
(function () {
  "use strict";
  var view = document.getElementById("side-by-side-view");
  if (!view) return;
  var settings = JSON.parse(document.getElementById("__site").textContent);
  var note = view.querySelector(".side-by-side__note");
  var article = new URLSearchParams(location.search).get("a") || "";
  var ARTICLE = /^articles\/[a-z0-9-]+\/[a-z0-9-]+\/$/;

  function word(name) { return view.getAttribute("data-" + name) || ""; }

  function fail() {
    view.setAttribute("aria-busy", "false");
    note.textContent = word("error");
    note.classList.add("side-by-side__note--error");
  }

  /* The language switcher leads to the same view of the same article in the other language. */
  document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
    link.href = link.href.split("?")[0] + location.search;
  });

  if (!ARTICLE.test(article)) { fail(); return; }
  var siteRoot = new URL(__md_scope);
  var roots = {};
  settings.languages.forEach(function (code, i) { roots[code] = settings.roots[i]; });
  var source = settings.languages[0];                       /* the default language: Vietnamese */
  var target = settings.languages.filter(function (code) { return code !== source; })[0];
  var urls = {};
  urls[source] = new URL(roots[source] + article, siteRoot).href;
  urls[target] = new URL(roots[target] + article, siteRoot).href;
  var pageLanguage = document.documentElement.lang;

  note.textContent = word("loading");
  view.setAttribute("aria-busy", "true");

  function load(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.text();
    }).then(function (text) {
      var page = new DOMParser().parseFromString(text, "text/html").querySelector("div.article");
      if (!page) throw new Error(url + ": not an article");
      return page;
    });
  }

  /* A copy of `node` for this page: no ids (they would repeat), no heading permalinks, links made
   * absolute (they were relative to the article's page), headings one level down (the view's own
   * title is the only <h1>). */
  function copied(node, base) {
    var copy = node.cloneNode(true);
    var heading = /^H([1-6])$/.exec(copy.tagName);
    if (heading) {
      var lower = document.createElement("h" + Math.min(6, +heading[1] + 1));
      while (copy.firstChild) lower.appendChild(copy.firstChild);
      copy = lower;
    }
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    copy.querySelectorAll("a.headerlink").forEach(function (el) { el.remove(); });
    copy.querySelectorAll("a[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), base).href; });
    return copy;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function origin(kind) {
    return element("span", "side-by-side__origin side-by-side__origin--" + kind, word(kind));
  }

  function cell(lang, label) {
    var el = element("div", "side-by-side__cell side-by-side__cell--" + lang);
    el.lang = lang;
    el.appendChild(element("span", "side-by-side__lang", label));
    return el;
  }

  /* The blocks of an article's body: everything after its title and facts, before its footer
   * (topics, related articles) and without the "translation incomplete" notice. */
  function body(page) {
    var blocks = [];
    for (var node = page.firstElementChild; node; node = node.nextElementSibling) {
      if (node.id === "article-topics" || node.id === "related-articles") break;
      if (node.tagName === "H1" || node.classList.contains("article-facts") || node.classList.contains("admonition")) continue;
      blocks.push(node);
    }
    return blocks;
  }

  function title(page) {
    var heading = page.querySelector("h1");
    if (!heading) return "";
    var copy = heading.cloneNode(true);
    copy.querySelectorAll("a.headerlink").forEach(function (el) { el.remove(); });
    return copy.textContent.trim();
  }

  function show(pages) {
    var vi = pages[0], en = pages[1];
    var translated = en.getAttribute("lang") !== source;     /* a page not yet translated is Vietnamese */
    var shown = pageLanguage === target && translated ? en : vi;
    var heading = document.querySelector("article.md-content__inner h1");
    heading.textContent = word("title") + ": " + title(shown);
    document.title = heading.textContent + " - " + document.title.split(" - ").slice(1).join(" - ");

    var facts = shown.querySelector("ul.article-facts");
    var header = element("div", "side-by-side__header");
    if (facts) {
      facts = copied(facts, urls[shown === en ? target : source]);
      facts.querySelectorAll(".article-facts__side-by-side").forEach(function (link) { link.parentNode.remove(); });
      [[source, "vi-page"], [target, "en-page"]].forEach(function (pair) {
        var item = element("li");
        var link = element("a", "side-by-side__page", word(pair[1]));
        link.href = urls[pair[0]];
        link.hreflang = pair[0];
        item.appendChild(link);
        facts.appendChild(item);
      });
      header.appendChild(facts);
    }
    var banner = en.ownerDocument.querySelector("aside.translation-status");
    var status = banner ? banner.getAttribute("data-status") : "untranslated";

    var grid = element("div", "side-by-side__grid");
    var head = element("div", "side-by-side__row side-by-side__row--head");
    head.appendChild(element("div", "side-by-side__column", word("vi")));
    head.appendChild(element("div", "side-by-side__column", word("en") + " · " + word("status-" + status)));
    grid.appendChild(head);

    var viBlocks = Array.prototype.slice.call(vi.querySelectorAll("[data-seg]"));
    var enBlocks = translated ? Array.prototype.slice.call(en.querySelectorAll("[data-seg]")) : [];
    if (translated && !enBlocks.length) {
      /* restructured by a person: the two texts whole */
      header.appendChild(element("p", "side-by-side__note", word("unaligned")));
      var row = element("div", "side-by-side__row");
      var left = cell(source, word("vi")), right = cell(target, word("en"));
      body(vi).forEach(function (node) { left.appendChild(copied(node, urls[source])); });
      right.appendChild(origin("human"));
      body(en).forEach(function (node) { right.appendChild(copied(node, urls[target])); });
      row.appendChild(left);
      row.appendChild(right);
      grid.appendChild(row);
    } else {
      var rows = viBlocks.map(function (block) { return { vi: block, en: [] }; });
      var free = {};
      rows.forEach(function (row, i) { (free[row.vi.dataset.seg] = free[row.vi.dataset.seg] || []).push(i); });
      var last = 0;
      enBlocks.forEach(function (block) {
        var places = free[block.dataset.seg];
        var i = places && places.length ? places.shift() : last;
        if (rows[i]) rows[i].en.push(block);
        last = i;
      });
      rows.forEach(function (pair) {
        var row = element("div", "side-by-side__row");
        var left = cell(source, word("vi")), right = cell(target, word("en"));
        left.appendChild(copied(pair.vi, urls[source]));
        if (!pair.en.length) right.appendChild(origin("pending"));
        pair.en.forEach(function (block) {
          var kind = block.dataset.origin || "human";
          right.appendChild(origin(kind));
          if (kind !== "pending") right.appendChild(copied(block, urls[target]));
        });
        row.appendChild(left);
        row.appendChild(right);
        grid.appendChild(row);
      });
    }
    note.remove();
    view.appendChild(header);
    view.appendChild(grid);
    view.setAttribute("aria-busy", "false");
  }

  Promise.all([load(urls[source]), load(urls[target])]).then(show).catch(function (error) {
    console.warn("side by side:", error);
    fail();
  });
})();
