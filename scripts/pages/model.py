"""The site as data, read once: terms, topics, every article of both languages with the terms it
mentions, its topics and related articles, and the side-by-side view's marks of their pages.
The generated pages and the build's hooks read it.

A process keeps it while the digest of its input files is the same; .cache/site-data.json keeps it
between processes (JSON, never pickle), keyed on the same digest and the code that computed it."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from scripts.core.cache import cache_path, code_digest, combined, file_digest, files_digest
from scripts.core.content import LANGUAGES, Article, article_paths, load_articles
from scripts.core.fsutil import write_atomic
from scripts.core.schema import Document, Field, SchemaError, field_problems
from scripts.glossary.terms import GlossaryError, Term, load_terms, read_terms, term_files
from scripts.glossary.topics import ArticleInfo, Topic, TopicRules, load_topics, read_topics, site_index, topic_files
from scripts.core.status import has_english, translation_info
from scripts.pages.marks import article_marks

GLOSSARY_DIR = "glossary"
GLOSSARY_PAGE = f"{GLOSSARY_DIR}/index.md"
TOPICS_DIR = "topics"
SITE_DATA_CACHE = "site-data.json"


@dataclass(frozen=True)
class PageSettings:
    """config/pages.yml: sizes of the generated pages, and how topics are assigned to articles."""

    appears_in_limit: int
    topic_recent_with_lead: int
    topic_min_mentions: int = TopicRules.min_mentions
    topics_per_article: int = TopicRules.per_article
    digest: str = field(default="", compare=False)

    @property
    def topic_rules(self) -> TopicRules:
        return TopicRules(self.topic_min_mentions, self.topics_per_article)


PAGE_SETTINGS = {
    "appears_in_limit": Field(int, "a whole number", required=True, minimum=1),
    "topic_recent_with_lead": Field(int, "a whole number", required=True, minimum=1),
    "topic_min_mentions": Field(int, "a whole number", minimum=1),
    "topics_per_article": Field(int, "a whole number", minimum=1),
}


def page_settings_from(doc: Document) -> PageSettings:
    if problems := field_problems(doc, doc.data, PAGE_SETTINGS):
        raise SchemaError(problems)
    return PageSettings(**{name: doc.data[name] for name in PAGE_SETTINGS if name in doc.data}, digest=doc.digest)


@dataclass(frozen=True)
class SiteData:
    """Everything the generated pages and the article hook need, read once. Articles carry their
    front matter, not their body."""

    terms: dict[str, Term]
    topics: dict[str, Topic]
    articles: dict[str, ArticleInfo]  # Vietnamese articles by rel, newest first
    english: dict[str, Article]  # English translations by rel, newest first
    # The side-by-side view's marks of each article page by language and rel: (digest of its
    # Markdown, ((offset, attribute list), …)) (pages/marks.py); none for an English page that no
    # longer follows the Vietnamese paragraph for paragraph.
    marks: dict[str, dict[str, tuple]] = field(default_factory=dict)
    # English pages with nothing in English yet (status "untranslated"): translate writes one for
    # every article, for translators; readers get the Vietnamese article in their place, as for an
    # article without an English page, so they are not in `english`.
    untranslated: tuple[str, ...] = ()

    @property
    def withheld(self) -> frozenset[str]:
        """The untranslated English pages' paths under docs/, which the build leaves out (build/article.py)."""
        return frozenset(f"en/{rel}" for rel in self.untranslated)

    def title(self, rel: str, lang: str) -> tuple[str, bool]:
        """(title in `lang` or the Vietnamese one, whether it is in `lang`)."""
        return self.text(rel, lang, "title")

    def text(self, rel: str, lang: str, key: str) -> tuple[str, bool]:
        """(front-matter text `key`, title or description, in `lang` or else the Vietnamese one,
        whether it is in `lang`): on an English page with passages still pending, a field still in
        Vietnamese (the same text as the Vietnamese page's) is not English."""
        vi = self.articles[rel].article
        own = vi.title if key == "title" else str(vi.meta.get(key) or "")
        english = self.english.get(rel) if lang != "vi" else None
        if english is None:
            return own, lang == "vi"
        text = english.title if key == "title" else str(english.meta.get(key) or "")
        pending = translation_info(english.meta).get("pending")
        return text, not (pending and " ".join(text.split()) == " ".join(own.split()))

    def shown(self, rel: str, lang: str) -> Article:
        return self.english.get(rel) if lang != "vi" and rel in self.english else self.articles[rel].article

    def translation(self, rel: str, lang: str) -> Article | None:
        """The article in `lang` when it has its own page in that language."""
        return self.articles[rel].article if lang == "vi" else self.english.get(rel)


def input_files(project) -> list[Path]:
    """Every file site data is read from: term and topic files, the topic rules (config/pages.yml),
    the articles of both languages and the translation memory of the translated ones."""
    english = article_paths(project.docs, "en")
    base = project.lang_dir("en")
    return [*term_files(project), *topic_files(project), project.config_file("pages"),
            *article_paths(project.docs, "vi"), *english,
            *(project.memory_file(p.relative_to(base).as_posix()) for p in english)]


# The packages whose code computes site data (and the generated pages).
CODE = ("pages", "glossary", "translate")


def inputs_digest(project) -> str:
    """Digest of the inputs of site data and of the code that computes it."""
    return combined(files_digest(input_files(project), project.root), code_digest(*CODE))


_MEMO: dict[str, tuple[str, SiteData]] = {}  # project root → (inputs digest, its site data)


def site_data(project, lenient: bool = False, digest: str | None = None) -> SiteData:
    """Terms, topics and articles of the project; GlossaryError for a bad glossary. Hashing the
    inputs first (so an edit during the read can only cause a needless read next time), then the
    same data in this process, else from .cache/, else read and stored.

    `lenient` (the preview): with a bad term or topic file, the site data without it, its problems
    in `LEFT_OUT` (never stored in .cache/: a strict build reads the files again and fails).
    `digest`: the inputs' digest when the caller has just computed it (inputs_digest)."""
    digest = digest or inputs_digest(project)
    known = _MEMO.get(str(project.root))
    if known is None or known[0] != digest:
        try:
            known = _MEMO[str(project.root)] = (digest, stored_site_data(project, digest))
            LEFT_OUT.clear()
        except GlossaryError as exc:
            if not lenient:
                raise
            LEFT_OUT[:] = exc.problems
            known = _MEMO[str(project.root)] = (digest, read_site_data(project, lenient=True))
    elif LEFT_OUT and not lenient:  # known in this process only as a preview without the bad files
        raise GlossaryError(LEFT_OUT)
    return known[1]


LEFT_OUT: list = []
# project root → what each article's site data was computed from and came to (site_index's terms and
# mentions, the side-by-side marks), so that a process reading the site data again after an edit
# (the preview) redoes only the articles whose bytes, memory, terms or topics changed.
_ARTICLES: dict[str, dict] = {}  # the problems of the files the last lenient read left out


def stored_site_data(project, digest: str) -> SiteData:
    path = cache_path(project.root, SITE_DATA_CACHE)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, dict) and stored.get("digest") == digest:
            return decoded(stored["data"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # missing, corrupt or from other code: read afresh
    data = read_site_data(project)
    try:
        write_atomic(path, json.dumps({"digest": digest, "data": encoded(data)}, ensure_ascii=False), project.root)
    except (OSError, TypeError):
        pass  # a read-only checkout, or front matter JSON cannot hold: built all the same
    return data


def read_site_data(project, lenient: bool = False) -> SiteData:
    if lenient:  # the files that read cleanly; consistency between them is not asked
        terms, _ = read_terms(project)
        topics, _ = read_topics(project)
        known = {t.id for t in terms}
        topics = [t for t in topics if set(t.terms) <= known]
    else:
        terms = load_terms(project)
        topics = load_topics(project, {t.id for t in terms})
    memo = _ARTICLES.setdefault(str(project.root), {"index": {}, "marks": {}})
    infos = site_index(load_articles(project.docs, "vi"), terms, topics, project.page_settings().topic_rules,
                       memo["index"])
    every = load_articles(project.docs, "en")
    translated = {a.rel: a for a in every if has_english(a.meta)}
    untranslated = tuple(a.rel for a in every if a.rel not in translated and a.rel in infos)
    marks: dict[str, dict[str, tuple]] = {"vi": {}, "en": {}}
    for rel, info in infos.items():
        english = translated.get(rel)
        key = (info.article.digest, english and english.digest, file_digest(project.memory_file(rel)))
        known = memo["marks"].get(rel)
        if known is None or known[0] != key:
            known = memo["marks"][rel] = (key, article_marks(project, info.article, english))
        for lang, page in known[1].items():
            if page is not None:
                marks[lang][rel] = page
    articles = {rel: dataclasses.replace(info, article=_without_body(info.article)) for rel, info in infos.items()}
    english = {rel: _without_body(a) for rel, a in translated.items()}
    return SiteData({t.id: t for t in terms}, {t.id: t for t in topics}, articles, english, marks, untranslated)


def _without_body(article: Article) -> Article:
    return dataclasses.replace(article, body="")


# ─── The JSON form of site data (values of front matter keep their types) ─────────────

def _value(value):
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value) or any(k.startswith("$") for k in value):
            raise TypeError("front matter with keys JSON cannot hold")
        return {k: _value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{type(value).__name__} in front matter")


def _typed(value):
    if isinstance(value, dict):
        if "$datetime" in value:
            return dt.datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


def _article(article: Article) -> dict:
    return {"rel": article.rel, "lang": article.lang, "meta": _value(article.meta), "digest": article.digest}


def encoded(data: SiteData) -> dict:
    return {
        "terms": [dataclasses.asdict(t) for t in data.terms.values()],
        "topics": [dataclasses.asdict(t) for t in data.topics.values()],
        "articles": [{**_article(i.article), "terms": i.terms, "topics": i.topics, "related": i.related}
                     for i in data.articles.values()],
        "english": [_article(a) for a in data.english.values()],
        "marks": {lang: {rel: [digest, [list(pair) for pair in insertions]] for rel, (digest, insertions) in pages.items()}
                  for lang, pages in data.marks.items()},
        "untranslated": list(data.untranslated),
    }


def _as_article(item: dict) -> Article:
    return Article(item["rel"], item["lang"], _typed(item["meta"]), "", item["digest"])


def decoded(data: dict) -> SiteData:
    def frozen(cls, item: dict):
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in item.items()})

    terms = [frozen(Term, {**t, "forbidden": [dict(f) for f in t["forbidden"]],
                           "references": [dict(r) for r in t.get("references") or ()]}) for t in data["terms"]]
    topics = [frozen(Topic, t) for t in data["topics"]]
    articles = {a["rel"]: ArticleInfo(_as_article(a), tuple(a["terms"]), tuple(a["topics"]), tuple(a["related"]))
                for a in data["articles"]}
    english = {a["rel"]: _as_article(a) for a in data["english"]}
    marks = {lang: {rel: (digest, tuple(tuple(pair) for pair in insertions)) for rel, (digest, insertions) in pages.items()}
             for lang, pages in data["marks"].items()}
    return SiteData({t.id: t for t in terms}, {t.id: t for t in topics}, articles, english, marks,
                    tuple(data["untranslated"]))


# ─── Links between generated pages ────────────────────────────────────────────────────

@functools.lru_cache(maxsize=1 << 16)  # pure; the generators ask for the same links many times
def link(from_page: str, target: str) -> str:
    """Relative link from one page to another, both given by their path under docs/<lang>/."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=1 << 16)
def html_href(from_page: str, target: str) -> str:
    """The address of the page `target` in an HTML link written on the page `from_page` (both
    paths under docs/<lang>/; pages are served as folders: articles/2024/x.md is articles/2024/x/).
    Long lists are written as HTML: Markdown and MkDocs' link checks would cost ~15 ms per
    200-item list, for the same HTML."""
    def folder(rel: str) -> str:
        path = posixpath.splitext(rel)[0]
        return posixpath.dirname(path) if posixpath.basename(path) == "index" else path
    return posixpath.relpath(folder(target), folder(from_page)) + "/"


def unindexed(lines: list[str]) -> list[str]:
    """`lines` of Markdown inside a block that Material's search leaves out of the index, so that
    lists of other pages do not copy their text into the index once per list."""
    return ["<div markdown data-search-exclude>", "", *lines, "", "</div>", ""]


def term_page(term_id: str) -> str:
    """The path of a term's page under docs/<lang>/."""
    return f"{GLOSSARY_DIR}/{term_id}.md"


def stale_pages(project, data: SiteData) -> list[Path]:
    """Generated topic and term pages whose topic or term file was removed (deleted before the next build)."""
    stale = []
    for folder, ids in ((TOPICS_DIR, data.topics), (GLOSSARY_DIR, data.terms)):
        keep = {"index", *ids}
        stale += [page for lang in LANGUAGES for page in sorted((project.lang_dir(lang) / folder).glob("*.md"))
                  if page.stem not in keep]
    return stale


@dataclass(frozen=True)
class Inputs:
    """What the generators read, loaded once per generation: the site data, the interface words
    and the page settings (each knows the digest of the file it came from)."""

    data: SiteData
    labels: object  # scripts.core.labels.Labels
    settings: PageSettings


Pages = dict[str, str]  # path under docs/ → Markdown
