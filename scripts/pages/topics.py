"""Topic pages of each language: the index of topics, and a page per topic with its articles
(newest first, the newest with their lead), key terms and related topics."""
from __future__ import annotations

from scripts.core.collation import collation_key
from scripts.core.markdown import escape_inline
from scripts.glossary.terms import Term
from scripts.glossary.topics import Topic
from scripts.pages.glossary import term_heading
from scripts.pages.items import article_item
from scripts.pages.model import LANGUAGES, TOPICS_DIR, Inputs, Pages, SiteData, link, term_page, unindexed


def key_terms(data: SiteData, topic: Topic) -> list[Term]:
    """The topic's rule terms and the terms that list the topic, alphabetical in Vietnamese."""
    ids = dict.fromkeys([*topic.terms, *(t.id for t in data.terms.values() if topic.id in t.topics)])
    return [data.terms[i] for i in ids if i in data.terms]


def topic_page(inputs: Inputs, topic: Topic, lang: str) -> str:
    """docs/<lang>/topics/<id>.md: description, articles newest first, key terms, related topics."""
    data, label = inputs.data, inputs.labels
    page = f"{TOPICS_DIR}/{topic.id}.md"
    lines = [f"# {escape_inline(topic.title(lang))}", "", escape_inline(topic.description(lang)), "",
             f"## {label(lang, 'topic_articles')} {{#articles}}", ""]
    rels = [rel for rel, info in data.articles.items() if topic.id in info.topics]
    recent = inputs.settings.topic_recent_with_lead
    lines += unindexed([article_item(data, rel, lang, page, label, lead=True) for rel in rels[:recent]]
                       or [label(lang, "no_articles")])
    if rels[recent:]:
        lines += [f"### {label(lang, 'topic_older')} {{#older}}", ""]
        lines += unindexed(older_items(inputs, rels[recent:], lang, page))
    terms = sorted(key_terms(data, topic), key=lambda t: collation_key(t.name(lang)))
    if terms:
        lines += ["", f"## {label(lang, 'topic_key_terms')} {{#key-terms}}", ""]
        lines += [f"- [{term_heading(t, lang)}]({link(page, term_page(t.id))})" for t in terms]
    related = [data.topics[r] for r in topic.related if r in data.topics]
    if related:
        lines += ["", f"## {label(lang, 'topic_related')} {{#related-topics}}", ""]
        lines += [f"- [{escape_inline(r.title(lang))}]({r.id}.md)" for r in related]
    return "\n".join(lines).rstrip() + "\n"


def older_items(inputs: Inputs, rels: list[str], lang: str, page: str) -> list[str]:
    """Compact list items (title and date), a bold year line before each year's first article."""
    data, label = inputs.data, inputs.labels
    lines, year = [], object()
    for rel in rels:
        date = data.articles[rel].article.date
        if (date.year if date else None) != year:
            year = date.year if date else None
            lines += ["", f"**{year if year else label(lang, 'undated')}**", ""]
        lines.append(article_item(data, rel, lang, page, label, outlet=False))
    return lines


def topic_index_page(inputs: Inputs, lang: str) -> str:
    """docs/<lang>/topics/index.md: every topic with its description and article count."""
    data, label = inputs.data, inputs.labels
    lines = [f"# {label(lang, 'topics_title')}", "", label(lang, "topics_intro"), ""]
    topics = sorted(data.topics.values(), key=lambda t: collation_key(t.title(lang)))
    items = []
    for topic in topics:
        count = sum(topic.id in info.topics for info in data.articles.values())
        items.append(f"- [{escape_inline(topic.title(lang))}]({topic.id}.md) "
                     f"({label.count(lang, 'topic_count', count)}) — {escape_inline(topic.description(lang))}")
    # Each topic's page is indexed with its title and description: the list stays out of search.
    lines += unindexed(items)
    return "\n".join(lines).rstrip() + "\n"


def topic_pages(inputs: Inputs) -> Pages:
    """Generator: docs/<lang>/topics/index.md and a page per topic, in every language."""
    pages = {}
    for lang in LANGUAGES:
        pages[f"{lang}/{TOPICS_DIR}/index.md"] = topic_index_page(inputs, lang)
        for topic in inputs.data.topics.values():
            pages[f"{lang}/{TOPICS_DIR}/{topic.id}.md"] = topic_page(inputs, topic, lang)
    return pages
