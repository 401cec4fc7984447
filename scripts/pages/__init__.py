"""Generated pages (archive, glossary, topics, status): derived from data at every build."""
from __future__ import annotations

import argparse
import calendar
from collections.abc import Callable
from pathlib import Path

from scripts.core.cache import code_digest, combined, file_digest, files_digest, read_cache, text_digest, write_cache
from scripts.core.content import (ARTICLES_DIR, LABELS_FILE, LANGUAGES, UNSEARCHED, Article, article_paths,
                             articles_by_folder, label, load_articles, year_name)
from scripts.core.fsutil import ROOT, write_if_changed
from scripts.pages.model import SETTINGS_FILE, glossary_site_pages
from scripts.core.markdown import escape_inline
from scripts.pages.status import status_pages

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
    lines = [*UNSEARCHED, f"# {label(lang, 'archive_title')}: {year_name(folder, lang)}", "",
             f"[{label(lang, 'archive_all_years')}](../index.md)", ""]
    month = None
    for article in articles:
        date = article.date
        if date and date.month != month:
            month = date.month
            lines += ["", f"## {label(lang, 'month', month=month, month_name=calendar.month_name[month])}", ""]
        lines.append(archive_entry(article, own.get(article.rel), lang, f"{ARTICLES_DIR}/{folder}"))
    return "\n".join(lines).rstrip() + "\n"


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


PAGES_CACHE = "pages.json"  # under .cache/: the inputs and outputs of the last generation


def generate(docs: Path = ROOT / "docs") -> list[Path]:
    """Write every generated page that changed; return the paths written. Nothing is generated
    when neither the inputs nor the generated pages changed since the last generation."""
    docs = Path(docs)
    root = docs.resolve().parent
    inputs = inputs_digest(docs)
    last = read_cache(root, PAGES_CACHE)
    if last.get("inputs") == inputs and outputs_intact(docs, last.get("outputs")):
        return []
    written, outputs = [], {}
    for generator in GENERATORS:
        for rel, text in generator(docs).items():
            path = docs / rel
            outputs[rel] = text_digest(text)
            if write_if_changed(path, text):
                written.append(path)
    write_cache(root, PAGES_CACHE, {"inputs": inputs, "outputs": outputs})
    return written


def input_files(docs: Path) -> list[Path]:
    """Every file the generators read: the articles of both languages, glossary/ (terms, topics),
    the page settings and the interface words."""
    root = Path(docs).resolve().parent
    glossary = sorted(p for p in (root / "glossary").rglob("*") if p.is_file() and not p.name.startswith("."))
    articles = [p for lang in LANGUAGES for p in article_paths(Path(docs), lang)]
    return [*articles, *glossary, SETTINGS_FILE, LABELS_FILE]


def inputs_digest(docs: Path) -> str:
    """Digest of every input of the generators (see input_files), of which generators run, and of
    the pipeline's code."""
    docs = Path(docs).resolve()
    generators = ",".join(f"{g.__module__}.{g.__qualname__}" for g in GENERATORS)
    return combined(docs.name, generators, files_digest(input_files(docs), docs.parent), code_digest())


def outputs_intact(docs: Path, outputs) -> bool:
    """Whether every page of the last generation is still on disk exactly as it was written (a
    deleted or hand-edited generated page is regenerated)."""
    if not isinstance(outputs, dict) or not outputs:
        return False
    return all(file_digest(Path(docs) / rel) == digest for rel, digest in outputs.items())


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "pages",
        help="regenerate the generated pages (archive, glossary, topics, status)",
        description="Write the pages derived from articles and glossary data; unchanged pages are not rewritten, "
                    "and nothing is generated while no input and no generated page changed (.cache/pages.json).",
    )
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="docs folder (default: docs/)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    written = generate(args.docs)
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} generated page(s) changed")
    return 0
