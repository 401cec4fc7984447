"""Generated reader pages: the translation status page per language and the home pages' parts."""
from __future__ import annotations

from pathlib import Path

from scripts.core import frontmatter
from scripts.core.content import (ARTICLES_DIR, DEFAULT_LANGUAGE, LANGUAGES, UNSEARCHED, Article, articles_by_folder,
                             label, load_articles, year_name)
from scripts.glossary.terms import GlossaryError, load_terms
from scripts.core.markdown import escape_inline
from scripts.build.article import STATUSES, display_date, status_name, translation_status, unmodified_share

LATEST_COUNT = 5
STATUS_PAGE = "status.md"  # the index: summary and one line per year
STATUS_DIR = "status"  # one page per year: status/<year>.md


Row = tuple[Article, Article | None, str]  # (Vietnamese article, English article or None, English status)


def _shown(vi: Article, own: dict[str, Article], lang: str) -> Article:
    return own.get(vi.rel, vi) if lang != DEFAULT_LANGUAGE else vi


def status_rows(docs: Path) -> list[Row]:
    """(Vietnamese article, English article or None, English status) for every article."""
    english = {a.rel: a for a in load_articles(docs, "en")}
    return [(vi, english.get(vi.rel), translation_status(english[vi.rel].meta if vi.rel in english else None))
            for vi in load_articles(docs, DEFAULT_LANGUAGE)]


def status_summary(rows: list[Row], lang: str) -> str:
    """"N articles (machine draft: n1, reviewed: n2, …)." for some rows (config/labels.yml)."""
    counts = {s: sum(1 for *_, status in rows if status == s) for s in STATUSES}
    summary = ", ".join(label(lang, "status_count", status=status_name(s, lang), count=n) for s, n in counts.items() if n)
    key = "status_summary_one" if len(rows) == 1 else "status_summary"
    return label(lang, key, count=len(rows), counts=summary)


def status_page(rows: list[Row], years: dict[str, list[Row]], lang: str) -> str:
    """Markdown of docs/<lang>/status.md: the summary of every article, then one line per year
    with its counts, linking the year's page (one page per year keeps every page small)."""
    lines = [f"# {label(lang, 'status_title')}", "", label(lang, "status_intro"), ""]
    if not rows:
        return "\n".join(lines + [label(lang, "no_articles"), ""])
    lines += [status_summary(rows, lang), "", f"## {label(lang, 'archive_years')}", ""]
    lines += [f"- [{year_name(folder, lang)}]({STATUS_DIR}/{folder}.md) — {status_summary(group, lang)}"
              for folder, group in years.items()]
    return "\n".join(lines) + "\n"


def status_year(folder: str, rows: list[Row], lang: str) -> str:
    """Markdown of docs/<lang>/status/<year>.md: that year's summary and one table row per
    article. Kept out of the search index, like the archive's year pages."""
    lines = [*UNSEARCHED, f"# {label(lang, 'status_title')}: {year_name(folder, lang)}", "",
             f"[{label(lang, 'archive_all_years')}](../{STATUS_PAGE})", "", status_summary(rows, lang), ""]
    lines += ["| " + " | ".join(label(lang, k) for k in (
        "status_col_article", "status_col_date", "status_col_status", "status_col_unmodified")) + " |",
        "|---|---|---|---|"]
    for vi, en, status in rows:
        shown = en if (lang != DEFAULT_LANGUAGE and en is not None) else vi
        title = escape_inline(shown.title).replace("|", "&#124;")
        share = unmodified_share(en.meta) if (en is not None and status == "machine-draft") else None
        cells = (f"[{title}](../{vi.rel})", display_date(vi.date, lang), status_name(status, lang),
                 f"{share}%" if share is not None else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def status_pages(docs: Path) -> dict[str, str]:
    """Generator (scripts.pages.GENERATORS): docs/<lang>/status.md and docs/<lang>/status/<year>.md
    for every language."""
    rows = status_rows(Path(docs))
    by_rel = {vi.rel: (vi, en, status) for vi, en, status in rows}
    years = {folder: [by_rel[a.rel] for a in group]
             for folder, group in articles_by_folder([vi for vi, *_ in rows]).items()}
    pages = {}
    for lang in LANGUAGES:
        pages[f"{lang}/{STATUS_PAGE}"] = status_page(rows, years, lang)
        for folder, group in years.items():
            pages[f"{lang}/{STATUS_DIR}/{folder}.md"] = status_year(folder, group, lang)
    return pages


# ─── Home page parts: the hand-written home pages hold `<!-- site:NAME -->` markers ───────────

def latest_part(docs: Path, lang: str) -> str:
    """The newest articles, in the page's language where translated."""
    own = {a.rel: a for a in load_articles(docs, lang)} if lang != DEFAULT_LANGUAGE else {}
    articles = load_articles(docs, DEFAULT_LANGUAGE)
    lines = []
    for vi in articles[:LATEST_COUNT]:
        shown = _shown(vi, own, lang)
        suffix = f" ({label(lang, 'not_translated')})" if lang != DEFAULT_LANGUAGE and shown is vi else ""
        outlet = escape_inline(str(vi.meta.get("outlet") or ""))
        details = " · ".join(x for x in (display_date(vi.date, lang), outlet) if x)
        lines.append(f"- [{escape_inline(shown.title)}]({vi.rel}){suffix} — {details}")
    if not lines:
        lines = [label(lang, "no_articles")]
    lines += ["", f"[{label(lang, 'home_all_articles')}]({ARTICLES_DIR}/index.md)"]
    return "\n".join([f"## {label(lang, 'home_latest')}", "", *lines])


def _title_of(path: Path) -> str:
    meta, body = frontmatter.read(path)
    if meta.get("title"):
        return str(meta["title"])
    heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), None)
    return heading or path.stem


def topics_part(docs: Path, lang: str) -> str:
    """Links to the generated topic pages (docs/<lang>/topics/), when there are any."""
    folder = Path(docs) / lang / "topics"
    pages = sorted(p for p in folder.glob("*.md") if p.name != "index.md") if folder.is_dir() else []
    if not pages:
        return ""
    links = [f"- [{escape_inline(_title_of(p))}](topics/{p.name})" for p in pages]
    return "\n".join([f"## {label(lang, 'home_topics')}", "", *links])


def glossary_part(docs: Path, lang: str) -> str:
    """One line linking the glossary page, with its number of terms, when it exists."""
    page = Path(docs) / lang / "glossary" / "index.md"
    if not page.is_file():
        return ""
    try:
        count = len(load_terms(Path(docs).parent))
    except GlossaryError:
        count = 0
    text = label(lang, "home_glossary_text", count=count)
    return f"## {label(lang, 'home_glossary')}\n\n[{text}](glossary/index.md)"


def home_parts(docs: Path, lang: str) -> dict[str, str]:
    """{marker name: Markdown} for the home page of `lang`; a part with nothing to show is empty."""
    return {
        "latest": latest_part(docs, lang),
        "topics": topics_part(docs, lang),
        "glossary": glossary_part(docs, lang),
    }

