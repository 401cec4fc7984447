"""The footer of an article page: its topics and its related articles, as Markdown (when links
must go through MkDocs) or as the same HTML written after Markdown, with its table of contents."""
from __future__ import annotations

from html import escape

import markdown
from mkdocs.structure.toc import AnchorLink

from scripts.core.labels import Labels
from scripts.core.markdown import escape_inline
from scripts.pages.model import TOPICS_DIR, SiteData


def footer_sections(data: SiteData, rel: str, lang: str, labels: Labels) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The sections appended to an article, left out of the search index (an article should not
    match the titles of the pages it lists): [(anchor, heading, [(target page under docs/<lang>/,
    link text and text after the link, both as Markdown made of plain text and character references)])]
    for its topics and its related articles."""
    info = data.articles.get(rel)
    if info is None:
        return []
    sections = []
    topics = [data.topics[t] for t in info.topics if t in data.topics]
    if topics:
        sections.append(("article-topics", labels(lang, "article_topics"),
                         [(f"{TOPICS_DIR}/{t.id}.md", escape_inline(t.title(lang)), "") for t in topics]))
    if info.related:
        items = []
        for other in info.related:
            title, translated = data.title(other, lang)
            after = "" if translated else f" ({escape_inline(labels(lang, 'not_translated'))})"
            items.append((other, escape_inline(title), after))
        sections.append(("related-articles", labels(lang, "article_related"), items))
    return sections


def footer_heading(anchor: str, heading: str) -> str:
    return f"## {escape_inline(heading)} {{#{anchor} data-search-exclude}}"


def footer_markdown(sections: list, footer_link) -> str:
    """footer_sections as Markdown; `footer_link(target, Markdown text)` writes each link."""
    lines = []
    for anchor, heading, items in sections:
        lines += [footer_heading(anchor, heading), ""]
        lines += [f"- {footer_link(target, text)}{after}" for target, text, after in items]
        lines.append("")
    return "\n".join(lines)


def footer_html(sections: list, config, headings: dict) -> tuple[str, list[AnchorLink]]:
    """footer_sections, links resolved to URLs, as the HTML Markdown makes of footer_markdown (the
    link text is already character references, the rest plain text), with their table-of-contents
    entries. Each heading is converted once (kept in `headings`), with the site's Markdown settings."""
    parts, toc = [], []
    for anchor, heading, items in sections:
        key = (anchor, heading)
        if key not in headings:
            md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
            html = md.convert(footer_heading(anchor, heading))
            token = md.toc_tokens[0]
            headings[key] = (html, token["name"], token["id"], token["level"])
        html, name, anchor_id, level = headings[key]
        parts += [html, "<ul>"]
        parts += [f'<li><a href="{escape(href)}">{text}</a>{after}</li>' for href, text, after in items]
        parts.append("</ul>")
        toc.append(AnchorLink(name, anchor_id, level))
    return "\n".join(parts), toc


def with_footer_toc(toc, entries: list[AnchorLink]) -> None:
    """Add the footer's headings to the page's table of contents where Markdown would have: under
    the last top-level heading when it is of a higher level (the article's title), else after it."""
    items = toc.items
    parent = items[-1] if items and items[-1].level < min(e.level for e in entries) else None
    (parent.children if parent is not None else items).extend(entries)
