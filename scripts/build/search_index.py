"""The site's search index made Vietnamese-aware (folded accent-free fields, no fallback copies, UTF-8)
and split into one index per language."""
from __future__ import annotations

import functools

import json
import re
from pathlib import Path

from scripts.core.vietnamese import fold, normalize

# Extra fields each entry may carry; they must be declared under the search plugin's `fields`
# in mkdocs.yml (Material's worker only indexes declared fields). The index file carries the
# folded title; the folded words of the text are added in the browser, by the worker that indexes
# the whole text (overrides/assets/javascripts/workers/search-scope.js): a third of the
# Vietnamese index's size otherwise.
FOLDED_FIELDS = {"folded_title": "title"}
DECLARED_FIELDS = ("folded_title", "folded")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")


class SearchIndexError(ValueError):
    """The search index or its configuration is not what this module expects."""


def folded_words(html: str) -> str:
    """The accent-free forms of the words of an index field that folding changes, each once,
    sorted: "Bộ Ngoại giao" → "bo ngoai". A word that folding leaves alone is already matched by
    the field itself, and the folded field only has to be found, not shown or highlighted; this
    keeps the index a fraction of the size of a folded copy of the whole text."""
    words = set(_WORD.findall(normalize(_TAG.sub(" ", html))))
    return " ".join(sorted({folded for w in words if (folded := _fold_word(w)) != w.lower()}))


# Each distinct word is folded once per build: an index repeats the same few thousand words.
_fold_word = functools.lru_cache(maxsize=1 << 17)(fold)


def with_folded_fields(entry: dict) -> dict:
    """The entry plus the folded words of its title and text, where there are any
    (English entries gain nothing)."""
    result = dict(entry)
    for field, source in FOLDED_FIELDS.items():
        folded = folded_words(str(entry.get(source, "")))
        if folded:
            result[field] = folded
        else:
            result.pop(field, None)
    return result


def page_sources(location: str, lang_prefixes: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """(language prefix, candidate Markdown paths under docs/<lang>/) of an index location."""
    path = location.split("#", 1)[0]
    prefix = next((p for p in lang_prefixes if p and path.startswith(p)), "")
    rel = path[len(prefix):].strip("/")
    if not rel:
        return prefix, ("index.md",)
    return prefix, (f"{rel}.md", f"{rel}/index.md", f"{rel}/README.md")


def is_fallback_copy(location: str, docs: Path, languages: dict[str, str], withheld=frozenset()) -> bool:
    """True when `location` is an extra language's page that static-i18n filled in with the
    default language's text (no source file of its own, or one the build left out: `withheld`,
    paths under docs/ of English pages with nothing in English yet, SiteData.withheld): such
    copies would show Vietnamese results on the English site and twice on the Vietnamese one."""
    prefixes = tuple(p for p in languages.values() if p)
    prefix, candidates = page_sources(location, prefixes)
    if not prefix:
        return False
    lang = next(code for code, p in languages.items() if p == prefix)
    return not any((Path(docs) / lang / rel).is_file() and f"{lang}/{rel}" not in withheld for rel in candidates)


def rewritten_index(data: dict, docs: Path, languages: dict[str, str], withheld=frozenset()) -> dict:
    """The index with folded fields added and fallback copies removed (see is_fallback_copy).

    `languages` maps each locale to its URL prefix ("" for the default, "en/" for English).
    """
    fields = data.get("config", {}).get("fields", {})
    missing = [f for f in DECLARED_FIELDS if f not in fields]
    if missing:
        raise SearchIndexError(
            f"mkdocs.yml: plugins.search.fields must declare {', '.join(missing)} "
            f"(found only {', '.join(fields) or 'none'}); Material's search ignores undeclared fields"
        )
    docs_entries = [with_folded_fields(e) for e in data.get("docs", [])
                    if not is_fallback_copy(str(e.get("location", "")), docs, languages, withheld)]
    return {**data, "docs": docs_entries}


def index_bytes(data: dict) -> bytes:
    """The index as compact UTF-8 JSON (Material writes \\u escapes: a third larger for Vietnamese)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def language_of(location: str, languages: dict[str, str]) -> str:
    """The locale whose URL prefix `location` starts with (the default language has none)."""
    for code, prefix in languages.items():
        if prefix and location.startswith(prefix):
            return code
    return next(code for code, prefix in languages.items() if not prefix)


def split_by_language(data: dict, languages: dict[str, str]) -> dict[str, dict]:
    """{locale: index of that language's pages only}, each with its own lunr language.

    A reader searches the pages of their language: each language's pages load only its own index,
    half the download and half the indexing work in the browser of one merged index
    (assets/javascripts/workers/search-scope.js loads the others when "both languages" is ticked)."""
    split: dict[str, list] = {code: [] for code in languages}
    for entry in data.get("docs", []):
        split[language_of(str(entry.get("location", "")), languages)].append(entry)
    config = data.get("config", {})
    return {code: {**data, "config": {**config, "lang": [code]}, "docs": docs} for code, docs in split.items()}


def index_path(prefix: str) -> str:
    """Where the index of the language with URL `prefix` is written, under site/."""
    return f"{prefix}search/search_index.json"


def titles_path(prefix: str) -> str:
    """Where the titles-only index of the language with URL `prefix` is written, under site/."""
    return f"{prefix}search/search_titles.json"


TITLE_FIELDS = ("location", "title", "folded_title", "tags", "boost", "meta")
EXCERPT_WORDS = 12


def excerpt(html: str, words: int = EXCERPT_WORDS) -> str:
    """The first `words` words of an entry's text, as escaped plain text."""
    from html import escape, unescape

    kept = unescape(_TAG.sub(" ", html)).split()
    return escape(" ".join(kept[:words]) + (" …" if len(kept) > words else ""), quote=False)


def titles_index(index: dict) -> dict:
    """The index a page loads first: each entry's title fields and the beginning of its text.

    The search answers from the titles at once (the page has a small file to read and the browser
    little to index) while a worker loads and indexes the whole text (search-scope.js)."""
    docs = [{**{k: e[k] for k in TITLE_FIELDS if k in e}, "text": excerpt(str(e.get("text", "")))}
            for e in index.get("docs", [])]
    return {**index, "docs": docs}


def updated_index(old: dict, new: dict) -> dict:
    """`old` with the pages `new` indexes indexed as `new` says (a dirty build of the preview
    indexes only the pages it built again): each such page's entries where its old ones were, a
    page `old` did not have at the end."""
    def page(entry) -> str:
        return str(entry.get("location", "")).split("#", 1)[0]

    fresh: dict[str, list] = {}
    for entry in new.get("docs", []):
        fresh.setdefault(page(entry), []).append(entry)
    docs, placed = [], set()
    for entry in old.get("docs", []):
        key = page(entry)
        if key not in fresh:
            docs.append(entry)
        elif key not in placed:
            docs += fresh[key]
            placed.add(key)
    docs += [entry for key, entries in fresh.items() if key not in placed for entry in entries]
    return {**new, "docs": docs}


def with_article_meta(index: dict, meta_of) -> dict:
    """The index with each article's page entry given `meta`, its date and outlet as `meta_of(location)`
    says (shown under its title in the results by the search worker; not a searched field)."""
    docs = []
    for entry in index.get("docs", []):
        location = str(entry.get("location", ""))
        meta = None if "#" in location else meta_of(location)
        docs.append({**entry, "meta": meta} if meta else entry)
    return {**index, "docs": docs}


def article_meta(project, lang: str, prefix: str, labels):
    """meta_of(location) for with_article_meta: "11/11/2024 · Outlet" of the article at `location`
    (its header's facts in `lang`), None for any other page."""
    from scripts.build.article import article_header
    from scripts.core.content import DEFAULT_LANGUAGE, is_article, read_article

    def meta_of(location: str) -> str | None:
        rel = location.removeprefix(prefix).rstrip("/") + ".md"
        if not is_article(rel) or not project.page(DEFAULT_LANGUAGE, rel).is_file():
            return None
        header = article_header(read_article(project.docs, DEFAULT_LANGUAGE, rel), lang, labels)
        date = header["date_text"] if header["date_iso"] else labels(lang, "undated")
        return " · ".join(x for x in (date, header["outlet"]) if x)

    return meta_of


def write_indexes(config, log=None) -> None:
    """Once static-i18n has merged every language's entries into one index: the index made
    Vietnamese-aware (folded fields, no fallback copies) and written as one index and one
    titles-only index per language (search/ and en/search/), UTF-8."""
    from scripts.build import i18n
    from scripts.build.mkdocs_events import project_of
    from scripts.core.fsutil import write_atomic

    if i18n.nested(config):
        return  # a nested per-language build: the merged index does not exist yet
    site = Path(config.site_dir)
    path = site / index_path("")
    if not path.is_file():
        return
    raw = path.read_bytes()
    languages = i18n.prefixes(config)
    project = project_of(config)
    labels = project.labels()
    from scripts.build.terms import build_data

    merged = rewritten_index(json.loads(raw), project.docs, languages, build_data(config).withheld)
    sizes = []
    built = i18n.built_languages(config)  # one language's build (SITE_BUILD_LANGUAGE) writes its own index only
    for code, index in split_by_language(merged, languages).items():
        if code not in built:
            continue
        index = with_article_meta(index, article_meta(project, code, languages[code], labels))
        data = index_bytes(index)
        write_atomic(site / index_path(languages[code]), data)
        write_atomic(site / titles_path(languages[code]), index_bytes(titles_index(index)))
        sizes.append(f"{code} {len(data)}")
    if log is not None:
        log(f"search index: {len(raw)} bytes merged → {', '.join(sizes)} bytes (folded fields, UTF-8, per language)")
