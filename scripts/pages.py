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
ARCHIVE_INDEX = f"{ARTICLES_DIR}/index.md"


# Articles listed on the archive's index page, above the links to the year pages.
ARCHIVE_LATEST = 20


def archive_pages(docs: Path) -> Pages:
    """docs/<lang>/articles/index.md: the newest articles and a link per year with its count;
    docs/<lang>/articles/<year>/index.md: that year's articles by month, newest first. One page
    per year keeps every page small (a single list of 1,000 articles weighs ~600 KB of HTML)."""
    vi_articles = load_articles(docs, "vi")
    years = articles_by_folder(vi_articles)
    pages = {}
    for lang in LANGUAGES:
        own = {a.rel: a for a in load_articles(docs, lang)} if lang != "vi" else {}
        pages[f"{lang}/{ARCHIVE_INDEX}"] = archive_index(vi_articles, years, own, lang)
        for folder, articles in years.items():
            pages[f"{lang}/{ARTICLES_DIR}/{folder}/index.md"] = archive_year(folder, articles, own, lang)
    return pages


def articles_by_folder(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles grouped by their folder under articles/ (a year, or undated), newest first."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(Path(article.rel).parent.name, []).append(article)
    return groups


def archive_index(articles: list[Article], years: dict[str, list[Article]], own: dict, lang: str) -> str:
    """The archive's entry page: the newest articles, then one line per year."""
    lines = [f"# {label(lang, 'archive_title')}", "", label(lang, "archive_intro"), ""]
    if not articles:
        return "\n".join(lines + [label(lang, "no_articles")]) + "\n"
    lines += [f"## {label(lang, 'archive_latest')}", ""]
    lines += [archive_entry(a, own.get(a.rel), lang, ARTICLES_DIR) for a in articles[:ARCHIVE_LATEST]]
    lines += ["", f"## {label(lang, 'archive_years')}", ""]
    for folder, group in years.items():
        lines.append(f"- [{year_name(folder, lang)}]({folder}/index.md) — "
                     f"{label(lang, 'archive_year_count', count=len(group))}")
    return "\n".join(lines) + "\n"


def archive_year(folder: str, articles: list[Article], own: dict, lang: str) -> str:
    """One year's page of the archive: its articles by month, newest first. Kept out of the
    search index: it only repeats the titles of the articles, which are indexed themselves."""
    lines = ["---", "search:", "  exclude: true", "---", "",
             f"# {label(lang, 'archive_title')}: {year_name(folder, lang)}", "",
             f"[{label(lang, 'archive_all_years')}](../index.md)", ""]
    month = None
    for article in articles:
        date = article.date
        if date and date.month != month:
            month = date.month
            lines += ["", f"## {label(lang, 'month', month=month, month_name=calendar.month_name[month])}", ""]
        lines.append(archive_entry(article, own.get(article.rel), lang, f"{ARTICLES_DIR}/{folder}"))
    return "\n".join(lines).rstrip() + "\n"


def year_name(folder: str, lang: str) -> str:
    return folder if folder.isdigit() else label(lang, "undated")


def archive_entry(article: Article, translated: Article | None, lang: str, base: str) -> str:
    """One list item linking to an article from a page in folder `base` (under docs/<lang>/),
    in the page language where a translation exists."""
    link = Path(article.rel).relative_to(base).as_posix()
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
