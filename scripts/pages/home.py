"""The parts of the hand-written home pages: each `<!-- site:NAME -->` marker is filled, at build time,
with the newest articles (the newest one with its lead), the topics as cards with their number of
articles, or a line on the glossary, in the page's language. The lists of other pages stay out of
the search index (each page they list is indexed itself)."""
from __future__ import annotations

from scripts.core.content import ARTICLES_DIR
from scripts.core.markdown import escape_inline
from scripts.pages.items import article_item
from scripts.pages.model import TOPICS_DIR, SiteData, unindexed

LATEST_COUNT = 5
HOME_PAGE = "index.md"


def latest_part(data: SiteData, lang: str, labels) -> str:
    """The newest articles, in the page's language where translated; the newest with its lead."""
    rels = list(data.articles)[:LATEST_COUNT]
    lines = [article_item(data, rel, lang, HOME_PAGE, labels, lead=index == 0) for index, rel in enumerate(rels)]
    if not lines:
        lines = [labels(lang, "no_articles")]
    lines += ["", f"[{labels(lang, 'home_all_articles')}]({ARTICLES_DIR}/index.md)"]
    return "\n".join([f"## {labels(lang, 'home_latest')}", "", *unindexed(lines)])


def topics_part(data: SiteData, lang: str, labels) -> str:
    """The topics as cards (Material's grid cards): title and number of articles, when there are any."""
    if not data.topics:
        return ""
    counts = {t: sum(t in info.topics for info in data.articles.values()) for t in data.topics}
    cards = [f"- [{escape_inline(t.title(lang))}]({TOPICS_DIR}/{t.id}.md)  \n  {labels.count(lang, 'topic_count', counts[t.id])}"
             for t in data.topics.values()]
    return "\n".join([f"## {labels(lang, 'home_topics')}", "",
                      *unindexed(['<div class="grid cards" markdown>', "", *cards, "", "</div>"])])


def glossary_part(data: SiteData, lang: str, labels) -> str:
    """One line linking the glossary page, with its number of terms."""
    text = labels(lang, "home_glossary_text", count=len(data.terms))
    return f"## {labels(lang, 'home_glossary')}\n\n[{text}](glossary/index.md)"


def home_parts(data: SiteData, lang: str, labels) -> dict[str, str]:
    """{marker name: Markdown} for the home page of `lang`; a part with nothing to show is empty."""
    return {"latest": latest_part(data, lang, labels), "topics": topics_part(data, lang, labels),
            "glossary": glossary_part(data, lang, labels)}
