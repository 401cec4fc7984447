"""Checks of the glossary's files: each term and topic against its schema, the glossary's
consistency, and the topic ids that articles name in their front matter."""
from __future__ import annotations

from collections.abc import Iterable

from scripts.checks import Finding
from scripts.core.content import load_articles
from scripts.glossary.terms import consistency_problems, read_terms, term_files, topic_ids
from scripts.glossary.topics import ADD_KEY, REMOVE_KEY, cross_problems, front_matter_ids, read_topics


def glossary_findings(project) -> Iterable[Finding]:
    """Terms: schema, then consistency."""
    terms, problems = read_terms(project)
    known = {p.stem for p in term_files(project)}
    for problem in problems + consistency_problems(terms, topic_ids(project), known):
        yield Finding.of(problem, "glossary")


def topic_findings(project) -> Iterable[Finding]:
    """Topics: schema, ids, and the topics that article front matter adds or removes."""
    topics, problems = read_topics(project)
    term_ids = {p.stem for p in term_files(project)}
    for problem in problems + cross_problems(topics, term_ids):
        yield Finding.of(problem, "topics")
    known = {t.id for t in topics}
    for article in load_articles(project.docs, "vi"):
        for key in (ADD_KEY, REMOVE_KEY):
            for topic in front_matter_ids(article.meta, key):
                if topic not in known:
                    yield Finding("error", "topics", f"docs/vi/{article.rel}",
                                  f"front matter '{key}': no topic has the id {topic!r} (glossary/topics/)")
