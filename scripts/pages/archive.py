"""The article archive of each language: an entry page (the newest articles, a line per year) and a
page per year, its articles by month, newest first."""
from __future__ import annotations

import calendar

from scripts.core.content import ARTICLES_DIR, UNSEARCHED, year_name
from scripts.pages.items import article_item
from scripts.pages.model import LANGUAGES, Inputs, Pages, unindexed

ARCHIVE_INDEX = f"{ARTICLES_DIR}/index.md"
# Articles listed on the archive's index page, above the links to the year pages.
ARCHIVE_LATEST = 20


def by_folder(rels) -> dict[str, list[str]]:
    """Article paths grouped by their folder under articles/ (a year, or undated), in the given order."""
    groups: dict[str, list[str]] = {}
    for rel in rels:
        groups.setdefault(rel.split("/")[1], []).append(rel)
    return groups


def archive_pages(inputs: Inputs) -> Pages:
    """Generator: docs/<lang>/articles/index.md, the newest articles and a link per year with its
    count; docs/<lang>/articles/<year>/index.md, that year's articles by month, newest first. One
    page per year keeps every page small (a single list of 1,000 articles weighs ~600 KB of HTML)."""
    rels = list(inputs.data.articles)
    years = by_folder(rels)
    pages = {}
    for lang in LANGUAGES:
        pages[f"{lang}/{ARCHIVE_INDEX}"] = archive_index(inputs, rels, years, lang)
        for folder, group in years.items():
            pages[f"{lang}/{ARTICLES_DIR}/{folder}/index.md"] = archive_year(inputs, folder, group, lang)
    return pages


def archive_index(inputs: Inputs, rels: list[str], years: dict[str, list[str]], lang: str) -> str:
    """The archive's entry page: the newest articles, then one line per year."""
    label = inputs.labels
    lines = [f"# {label(lang, 'archive_title')}", "", label(lang, "archive_intro"), ""]
    if not rels:
        return "\n".join(lines + [label(lang, "no_articles")]) + "\n"
    lines += [f"## {label(lang, 'archive_latest')}", ""]
    lines += unindexed([article_item(inputs.data, rel, lang, ARCHIVE_INDEX, label) for rel in rels[:ARCHIVE_LATEST]])
    lines += ["", f"## {label(lang, 'archive_years')}", ""]
    for folder, group in years.items():
        lines.append(f"- [{year_name(folder, lang, label)}]({folder}/index.md) — "
                     f"{label.count(lang, 'archive_year_count', len(group))}")
    return "\n".join(lines) + "\n"


def archive_year(inputs: Inputs, folder: str, rels: list[str], lang: str) -> str:
    """One year's page of the archive: its articles by month, newest first. Kept out of the
    search index: it only repeats the titles of the articles, which are indexed themselves."""
    label = inputs.labels
    page = f"{ARTICLES_DIR}/{folder}/index.md"
    lines = [*UNSEARCHED, f"# {label(lang, 'archive_title')}: {year_name(folder, lang, label)}", "",
             f"[{label(lang, 'archive_all_years')}](../index.md)", ""]
    month = None
    for rel in rels:
        date = inputs.data.articles[rel].article.date
        if date and date.month != month:
            month = date.month
            lines += ["", f"## {label(lang, 'month', month=month, month_name=calendar.month_name[month])}", ""]
        lines.append(article_item(inputs.data, rel, lang, page, label))
    return "\n".join(lines).rstrip() + "\n"
