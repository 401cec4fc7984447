"""One way to list an article on a generated page (archive, topics, home): a link with its title in
the page's language, then its date and outlet, and on topic pages its lead."""
from __future__ import annotations

from scripts.core.dates import display_date
from scripts.core.labels import Labels
from scripts.core.markdown import escape_inline
from scripts.pages.model import SiteData, link


def article_date(data: SiteData, rel: str, lang: str, labels: Labels) -> str:
    """The article's day as readers of `lang` write it (11/11/2024, 11 November 2024), the same on
    every page of the site; "≈ " before a date ingest inferred (no page printed it)."""
    article = data.articles[rel].article
    shown = display_date(article.date, lang, labels)
    return f"≈ {shown}" if article.date and article.meta.get("date_source") == "inferred" else shown


def article_item(data: SiteData, rel: str, lang: str, page: str, labels: Labels, *, outlet: bool = True,
                 lead: bool = False) -> str:
    """A Markdown list item linking to article `rel` from `page` (both paths under docs/<lang>/):
    its title in `lang` (the Vietnamese one, marked "not translated", where there is no
    translation), its date and, with `outlet`, its outlet; with `lead`, its lead below."""
    title, translated = data.title(rel, lang)
    suffix = "" if translated else f" ({labels(lang, 'not_translated')})"
    details = [escape_inline(article_date(data, rel, lang, labels))]
    if outlet:
        meta = data.articles[rel].article.meta
        details.append(escape_inline(str((meta.get("outlet_en") if lang == "en" else None) or meta.get("outlet") or "")))
    line = f"- [{in_its_language(title, translated)}]({link(page, rel)}){suffix} — {' · '.join(x for x in details if x)}"
    description, in_lang = data.text(rel, lang, "description")
    if lead and description:
        line += f"  \n  {in_its_language(description, in_lang)}"
    return line


def in_its_language(text: str, translated: bool) -> str:
    """`text` as Markdown text, marked as Vietnamese where it stands for a missing translation (so that
    a screen reader reads it as Vietnamese)."""
    return escape_inline(text) if translated else f'<span lang="vi">{escape_inline(text)}</span>'

