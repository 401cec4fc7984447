"""Generated pages (archive, glossary, topics, status): derived from data at every build."""
from __future__ import annotations

import argparse
import calendar
from collections.abc import Callable
from pathlib import Path

from scripts.content import ARTICLES_DIR, LANGUAGES, Article, label, load_articles
from scripts.fsutil import ROOT, write_if_changed
from scripts.glossary_pages import glossary_site_pages
from scripts.markdown_text import escape_inline
from scripts.reader_pages import status_pages

Pages = dict[str, str]  # path under docs/ → Markdown


def archive_pages(docs: Path) -> Pages:
    """docs/<lang>/articles/index.md: every article by year and month, newest first."""
    vi_articles = load_articles(docs, "vi")
    pages = {}
    for lang in LANGUAGES:
        own = {a.rel: a for a in load_articles(docs, lang)} if lang != "vi" else {}
        lines = [f"# {label(lang, 'archive_title')}", "", label(lang, "archive_intro"), ""]
        if not vi_articles:
            lines += [label(lang, "no_articles"), ""]
        year = month = None
        for article in vi_articles:
            date = article.date
            if (date and date.year) != year:
                year = date.year if date else None
                month = None
                lines += [f"## {year if year else label(lang, 'undated')}", ""]
            if date and date.month != month:
                month = date.month
                lines += [f"### {label(lang, 'month', month=month, month_name=calendar.month_name[month])}", ""]
            lines.append(archive_entry(article, own.get(article.rel), lang))
        rel = f"{lang}/{ARTICLES_DIR}/index.md"
        pages[rel] = "\n".join(lines).rstrip() + "\n"
    return pages


def archive_entry(article: Article, translated: Article | None, lang: str) -> str:
    """One list item linking to an article, in the page language where a translation exists."""
    link = Path(article.rel).relative_to(ARTICLES_DIR).as_posix()
    shown = translated or article
    title = escape_inline(shown.title)
    date = article.date.date().isoformat() if article.date else label(lang, "undated")
    outlet = escape_inline(str(article.meta.get("outlet") or ""))
    suffix = "" if lang == "vi" or translated else f" ({label(lang, 'not_translated')})"
    details = " · ".join(x for x in (date, outlet) if x)
    return f"- [{title}]({link}){suffix} — {details}"


# Every generator of the site, in order. Each returns {path under docs/: Markdown}.
GENERATORS: list[Callable[[Path], Pages]] = [archive_pages, glossary_site_pages, status_pages]


def generate(docs: Path = ROOT / "docs") -> list[Path]:
    """Write every generated page that changed; return the paths written."""
    written = []
    for generator in GENERATORS:
        for rel, text in generator(Path(docs)).items():
            path = Path(docs) / rel
            if write_if_changed(path, text):
                written.append(path)
    return written


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "pages",
        help="regenerate the generated pages (archive, glossary, topics, status)",
        description="Write the pages derived from articles and glossary data; unchanged pages are not rewritten.",
    )
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="docs folder (default: docs/)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    written = generate(args.docs)
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} generated page(s) changed")
    return 0
