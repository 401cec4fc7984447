"""Generated glossary and topic pages of both languages, from glossary/ and the articles."""
from __future__ import annotations

import pickle
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.core.collation import collation_key
from scripts.core.content import LANGUAGES, Article, article_paths, label, load_articles
from scripts.core.cache import cache_path, code_digest, combined, files_digest
from scripts.core.fsutil import ROOT, write_atomic
from scripts.glossary.terms import KINDS, Term, load_terms
from scripts.core.markdown import escape_inline
from scripts.glossary.topics import ArticleInfo, Topic, load_topics, site_index

GLOSSARY_PAGE = "glossary/index.md"
TOPICS_DIR = "topics"
SETTINGS_FILE = ROOT / "config" / "pages.yml"
_SETTINGS = {"appears_in_limit": 1, "topic_recent_with_lead": 1}  # name: minimum


@lru_cache(maxsize=1)
def settings(path: Path = SETTINGS_FILE) -> dict[str, int]:
    """The page-size settings of config/pages.yml, validated."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    for name, minimum in _SETTINGS.items():
        value = data.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise ValueError(f"{path}: field {name!r}: expected a whole number >= {minimum}, found {value!r}")
    return data


def unindexed(lines: list[str]) -> list[str]:
    """`lines` of Markdown inside a block that Material's search leaves out of the index, so that
    lists of other pages do not copy their text into the index once per list."""
    return ["<div markdown data-search-exclude>", "", *lines, "", "</div>", ""]


@dataclass(frozen=True)
class SiteData:
    """Everything the glossary pages and the article hook need, read once."""

    terms: dict[str, Term]
    topics: dict[str, Topic]
    articles: dict[str, ArticleInfo]  # Vietnamese articles by rel, newest first
    english: dict[str, Article]  # English translations by rel

    def title(self, rel: str, lang: str) -> tuple[str, bool]:
        """(title in `lang` or the Vietnamese one, whether a translation exists)."""
        shown = self.shown(rel, lang)
        return shown.title, lang == "vi" or rel in self.english

    def shown(self, rel: str, lang: str) -> Article:
        return self.english.get(rel) if lang != "vi" and rel in self.english else self.articles[rel].article


_cache: dict = {}


def inputs_fingerprint(docs: Path) -> tuple:
    """Path, size and modification time of every file site_data reads."""
    root = Path(docs).resolve().parent
    files = [*sorted((root / "glossary").glob("*/*.yml")),
             *(p for lang in LANGUAGES for p in article_paths(Path(docs), lang))]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def site_data(docs: Path) -> SiteData:
    """Terms, topics and articles of the project whose docs folder is `docs`; raises GlossaryError.
    Read once while the inputs are unchanged (a build asks for it once per language and hook)."""
    key = inputs_fingerprint(docs)
    if _cache.get("key") != key:
        _cache.update(key=key, data=stored_site_data(docs, [Path(name) for name, _, _ in key]))
    return _cache["data"]


SITE_DATA_CACHE = "site-data.pickle"


def stored_site_data(docs: Path, inputs: list[Path]) -> SiteData:
    """site_data as the last process that read the same inputs (content and code) stored it in
    .cache/, else read and stored: the pages stage and each language's build process would
    otherwise each match every term in every article again. The cache is this checkout's own
    (git-ignored); an unreadable or stale one is read afresh."""
    root = Path(docs).resolve().parent
    digest = combined(files_digest(inputs, root), code_digest())
    path = cache_path(root, SITE_DATA_CACHE)
    try:
        stored = pickle.loads(path.read_bytes())
        if isinstance(stored, dict) and stored.get("digest") == digest:
            return stored["data"]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    data = read_site_data(docs)
    try:
        write_atomic(path, pickle.dumps({"digest": digest, "data": data}, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only checkout builds all the same
    return data


def read_site_data(docs: Path) -> SiteData:
    root = Path(docs).resolve().parent
    terms = load_terms(root)
    topics = load_topics(root, {t.id for t in terms})
    infos = site_index(Path(docs), terms, topics)
    english = {a.rel: a for a in load_articles(Path(docs), "en")}
    return SiteData({t.id: t for t in terms}, {t.id: t for t in topics}, infos, english)


def link(from_page: str, target: str) -> str:
    """Relative link from one page to another, both given by their path under docs/<lang>/."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def term_heading(term: Term, lang: str) -> str:
    name = term.name(lang)
    if lang != "vi" and term.en_abbr and term.en_abbr != name:
        name = f"{name} ({term.en_abbr})"
    return escape_inline(name)


def article_item(data: SiteData, rel: str, lang: str, page: str, lead: bool = False) -> str:
    """A list item linking to an article: title, date, outlet (and the lead, on topic pages)."""
    title, translated = data.title(rel, lang)
    article = data.articles[rel].article
    date = article.date.date().isoformat() if article.date else label(lang, "undated")
    outlet = str(article.meta.get("outlet") or "")
    details = " · ".join(escape_inline(x) for x in (date, outlet) if x)
    suffix = "" if translated else f" ({label(lang, 'not_translated')})"
    line = f"- [{escape_inline(title)}]({link(page, rel)}){suffix} — {details}"
    description = str(data.shown(rel, lang).meta.get("description") or "")
    if lead and description:
        line += f"  \n  {escape_inline(description)}"
    return line


def term_entry(data: SiteData, term: Term, lang: str, appears_in: list[str]) -> list[str]:
    """The lines of one glossary entry, headed by an anchor {#term-id}."""
    page = GLOSSARY_PAGE
    other = "en" if lang == "vi" else "vi"
    lines = [f"### {term_heading(term, lang)} {{#{term.id}}}", ""]
    facts = [f"**{label(lang, 'glossary_other_language')}:** {term_heading(term, other)}"]
    own_variants = term.vi_variants if lang == "vi" else tuple(v for v in (*term.en_variants,) if v)
    if own_variants:
        facts.append(f"**{label(lang, 'glossary_variants')}:** " + ", ".join(escape_inline(v) for v in own_variants))
    if term.untranslated:
        facts.append(f"**{label(lang, 'glossary_untranslated')}**")
    lines += ["  \n".join(facts), "", escape_inline(term.definition(lang)), ""]
    if term.forbidden:
        lines.append(f"**{label(lang, 'glossary_forbidden')}:**")
        lines.append("")
        lines += [f"- <del>{escape_inline(f['form'])}</del> — {escape_inline(f['reason'])}" for f in term.forbidden]
        lines.append("")
    links = []
    related = [data.terms[r] for r in term.related if r in data.terms]
    if related:
        links.append(f"**{label(lang, 'glossary_related')}:** " + ", ".join(
            f"[{term_heading(r, lang)}](#{r.id})" for r in related))
    topics = [data.topics[t] for t in term.topics if t in data.topics]
    if topics:
        links.append(f"**{label(lang, 'glossary_topics')}:** " + ", ".join(
            f"[{escape_inline(t.title(lang))}]({link(page, f'{TOPICS_DIR}/{t.id}.md')})" for t in topics))
    if links:
        lines += ["  \n".join(links), ""]
    if appears_in:
        limit = settings()["appears_in_limit"]
        shown = ", ".join(f"[{escape_inline(data.title(rel, lang)[0])}]({link(page, rel)})"
                          for rel in appears_in[:limit])
        more = len(appears_in) - limit
        if more > 0:
            shown += " " + label(lang, "glossary_appears_more", count=more)
        lines += unindexed([f"**{label(lang, 'glossary_appears_in')}:** {shown}"])
    return lines + [""]


def glossary_page(data: SiteData, lang: str) -> str:
    """docs/<lang>/glossary/index.md: every term, grouped by kind, alphabetical in `lang`."""
    lines = [f"# {label(lang, 'glossary_title')}", "", label(lang, "glossary_intro"), "",
             f"*{label(lang, 'generated_notice')}*", ""]
    for kind in KINDS:
        terms = sorted((t for t in data.terms.values() if t.kind == kind), key=lambda t: collation_key(t.name(lang)))
        if not terms:
            continue
        lines += [f"## {label(lang, f'kind_{kind}')} {{#kind-{kind}}}", ""]
        for term in terms:
            appears = [rel for rel, info in data.articles.items() if term.id in info.terms]
            lines += term_entry(data, term, lang, appears)
    return "\n".join(lines).rstrip() + "\n"


def key_terms(data: SiteData, topic: Topic) -> list[Term]:
    """The topic's rule terms and the terms that list the topic, alphabetical in Vietnamese."""
    ids = dict.fromkeys([*topic.terms, *(t.id for t in data.terms.values() if topic.id in t.topics)])
    return [data.terms[i] for i in ids if i in data.terms]


def topic_page(data: SiteData, topic: Topic, lang: str) -> str:
    """docs/<lang>/topics/<id>.md: description, articles newest first, key terms, related topics."""
    page = f"{TOPICS_DIR}/{topic.id}.md"
    lines = [f"# {escape_inline(topic.title(lang))}", "", escape_inline(topic.description(lang)), "",
             f"## {label(lang, 'topic_articles')} {{#articles}}", ""]
    rels = [rel for rel, info in data.articles.items() if topic.id in info.topics]
    recent = settings()["topic_recent_with_lead"]
    lines += unindexed([article_item(data, rel, lang, page, lead=True) for rel in rels[:recent]]
                       or [label(lang, "no_articles")])
    if rels[recent:]:
        lines += [f"### {label(lang, 'topic_older')} {{#older}}", ""]
        lines += unindexed(older_items(data, rels[recent:], lang, page))
    terms = sorted(key_terms(data, topic), key=lambda t: collation_key(t.name(lang)))
    if terms:
        lines += ["", f"## {label(lang, 'topic_key_terms')} {{#key-terms}}", ""]
        lines += [f"- [{term_heading(t, lang)}]({link(page, GLOSSARY_PAGE + '#' + t.id)})" for t in terms]
    related = [data.topics[r] for r in topic.related if r in data.topics]
    if related:
        lines += ["", f"## {label(lang, 'topic_related')} {{#related-topics}}", ""]
        lines += [f"- [{escape_inline(r.title(lang))}]({r.id}.md)" for r in related]
    return "\n".join(lines).rstrip() + "\n"


def older_items(data: SiteData, rels: list[str], lang: str, page: str) -> list[str]:
    """Compact list items (title and date), a bold year line before each year's first article."""
    lines, year = [], object()
    for rel in rels:
        date = data.articles[rel].article.date
        if (date.year if date else None) != year:
            year = date.year if date else None
            lines += ["", f"**{year if year else label(lang, 'undated')}**", ""]
        title, translated = data.title(rel, lang)
        suffix = "" if translated else f" ({label(lang, 'not_translated')})"
        when = date.date().isoformat() if date else label(lang, "undated")
        lines.append(f"- [{escape_inline(title)}]({link(page, rel)}){suffix} — {when}")
    return lines


def topic_index_page(data: SiteData, lang: str) -> str:
    """docs/<lang>/topics/index.md: every topic with its description and article count."""
    lines = [f"# {label(lang, 'topics_title')}", "", label(lang, "topics_intro"), ""]
    topics = sorted(data.topics.values(), key=lambda t: collation_key(t.title(lang)))
    for topic in topics:
        count = sum(topic.id in info.topics for info in data.articles.values())
        lines.append(f"- [{escape_inline(topic.title(lang))}]({topic.id}.md) "
                     f"({label(lang, 'topic_count', count=count)}) — {escape_inline(topic.description(lang))}")
    return "\n".join(lines).rstrip() + "\n"


def glossary_site_pages(docs: Path) -> dict[str, str]:
    """Generator for scripts.pages: the glossary and topic pages of both languages."""
    data = site_data(docs)
    pages = {}
    for lang in LANGUAGES:
        pages[f"{lang}/{GLOSSARY_PAGE}"] = glossary_page(data, lang)
        pages[f"{lang}/{TOPICS_DIR}/index.md"] = topic_index_page(data, lang)
        for topic in data.topics.values():
            pages[f"{lang}/{TOPICS_DIR}/{topic.id}.md"] = topic_page(data, topic, lang)
    return pages


def stale_pages(docs: Path, data: SiteData) -> list[Path]:
    """Generated topic pages whose topic file was removed (deleted before the next build)."""
    keep = {"index", *data.topics}
    return [page for lang in LANGUAGES for page in sorted((Path(docs) / lang / TOPICS_DIR).glob("*.md"))
            if page.stem not in keep]
