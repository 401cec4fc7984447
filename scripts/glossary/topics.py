"""Topics: definitions under glossary/topics/, assignment to articles, related articles."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scripts.checks import Finding, register_check
from scripts.core.content import Article, load_articles
from scripts.core.fsutil import ROOT
from scripts.glossary.terms import (ID_PATTERN, TOPICS_DIR, GlossaryError, Term, display_path, field_problems,
                              find_terms, findings_of, problem_text, term_files, term_index, yaml_mapping)

FIELDS = {
    "id": (str, True, "a lower-case ASCII id like 'thoa-thuan-gcm', equal to the file name"),
    "title_vi": (str, True, "the Vietnamese title"),
    "title_en": (str, True, "the English title"),
    "description_vi": (str, True, "a short Vietnamese description"),
    "description_en": (str, True, "a short English description"),
    "rules": (dict, True, "a mapping with terms, keywords and min_matches"),
    "related": (list, False, "a list of topic ids"),
}
RULE_FIELDS = {
    "terms": (list, False, "a list of glossary term ids"),
    "keywords": (list, False, "a list of words or phrases"),
    "min_matches": (int, False, "a whole number ≥ 1 (default 1)"),
}
# Front-matter keys with which a contributor adds or removes topics on one article.
ADD_KEY, REMOVE_KEY = "topics", "topics_exclude"
# How many related articles an article lists.
RELATED_LIMIT = 5
# Articles of one topic or term considered when looking for related articles (the newest).
POSTING_LIMIT = 100


@dataclass(frozen=True, eq=False)
class Topic:
    """One topic, as read from glossary/topics/<id>.yml."""

    id: str
    title_vi: str
    title_en: str
    description_vi: str
    description_en: str
    terms: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    min_matches: int = 1
    related: tuple[str, ...] = ()
    file: str = ""

    def title(self, lang: str) -> str:
        return self.title_vi if lang == "vi" else self.title_en

    def description(self, lang: str) -> str:
        return self.description_vi if lang == "vi" else self.description_en


def topic_problems(data: dict, stem: str) -> list[tuple[str, str]]:
    """(field, message) for each schema problem of one topic mapping."""
    problems = field_problems(data, FIELDS)
    if isinstance(data.get("id"), str) and (not ID_PATTERN.match(data["id"]) or data["id"] != stem):
        problems.append(("id", f"expected the file name {stem!r} (lower-case letters, digits, '-'), "
                               f"found {data['id']!r}"))
    rules = data.get("rules")
    if isinstance(rules, dict):
        problems += [(f"rules.{f}", m) for f, m in field_problems(rules, RULE_FIELDS)]
        if not rules.get("terms") and not rules.get("keywords"):
            problems.append(("rules", "expected at least one term id or keyword"))
        minimum = rules.get("min_matches", 1)
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
            problems.append(("rules.min_matches", f"expected a whole number ≥ 1, found {minimum!r}"))
    return problems


def read_topic(path: Path, root: Path) -> Topic:
    """The topic of one file; raises GlossaryError listing every problem (file, line, field)."""
    shown = display_path(path, root)
    data, lines = yaml_mapping(path, root)
    problems = topic_problems(data, Path(path).stem)
    if problems:
        raise GlossaryError("\n".join(problem_text(shown, lines, f, m) for f, m in problems))
    rules = data["rules"]
    return Topic(
        id=data["id"], title_vi=data["title_vi"].strip(), title_en=data["title_en"].strip(),
        description_vi=" ".join(data["description_vi"].split()),
        description_en=" ".join(data["description_en"].split()),
        terms=tuple(rules.get("terms") or ()), keywords=tuple(rules.get("keywords") or ()),
        min_matches=int(rules.get("min_matches", 1)), related=tuple(data.get("related") or ()), file=shown,
    )


def topic_files(root: Path = ROOT) -> list[Path]:
    return sorted((Path(root) / TOPICS_DIR).glob("*.yml"))


def cross_problems(topics: list[Topic], term_ids: set[str]) -> list[tuple[str, str]]:
    """(file, message) for duplicate topic ids and rule terms or related topics that do not exist."""
    problems, seen = [], {}
    for topic in topics:
        if topic.id in seen:
            problems.append((topic.file, f"field 'id': {topic.id!r} is already the id of {seen[topic.id]}"))
        seen.setdefault(topic.id, topic.file)
    for topic in topics:
        problems += [(topic.file, f"field 'rules.terms': no glossary term has the id {t!r}")
                     for t in topic.terms if t not in term_ids]
        problems += [(topic.file, f"field 'related': no topic has the id {r!r}")
                     for r in topic.related if r not in seen]
    return problems


def load_topics(root: Path = ROOT, term_ids: set[str] | None = None) -> list[Topic]:
    """Every topic, sorted by id; raises GlossaryError naming each bad file and field."""
    topics, errors = [], []
    for path in topic_files(root):
        try:
            topics.append(read_topic(path, root))
        except GlossaryError as exc:
            errors.append(str(exc))
    if not errors:
        ids = term_ids if term_ids is not None else {p.stem for p in term_files(root)}
        errors = [f"{file}: {message}" for file, message in cross_problems(topics, ids)]
    if errors:
        raise GlossaryError("\n".join(errors))
    return sorted(topics, key=lambda t: t.id)


# ─── Assignment ───────────────────────────────────────────────────────────────────────

def keyword_terms(topic: Topic) -> list[Term]:
    """The topic's keywords as pseudo-terms, so that they match like glossary forms."""
    return [Term(id=f"{topic.id}#{i}", kind="concept", vi=k, en=k, definition_vi="", definition_en="")
            for i, k in enumerate(topic.keywords)]


def front_matter_ids(meta: dict, key: str) -> list[str]:
    value = meta.get(key) or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def assign_topics(meta: dict, found_terms: Iterable[str], body: str, topics: list[Topic]) -> list[str]:
    """Topic ids of one article: rules (distinct rule terms found + keywords found ≥ min_matches),
    plus the front matter's `topics`, minus its `topics_exclude`; in the order of `topics`."""
    found = set(found_terms)
    chosen = set(front_matter_ids(meta, ADD_KEY))
    for topic in topics:
        hits = len(found & set(topic.terms))
        if topic.keywords and hits < topic.min_matches:
            hits += len({m.term.id for m in find_terms(body, keyword_terms(topic))})
        if hits >= topic.min_matches:
            chosen.add(topic.id)
    chosen -= set(front_matter_ids(meta, REMOVE_KEY))
    return [t.id for t in topics if t.id in chosen]


@dataclass(frozen=True)
class ArticleInfo:
    """What the site knows about one article: terms in order of first mention, topics, related."""

    article: Article
    terms: tuple[str, ...]
    topics: tuple[str, ...]
    related: tuple[str, ...] = ()


def terms_in(text: str, index: dict) -> list[str]:
    """Term ids found in `text`, in order of first mention."""
    return list(dict.fromkeys(m.term.id for m in find_terms(text, index)))


def related_index(infos: dict[str, ArticleInfo], limit: int = RELATED_LIMIT) -> dict[str, tuple[str, ...]]:
    """For each article, the others sharing topics or terms with it, best first: a shared topic
    counts 2, a shared term 1/(number of articles with the term); ties go to the newer article.

    Bounded work at any size: terms that over a quarter of the articles mention are ignored (their
    weight is negligible), and each topic or term contributes its POSTING_LIMIT newest articles."""
    order = {rel: position for position, rel in enumerate(infos)}  # newest first
    postings: dict[tuple[str, str], list[str]] = {}
    for rel, info in infos.items():
        for key in [("topic", t) for t in info.topics] + [("term", t) for t in info.terms]:
            postings.setdefault(key, []).append(rel)
    common = max(5, len(infos) // 4)
    related = {}
    for rel, info in infos.items():
        scores: dict[str, float] = {}
        keys = [("topic", t) for t in info.topics] + [("term", t) for t in info.terms]
        for key in keys:
            posting = postings[key]
            if key[0] == "term" and len(posting) > common:
                continue
            weight = 2 if key[0] == "topic" else 1 / len(posting)
            for other in posting[:POSTING_LIMIT]:
                if other != rel:
                    scores[other] = scores.get(other, 0) + weight
        related[rel] = tuple(sorted(scores, key=lambda o: (-scores[o], order[o]))[:limit])
    return related


def related_articles(infos: dict[str, ArticleInfo], rel: str, limit: int = RELATED_LIMIT) -> list[str]:
    """The related articles of one article (see related_index)."""
    return list(related_index(infos, limit)[rel])


def site_index(docs: Path, terms: list[Term], topics: list[Topic]) -> dict[str, ArticleInfo]:
    """Every Vietnamese article (newest first) with its terms, topics and related articles."""
    index = term_index(terms, "vi")
    infos = {}
    for article in load_articles(docs, "vi"):
        found = terms_in(article.body, index)
        chosen = assign_topics(article.meta, found, article.body, topics)
        infos[article.rel] = ArticleInfo(article, tuple(found), tuple(chosen))
    related = related_index(infos)
    return {rel: ArticleInfo(info.article, info.terms, info.topics, related[rel]) for rel, info in infos.items()}


# ─── Check ────────────────────────────────────────────────────────────────────────────

def topic_findings(root: Path) -> Iterable[Finding]:
    """Findings of `python -m scripts check` for topics: schema, ids, and article front matter."""
    topics = []
    for path in topic_files(root):
        try:
            topics.append(read_topic(path, root))
        except GlossaryError as exc:
            yield from findings_of(exc, "topics")
    term_ids = {p.stem for p in term_files(root)}
    for file, message in cross_problems(topics, term_ids):
        yield Finding("error", "topics", file, message)
    known = {t.id for t in topics}
    for article in load_articles(Path(root) / "docs", "vi"):
        for key in (ADD_KEY, REMOVE_KEY):
            for topic in front_matter_ids(article.meta, key):
                if topic not in known:
                    yield Finding("error", "topics", f"docs/vi/{article.rel}",
                                  f"front matter '{key}': no topic has the id {topic!r} (glossary/topics/)")


register_check("topics", topic_findings)
