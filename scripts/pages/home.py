"""The parts of the hand-written home pages: each `<!-- site:NAME -->` marker is filled, at build time,
with the newest articles, the topics or a line on the glossary, in the page's language."""
from __future__ import annotations

from scripts.core.content import ARTICLES_DIR
from scripts.core.markdown import escape_inline
from scripts.pages.items import article_item
from scripts.pages.model import TOPICS_DIR, SiteData

LATEST_COUNT = 5
HOME_PAGE = "index.md"


def latest_part(data: SiteData, lang: str, labels) -> str:
    """The newest articles, in the page's language where translated."""
    lines = [article_item(data, rel, lang, HOME_PAGE, labels, display=True) for rel in list(data.articles)[:LATEST_COUNT]]
    if not lines:
        lines = [labels(lang, "no_articles")]
    lines += ["", f"[{labels(lang, 'home_all_articles')}]({ARTICLES_DIR}/index.md)"]
    return "\n".join([f"## {labels(lang, 'home_latest')}", "", *lines])


def topics_part(data: SiteData, lang: str, labels) -> str:
    """Links to the topic pages, when there are any."""
    if not data.topics:
        return ""
    links = [f"- [{escape_inline(t.title(lang))}]({TOPICS_DIR}/{t.id}.md)" for t in data.topics.values()]
    return "\n".join([f"## {labels(lang, 'home_topics')}", "", *links])


def glossary_part(data: SiteData, lang: str, labels) -> str:
    """One line linking the glossary page, with its number of terms."""
    text = labels(lang, "home_glossary_text", count=len(data.terms))
    return f"## {labels(lang, 'home_glossary')}\n\n[{text}](glossary/index.md)"


def home_parts(data: SiteData, lang: str, labels) -> dict[str, str]:
    """{marker name: Markdown} for the home page of `lang`; a part with nothing to show is empty."""
    return {"latest": latest_part(data, lang, labels), "topics": topics_part(data, lang, labels),
            "glossary": glossary_part(data, lang, labels)}
