/* Search worker wrapper: Vietnamese-aware queries and results scoped to one language.
 *
 * Loaded instead of Material's worker (assets/javascripts/site.js swaps the URL) and imports it,
 * so Material's own index and ranking run unchanged. Before Material sees a query it:
 *   - normalizes it to NFC (decomposed input equals composed),
 *   - adds the accent-free form of every word with diacritics ("thoả" → "thoả thoa"), which the
 *     index's folded fields (hooks/search.py) match whatever the tone-mark style or accents.
 * Before a result leaves the worker it keeps only pages of the reader's language (scope message
 * from the page), marks the words its folded forms matched (Material marks exact matches only),
 * keeps a mark only on a whole word the query has (Material marks every word a typed prefix
 * starts: "cung" for "cu"), drops "missing" marks of a word whose folded form matched, shows each
 * article's date and outlet (the index's `meta`), and ranks the pages: those that match more of
 * the query's words first and, for the same match, articles before index pages (glossary, topics,
 * home, archive), then by Material's score. An article's lead (the first paragraph of its text)
 * is indexed as its own field, `lead`, which weighs more than the rest of the text.
 *
 * The page gives Material only its own language's index. When the reader asks for both languages,
 * the other languages' indexes are fetched once and the index is rebuilt with all of them; the last
 * query is then answered again.
 *
 * Answers come in two steps, so that the first one does not wait for the whole text to be indexed
 * (seconds for a thousand articles): Material here first indexes the titles only (QUICK_FIELDS) and
 * answers from them at once; then a nested worker (this script with role=full) indexes the whole
 * text, and once it is ready it answers every query, starting with the one on screen. The page is
 * told which index answers ({type: "index", data: "titles" | "whole"}; site.js shows it as the
 * data-search-index attribute of <html>).
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var ROLE = new URL(self.location.href).searchParams.get("role") === "full" ? "full" : "main";
var QUICK_FIELDS = ["title", "folded_title", "tags"];
var scope = { all: false, prefix: "", others: [], own: null, indexes: [] };
var lastQuery = null;
var ready = false;
var setup = null;        /* main role: the page's SETUP data, its own language's index */
var indexed = null;      /* main role: what the titles-only index was made of */
var merging = false;     /* the other languages' indexes are being fetched, or merged already */
var answerAgain = false; /* answer the last query again once Material is ready */
var full = null;         /* main role: the nested worker indexing the whole text */
var fullReady = false;
var fullWanted = false;  /* start it once the titles-only index is ready */
var fullTimer = null;
var FULL_DELAY_MS = 500;
var localIsWhole = false; /* Material here indexes the whole text (no nested worker) */

/* The search indexes at `urls` (after `first`, when given) merged into one. */
function loadIndexes(urls, first) {
  return Promise.all(urls.map(function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  })).then(function (indexes) {
    if (first) indexes.unshift(first);
    var docs = [], lang = [];
    indexes.forEach(function (index) {
      docs = docs.concat(index.docs);
      index.config.lang.forEach(function (code) { if (lang.indexOf(code) === -1) lang.push(code); });
    });
    var base = indexes[0];
    return Object.assign({}, base, { config: Object.assign({}, base.config, { lang: lang }), docs: docs });
  });
}

/* Main role: the other languages' entries added to the index, once. */
function mergeOtherLanguages() {
  if (merging || !setup || !scope.all || !scope.indexes.length) return;
  merging = true;
  loadIndexes(scope.indexes, setup).then(function (data) {
    answerAgain = lastQuery !== null;
    dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data: twoSteps(data), merged: true } }));
  }).catch(function (error) {
    merging = false;
    console.warn("search: the other languages' pages could not be loaded:", error);
  });
}

/* What Material here indexes first: `data` with only its title fields indexed (results still
 * show the text); the nested worker indexes the whole text once these are ready. Without nested
 * workers, the whole of `data`. */
function twoSteps(data) {
  indexed = data;
  if (ROLE !== "main" || !scope.own) { localIsWhole = true; return withFoldedText(data); }
  localIsWhole = false;
  if (typeof Worker === "undefined") { setTimeout(indexWholeTextHere, 0); return data; }
  fullWanted = true;
  var fields = {};
  QUICK_FIELDS.forEach(function (name) { if (data.config.fields[name]) fields[name] = data.config.fields[name]; });
  return Object.assign({}, data, { config: Object.assign({}, data.config, { fields: fields }) });
}

/* Material here indexes the whole text itself (no nested worker). */
function indexWholeTextHere() {
  fullWanted = false;
  full = null;
  fullReady = false;
  loadIndexes([scope.own].concat(merging ? scope.indexes : [])).then(function (data) {
    localIsWhole = true;
    answerAgain = lastQuery !== null;
    data = withFoldedText(Object.assign({}, setupExtra(), data));
    dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data: data, merged: true } }));
  }).catch(function (error) { console.warn("search: the whole index could not be loaded:", error); });
}

/* What the page's SETUP carries besides the index (Material's search options). */
function setupExtra() {
  var extra = Object.assign({}, setup);
  delete extra.docs;
  delete extra.config;
  return extra;
}

/* Main role: the nested worker loads the same indexes itself (nothing large is copied between
 * threads) and indexes their whole text; it answers every query once ready. */
function startFull() {
  if (!fullWanted) return;
  fullWanted = false;
  try {
    if (!full) {
      var url = new URL(self.location.href);
      url.searchParams.set("role", "full");
      full = new Worker(url.href);
      full.onmessage = function (event) {
        var message = event.data;
        if (!message) return;
        if (message.type === READY) {
          fullReady = true;
          post({ type: "index", data: "whole" });
          if (lastQuery !== null) full.postMessage({ type: QUERY, data: lastQuery });
        } else if (message.type === RESULT) {
          post(message); /* scoped and marked by the nested worker's own wrapper */
        } else if (message.type === "failed") {
          console.warn("search: the whole-text index could not be built:", message.data);
          indexWholeTextHere();
        }
      };
      full.onerror = function (error) {
        /* handled here: without preventDefault() the error would also reach the page */
        error.preventDefault();
        console.warn("search: the whole-text index could not be built:", error.message);
        indexWholeTextHere();
      };
      full.postMessage({ type: "scope", data: scope });
    }
    fullReady = false;
    /* options (Material's search features) and the like come with the page's SETUP, not the index */
    full.postMessage({ type: "load", urls: [scope.own].concat(merging ? scope.indexes : []), extra: setupExtra() });
  } catch (error) {
    indexWholeTextHere();
  }
}

/* fold() of one word, remembered: results repeat the same words, and a query's results can hold
 * a thousand entries to mark. */
var folds = new Map();
function foldWord(word) {
  var folded = folds.get(word);
  if (folded === undefined) {
    if (folds.size > 100000) folds.clear();
    folded = fold(word);
    folds.set(word, folded);
  }
  return folded;
}

/* The accent-free forms of the words of `html` that folding changes, each once (what
 * scripts/build/search_index.py folded_words gives for titles): the index file leaves them out of the
 * text, to be a third smaller. */
function foldedWords(html) {
  var words = {};
  (html || "").replace(/<[^>]*>/g, " ").normalize("NFC").split(/[^\p{L}\p{N}]+/u).forEach(function (word) {
    if (!word) return;
    var folded = foldWord(word);
    if (folded !== word.toLowerCase()) words[folded] = true;
  });
  return Object.keys(words).sort().join(" ");
}

/* An article's page entry (not one of its sections): "articles/<year>/<slug>/" after the language. */
var ARTICLE_PAGE = /^(?:[a-z]{2}(?:-[A-Za-z]+)?\/)?articles\/[^\/#]+\/[^\/#]+\/$/;
var ARTICLE = /^(?:[a-z]{2}(?:-[A-Za-z]+)?\/)?articles\/[^\/#]+\/[^\/#]+\/(?:#|$)/;

/* The lead of an article's page entry: the first paragraph of its text. */
function leadOf(doc) {
  if (!ARTICLE_PAGE.test(doc.location || "")) return "";
  var match = /<p\b[^>]*>([\s\S]*?)<\/p>/.exec(doc.text || "");
  return match ? match[1] : "";
}

/* `data` with the folded words of each entry's text, where there are any, in a `folded` field,
 * and each article's lead in `lead` (its folded words in `folded_lead`), where declared. */
function withFoldedText(data) {
  var fields = data.config.fields;
  if (!fields.folded && !fields.lead) return data;
  var docs = data.docs.map(function (doc) {
    var extra = {};
    if (fields.folded && typeof doc.folded !== "string") {
      var folded = foldedWords(doc.text);
      if (folded) extra.folded = folded;
    }
    if (fields.lead && typeof doc.lead !== "string") {
      var lead = leadOf(doc);
      if (lead) {
        extra.lead = lead;
        var foldedLead = fields.folded_lead ? foldedWords(lead) : "";
        if (foldedLead) extra.folded_lead = foldedLead;
      }
    }
    return Object.keys(extra).length ? Object.assign({}, doc, extra) : doc;
  });
  return Object.assign({}, data, { docs: docs });
}

function fold(text) {
  return text.normalize("NFD").replace(/\p{Mn}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/* A word the reader has finished typing (another word or a space follows) must match a whole
 * word: Material makes every word a prefix, and "di" would then match "dịch", "diễn", "điều"...
 * (Vietnamese syllables are short). "^1" (a neutral boost) is how Material's query syntax says
 * "no wildcard"; the word being typed stays a prefix. */
function whole(word) {
  return /^[+\-]|[~^:*]/.test(word) ? word : word + "^1";
}

/* Every word of the query, plus its folded form when that differs; quoted phrases and words
 * with a modifier (+ - ~ ^ :) are folded instead, so that required terms stay satisfiable. */
function expandQuery(query) {
  query = query.normalize("NFC");
  var finished = /\s$/.test(query);
  var parts = query.split(/("[^"]*")/);
  return parts.map(function (part, index) {
    if (index % 2 === 1) return fold(part);
    var words = part.split(/\s+/).filter(Boolean);
    var lastPart = index === parts.length - 1 && !/\s$/.test(part);
    return words.map(function (word, position) {
      var done = finished || !lastPart || position < words.length - 1;
      var folded = fold(word);
      var forms = folded === word.toLowerCase() ? [word]
        : /^[+\-]|[~^:]/.test(word) ? [folded] : [word, folded];
      return forms.map(function (form) { return done ? whole(form) : form; }).join(" ");
    }).join(" ");
  }).join(" ").trim();
}

function inScope(location) {
  if (scope.all) return true;
  if (scope.prefix) return location.indexOf(scope.prefix) === 0;
  return !scope.others.some(function (prefix) { return location.indexOf(prefix) === 0; });
}

/* A word that is "missing" only in one spelling while another spelling of it matched. */
function withoutFoldedMisses(terms) {
  var matched = {};
  Object.keys(terms).forEach(function (term) { if (terms[term]) matched[fold(term)] = true; });
  var result = {};
  Object.keys(terms).forEach(function (term) {
    if (terms[term] || !matched[fold(term)]) result[term] = terms[term];
  });
  return result;
}

/* The folded query words, for highlighting ("bo ngoai" marks "Bộ Ngoại") and ranking. */
function foldedTerms(query) {
  var words = fold(query.normalize("NFC").replace(/(^|\s)[+\-]/g, "$1")).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.filter(function (word, i) { return words.indexOf(word) === i; })
    .map(function (word) { return { word: word }; });
}

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* How many of the query's words a page's entries matched (a word matches in any of its forms). */
function coverage(group, terms) {
  var matched = {};
  group.forEach(function (item) {
    Object.keys(item.terms || {}).forEach(function (term) {
      if (item.terms[term]) matched[foldWord(term)] = true;
    });
  });
  return terms.filter(function (term) { return matched[term.word]; }).length;
}

/* Pages that match more of the query's words first; for the same match, articles before index
 * pages (glossary, topics, home, archive); then Material's order (its score). */
function ranked(groups, terms) {
  return groups.map(function (group, position) {
    return { group: group, position: position, covered: coverage(group, terms),
             article: ARTICLE.test(group[0].location) ? 0 : 1 };
  }).sort(function (a, b) {
    return b.covered - a.covered || a.article - b.article || a.position - b.position;
  }).map(function (entry) { return entry.group; });
}

/* `html` with a <mark> on every whole word whose folded form is a folded query word, and on no
 * other: Material's marks on words a typed prefix only starts ("cung", "của" for "cu") are taken
 * out, and the words it could not mark because the query had no accents ("Bộ" for "bo") are put in. */
function markFolded(html, terms) {
  if (typeof html !== "string") return html;
  var words = {};
  terms.forEach(function (term) { words[term.word] = true; });
  var unmarked = html.replace(/<mark>([^<]*)<\/mark>/gi, "$1");
  if (!terms.length) return unmarked;
  return unmarked.split(/(<[^>]*>)/).map(function (part) {
    if (part.charAt(0) === "<") return part;
    return part.replace(/(&#?\w+;)|[\p{L}\p{N}]+/gu, function (word, entity) {
      return !entity && words[foldWord(word)] ? "<mark>" + word + "</mark>" : word;
    });
  }).join("");
}

function scopedResult(data) {
  var terms = lastQuery === null ? [] : foldedTerms(lastQuery);
  var items = (data.items || []).filter(function (group) {
    return group.length && inScope(group[0].location);
  }).map(function (group) {
    return group.map(function (item) {
      var title = markFolded(item.title, terms);
      if (item.meta && item.location.indexOf("#") === -1)
        title += '<span class="search-result__meta">' + escapeHtml(item.meta) + "</span>";
      return Object.assign({}, item, {
        title: title,
        text: markFolded(item.text, terms),
        terms: withoutFoldedMisses(item.terms || {})
      });
    });
  });
  return Object.assign({}, data, { items: ranked(items, terms) });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (!message) return;
  if (message.type === "load" && ROLE === "full") {
    event.stopImmediatePropagation();
    loadIndexes(message.urls).then(function (data) {
      data = withFoldedText(Object.assign({}, message.extra, data));
      dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data: data, merged: true } }));
    }).catch(function (error) { post({ type: "failed", data: String(error) }); });
    return;
  }
  if (message.type === "scope") {
    event.stopImmediatePropagation();
    scope = message.data;
    scope.indexes = scope.indexes || [];
    if (ROLE === "full") return; /* the main worker asks again */
    if (full) full.postMessage(message);
    mergeOtherLanguages();
    if (fullReady && lastQuery !== null) full.postMessage({ type: QUERY, data: lastQuery });
    else if (ready && lastQuery !== null)
      dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: lastQuery } }));
    return;
  }
  if (message.type === SETUP && !message.merged) {
    setup = message.data;
    merging = false;
    message.data = twoSteps(setup);
    setTimeout(mergeOtherLanguages, 0); /* after Material has set up the page's own index */
  }
  if (message.type === QUERY) {
    lastQuery = message.data;
    if (fullReady) {
      event.stopImmediatePropagation();
      full.postMessage({ type: QUERY, data: lastQuery });
      return;
    }
    message.data = expandQuery(message.data);
  }
});

var post = self.postMessage.bind(self);
self.postMessage = function (message) {
  if (message && message.type === READY) {
    ready = true;
    /* the whole text is indexed on another thread, but that thread competes for the processor:
     * start it once the first query has been answered, or after FULL_DELAY_MS without one */
    if (fullWanted) fullTimer = setTimeout(startFull, FULL_DELAY_MS);
    if (ROLE === "main") post({ type: "index", data: localIsWhole ? "whole" : "titles" });
    if (answerAgain) {
      answerAgain = false;
      setTimeout(function () {
        dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: lastQuery } }));
      }, 0);
    }
  }
  if (message && message.type === RESULT) {
    message = { type: RESULT, data: scopedResult(message.data) };
    if (fullWanted) {
      clearTimeout(fullTimer);
      fullTimer = setTimeout(startFull, 0);
    }
  }
  post(message);
};

/* Material's worker, named by the page (only a file name of this folder is accepted). */
(function () {
  var name = new URL(self.location.href).searchParams.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) throw new Error("search-scope.js: bad worker name " + name);
  importScripts(name);
})();
