"""The translation status pages of each language: a summary of every article's English version and a
line per year, then a page per year with one table row per article."""
from __future__ import annotations

from html import escape

from scripts.core.content import UNSEARCHED, Article, year_name
from scripts.core.dates import display_date
from scripts.core.markdown import escape_inline
from scripts.core.status import STATUSES, status_name, translation_status, uncovered, unmodified_percent
from scripts.pages.archive import by_folder
from scripts.pages.model import LANGUAGES, Inputs, Pages, html_href

STATUS_PAGE = "status.md"  # the index: summary and one line per year
STATUS_DIR = "status"  # one page per year: status/<year>.md

Row = tuple[Article, Article | None, str]  # (Vietnamese article, English article or None, English status)


def status_rows(inputs: Inputs) -> list[Row]:
    """(Vietnamese article, English article or None, English status) for every article, newest first."""
    data = inputs.data
    rows = []
    for rel, info in data.articles.items():
        english = data.english.get(rel)
        rows.append((info.article, english, translation_status(english.meta if english is not None else None)))
    return rows


def status_summary(inputs: Inputs, rows: list[Row], lang: str) -> str:
    """"3 articles: 1 machine draft, 2 human translations." for some rows (config/labels.yml)."""
    label = inputs.labels
    counts = {s: sum(1 for *_, status in rows if status == s) for s in STATUSES}
    summary = ", ".join(label.count(lang, "status_counted_" + s.replace("-", "_"), n) for s, n in counts.items() if n)
    return label.count(lang, "status_summary", len(rows), counts=summary)


def status_page(inputs: Inputs, rows: list[Row], years: dict[str, list[Row]], lang: str) -> str:
    """Markdown of docs/<lang>/status.md: the summary of every article, then one line per year
    with its counts, linking the year's page (one page per year keeps every page small)."""
    label = inputs.labels
    lines = [f"# {label(lang, 'status_title')}", "", label(lang, "status_intro"), ""]
    if not rows:
        return "\n".join(lines + [label(lang, "no_articles"), ""])
    lines += [status_summary(inputs, rows, lang), "", f"## {label(lang, 'archive_years')}", ""]
    lines += [f"- [{year_name(folder, lang, label)}]({STATUS_DIR}/{folder}.md) — {status_summary(inputs, group, lang)}"
              for folder, group in years.items()]
    return "\n".join(lines + review_lines(rows, lang, label)) + "\n"


def review_lines(rows: list[Row], lang: str, label) -> list[str]:
    """A section listing the articles whose metadata ingest is unsure of (`needs_review:` in their
    front matter), one line per field saying what to put in the source's sidecar."""
    lines = []
    for vi, _, _ in rows:
        notes = vi.meta.get("needs_review")
        if isinstance(notes, dict) and notes:
            hints = "; ".join(f"{escape_inline(str(field))}: {escape_inline(str(hint))}" for field, hint in notes.items())
            lines.append(f"- [{escape_inline(vi.title)}]({vi.rel}) — {hints}")
    if not lines:
        return []
    return ["", f"## {label(lang, 'status_review_title')}", "", label(lang, "status_review_intro"), "", *lines]


def status_year(inputs: Inputs, folder: str, rows: list[Row], lang: str) -> str:
    """Markdown of docs/<lang>/status/<year>.md: that year's summary and one table row per
    article. Kept out of the search index, like the archive's year pages. The table is HTML, each
    cell naming its column, so that on a phone each row reads as a card (site.css, table.stacked)."""
    label = inputs.labels
    lines = [*UNSEARCHED, f"# {label(lang, 'status_title')}: {year_name(folder, lang, label)}", "",
             f"[{label(lang, 'archive_all_years')}](../{STATUS_PAGE})", "", status_summary(inputs, rows, lang), ""]
    columns = [label(lang, k) for k in ("status_col_article", "status_col_date", "status_col_status", "status_col_unmodified")]
    lines += ['<table class="stacked">', "<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in columns) + "</tr></thead>",
              "<tbody>"]
    page = f"{STATUS_DIR}/{folder}.md"
    for vi, en, status in rows:
        title, in_lang = inputs.data.title(vi.rel, lang)
        share = unmodified_percent(en.meta) if (en is not None and status == "machine-draft") else None
        in_vietnamese = "" if in_lang else ' lang="vi"'  # no translation to show
        name = status_name(status, lang, label)
        if missing := (uncovered(en.meta) if en is not None else 0):  # a restructured page leaves some out
            name = label.count(lang, "status_missing", missing, status=name)
        cells = (f'<a href="{escape(html_href(page, vi.rel))}"{in_vietnamese}>{escape(" ".join(title.split()))}</a>',
                 escape(display_date(vi.date, lang, label)), escape(name), f"{share}%" if share is not None else "")
        lines.append("<tr>" + "".join(f'<td data-label="{escape(c)}">{x}</td>' if i else f"<td>{x}</td>"
                                      for i, (c, x) in enumerate(zip(columns, cells))) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines) + "\n"


def status_pages(inputs: Inputs) -> Pages:
    """Generator: docs/<lang>/status.md and docs/<lang>/status/<year>.md for every language."""
    rows = status_rows(inputs)
    by_rel = {vi.rel: (vi, en, status) for vi, en, status in rows}
    years = {folder: [by_rel[rel] for rel in group] for folder, group in by_folder(by_rel).items()}
    pages = {}
    for lang in LANGUAGES:
        pages[f"{lang}/{STATUS_PAGE}"] = status_page(inputs, rows, years, lang)
        for folder, group in years.items():
            pages[f"{lang}/{STATUS_DIR}/{folder}.md"] = status_year(inputs, folder, group, lang)
    return pages
