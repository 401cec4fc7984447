"""Topics: definitions under glossary/topics/, assignment to articles, related articles."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scripts.core.content import Article
from scripts.core.schema import Document, Field, Problem, field_problems
from scripts.glossary.matching import find_terms, term_index
from scripts.glossary.terms import GlossaryError, Term, checked_file, file_problems, read_each

FIELDS = {
    "id": Field(str, "a lower-case ASCII id like 'thoa-thuan-gcm', equal to the file name", required=True),
    "title_vi": Field(str, "the Vietnamese title", required=True),
    "title_en": Field(str, "the English title", required=True),
    "description_vi": Field(str, "a short Vietnamese description", required=True),
    "description_en": Field(str, "a short English description", required=True),
    "rules": Field(dict, "a mapping with terms, keywords and min_matches", required=True),
    "related": Field(list, "a list of topic ids", items=str),
}
RULE_FIELDS = {
    "terms": Field(list, "a list of glossary term ids", items=str),
    "keywords": Field(list, "a list of words or phrases", items=str),
    "min_matches": Field(int, "a whole number (default 1)", minimum=1),
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


def topic_problems(doc: Document, stem: str) -> list[Problem]:
    """Every schema problem of one topic file's data."""
    data = doc.data
    problems = file_problems(doc, FIELDS, stem)
    if not isinstance(data, dict):
        return problems
    rules = data.get("rules")
    if isinstance(rules, dict):
        problems += field_problems(doc, rules, RULE_FIELDS, "rules")
        if not rules.get("terms") and not rules.get("keywords"):
            problems.append(doc.problem("rules", "expected at least one term id or keyword"))
    return problems


def read_topic(path: Path, project) -> Topic:
    """The topic of one file; GlossaryError listing every problem (file, line, field)."""
    doc = checked_file(path, project, topic_problems)
    data, rules = doc.data, doc.data["rules"]
    return Topic(
        id=data["id"], title_vi=data["title_vi"].strip(), title_en=data["title_en"].strip(),
        description_vi=" ".join(data["description_vi"].split()),
        description_en=" ".join(data["description_en"].split()),
        terms=tuple(rules.get("terms") or ()), keywords=tuple(rules.get("keywords") or ()),
        min_matches=int(rules.get("min_matches") or 1), related=tuple(data.get("related") or ()), file=doc.file,
    )


def topic_files(project) -> list[Path]:
    return sorted(project.topics_dir.glob("*.yml"))


def cross_problems(topics: list[Topic], term_ids: set[str]) -> list[Problem]:
    """Duplicate topic ids, and rule terms or related topics that do not exist."""
    problems, seen = [], {}
    for topic in topics:
        if topic.id in seen:
            problems.append(Problem(topic.file, f"{topic.id!r} is already the id of {seen[topic.id]}", field="id"))
        seen.setdefault(topic.id, topic.file)
    for topic in topics:
        problems += [Problem(topic.file, f"no glossary term has the id {t!r}", field="rules.terms")
                     for t in topic.terms if t not in term_ids]
        problems += [Problem(topic.file, f"no topic has the id {r!r}", field="related")
                     for r in topic.related if r not in seen]
    return problems


def read_topics(project) -> tuple[list[Topic], list[Problem]]:
    """(every topic that reads cleanly, every problem of the others), in file order."""
    return read_each(topic_files(project), lambda path: read_topic(path, project))


def load_topics(project, term_ids: set[str] | None = None) -> list[Topic]:
    """Every topic, sorted by id; GlossaryError naming each bad file and field."""
    topics, problems = read_topics(project)
    if not problems:
        from scripts.glossary.terms import term_files

        ids = term_ids if term_ids is not None else {p.stem for p in term_files(project)}
        problems = cross_problems(topics, ids)
    if problems:
        raise GlossaryError(problems)
    return sorted(topics, key=lambda t: t.id)


# ─── Assignment ───────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class TopicRules:
    """How much an article must say of a topic to carry it (config/pages.yml): the topic's terms
    and keywords mentioned `min_mentions` times in all, or once in its title or lead; and at most
    `per_article` topics from the rules, the ones it says most of (topics pinned in its front matter
    aside). A mention in the title or lead weighs as much as `min_mentions` elsewhere."""

    min_mentions: int = 3
    per_article: int = 3


def keyword_terms(topic: Topic) -> list[Term]:
    """The topic's keywords as pseudo-terms, so that they match like glossary forms."""
    return [Term(id=f"{topic.id}#{i}", kind="concept", vi=k, en=k, definition_vi="", definition_en="")
            for i, k in enumerate(topic.keywords)]


def keyword_index(topics: list[Topic]) -> dict:
    """One matching index of every topic's keywords (matched apart from the glossary's terms)."""
    return term_index([k for topic in topics for k in keyword_terms(topic)], "vi")


def front_matter_ids(meta: dict, key: str) -> list[str]:
    value = meta.get(key) or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


@dataclass(frozen=True)
class Mentions:
    """What an article says of each glossary term and topic keyword (by term id, "topic#n" for a
    keyword): how many times in its whole text, and which ones its title or lead names."""

    counts: Counter
    lead: frozenset


def lead_of(meta: dict, body: str) -> str:
    """The article's title and lead: its description, else the first paragraph of its body."""
    title = str(meta.get("title") or "")
    lead = str(meta.get("description") or "")
    if not lead:
        lead = next((block for block in body.split("\n\n") if block.strip() and not block.lstrip().startswith("#")), "")
    return f"{title}\n\n{lead}"


def mentions_of(meta: dict, body: str, terms: dict, keywords: dict, term_matches: list | None = None) -> Mentions:
    """The mentions of the glossary's terms (index `terms`) and the topics' keywords (index
    `keywords`) in an article; `term_matches`: the terms found in `body`, when already known."""
    head = lead_of(meta, body)
    matches = (find_terms(body, terms) if term_matches is None else term_matches) + find_terms(body, keywords)
    lead = find_terms(head, terms) + find_terms(head, keywords)
    return Mentions(Counter(m.term.id for m in matches), frozenset(m.term.id for m in lead))


def assign_topics(meta: dict, mentions: Mentions, topics: list[Topic], rules: TopicRules = TopicRules()) -> list[str]:
    """Topic ids of one article, in the order of `topics`: the topics it is about by the rules (at
    least `min_matches` distinct terms and keywords of the topic; mentioned often enough, or in the
    title or lead; the `per_article` it says most of), plus the front matter's `topics`, minus its
    `topics_exclude`: both pin the choice whatever the rules say."""
    scored = []
    for position, topic in enumerate(topics):
        ids = [*topic.terms, *(k.id for k in keyword_terms(topic))]
        distinct = [i for i in ids if mentions.counts[i] or i in mentions.lead]
        total = sum(mentions.counts[i] for i in ids)
        in_lead = sum(1 for i in ids if i in mentions.lead)
        if len(distinct) >= topic.min_matches and (in_lead or total >= rules.min_mentions):
            scored.append((-(total + rules.min_mentions * in_lead), position, topic.id))
    chosen = {topic_id for *_, topic_id in sorted(scored)[:rules.per_article]}
    chosen |= set(front_matter_ids(meta, ADD_KEY))
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


def site_index(articles: list[Article], terms: list[Term], topics: list[Topic],
               rules: TopicRules = TopicRules(), memo: dict | None = None) -> dict[str, ArticleInfo]:
    """Every Vietnamese article (newest first) with its terms, topics and related articles.

    `memo` (a dict the caller keeps between calls, e.g. the preview): each article's terms and
    mentions, found again only when its bytes (Article.digest), the terms or the topics changed."""
    index, keywords = term_index(terms, "vi"), keyword_index(topics)
    glossary = repr((terms, topics)) if memo is not None else ""
    infos = {}
    for article in articles:
        key = (article.digest, glossary)
        known = memo.get(article.rel) if memo is not None and article.digest else None
        if known is not None and known[0] == key:
            found, mentions = known[1]
        else:
            matches = find_terms(article.body, index)
            found = list(dict.fromkeys(m.term.id for m in matches))
            mentions = mentions_of(article.meta, article.body, index, keywords, matches)
            if memo is not None:
                memo[article.rel] = (key, (found, mentions))
        infos[article.rel] = ArticleInfo(article, tuple(found), tuple(assign_topics(article.meta, mentions, topics, rules)))
    related = related_index(infos)
    return {rel: ArticleInfo(info.article, info.terms, info.topics, related[rel]) for rel, info in infos.items()}
