/* Search worker wrapper: Vietnamese-aware queries and results scoped to one language.
 *
 * Loaded instead of Material's worker (assets/javascripts/site.js swaps the URL) and imports it,
 * so Material's own index and ranking run unchanged. Before Material sees a query it:
 *   - normalizes it to NFC (decomposed input equals composed),
 *   - adds the accent-free form of every word with diacritics ("thoả" → "thoả thoa"), which the
 *     index's folded fields (hooks/search.py) match whatever the tone-mark style or accents.
 * Before a result leaves the worker it keeps only pages of the reader's language (scope message
 * from the page), marks the words its folded forms matched (Material marks exact matches only),
 * and drops "missing" marks of a word whose folded form matched.
 *
 * The page gives Material only its own language's index. When the reader asks for both languages,
 * the other languages' indexes are fetched once and Material's index is rebuilt with all of them;
 * the last query is then answered again.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var scope = { all: false, prefix: "", others: [], indexes: [] };
var lastQuery = null;
var ready = false;
var setup = null;        /* the page's SETUP data: its own language's index */
var merging = false;     /* the other languages' indexes are being fetched, or merged already */
var answerAgain = false; /* answer the last query again once Material is ready */

/* Material's index rebuilt with the other languages' pages, once. */
function mergeOtherLanguages() {
  if (merging || !setup || !scope.all || !scope.indexes.length) return;
  merging = true;
  Promise.all(scope.indexes.map(function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  })).then(function (indexes) {
    var docs = setup.docs.slice();
    var lang = setup.config.lang.slice();
    indexes.forEach(function (index) {
      docs = docs.concat(index.docs);
      index.config.lang.forEach(function (code) { if (lang.indexOf(code) === -1) lang.push(code); });
    });
    var data = Object.assign({}, setup, { config: Object.assign({}, setup.config, { lang: lang }), docs: docs });
    answerAgain = lastQuery !== null;
    dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data: data, merged: true } }));
  }).catch(function (error) {
    merging = false;
    console.warn("search: the other languages' pages could not be loaded:", error);
  });
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

/* The folded query words, for highlighting ("bo ngoai" marks "Bộ Ngoại"). */
function foldedTerms(query) {
  var words = fold(query.normalize("NFC")).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  var typing = /[\p{L}\p{N}]$/u.test(query);
  return words.map(function (word, position) {
    return { word: word, prefix: typing && position === words.length - 1 };
  }).filter(function (term) { return term.word.length > 1; });
}

/* `html` with every word whose folded form starts with a folded query word in <mark>, except
 * inside tags and inside Material's own marks (which it set on exact matches). */
function markFolded(html, terms) {
  if (!terms.length || typeof html !== "string") return html;
  var inMark = false;
  return html.split(/(<[^>]*>)/).map(function (part) {
    if (part.charAt(0) === "<") {
      if (/^<mark\b/i.test(part)) inMark = true;
      else if (/^<\/mark>/i.test(part)) inMark = false;
      return part;
    }
    if (inMark) return part;
    return part.replace(/[\p{L}\p{N}]+/gu, function (word) {
      var folded = fold(word);
      var hit = terms.some(function (term) {
        return term.prefix ? folded.indexOf(term.word) === 0 : folded === term.word;
      });
      return hit && folded !== word.toLowerCase() ? "<mark>" + word + "</mark>" : word;
    });
  }).join("");
}

function scopedResult(data) {
  var terms = lastQuery === null ? [] : foldedTerms(lastQuery);
  var items = (data.items || []).filter(function (group) {
    return group.length && inScope(group[0].location);
  }).map(function (group) {
    return group.map(function (item) {
      return Object.assign({}, item, {
        title: markFolded(item.title, terms),
        text: markFolded(item.text, terms),
        terms: withoutFoldedMisses(item.terms || {})
      });
    });
  });
  return Object.assign({}, data, { items: items });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (!message) return;
  if (message.type === "scope") {
    event.stopImmediatePropagation();
    scope = message.data;
    scope.indexes = scope.indexes || [];
    mergeOtherLanguages();
    if (ready && lastQuery !== null)
      dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: lastQuery } }));
    return;
  }
  if (message.type === SETUP && !message.merged) {
    setup = message.data;
    merging = false;
    setTimeout(mergeOtherLanguages, 0); /* after Material has set up the page's own index */
  }
  if (message.type === QUERY) {
    lastQuery = message.data;
    message.data = expandQuery(message.data);
  }
});

var post = self.postMessage.bind(self);
self.postMessage = function (message) {
  if (message && message.type === READY) {
    ready = true;
    if (answerAgain) {
      answerAgain = false;
      setTimeout(function () {
        dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: lastQuery } }));
      }, 0);
    }
  }
  if (message && message.type === RESULT) message = { type: RESULT, data: scopedResult(message.data) };
  post(message);
};

/* Material's worker, named by the page (only a file name of this folder is accepted). */
(function () {
  var name = new URL(self.location.href).searchParams.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) throw new Error("search-scope.js: bad worker name " + name);
  importScripts(name);
})();
