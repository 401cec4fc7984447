"""Topics: schema, assignment rules, front-matter overrides, related articles."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.checks.glossary import topic_findings
from scripts.core.content import Article, load_articles
from scripts.glossary.terms import GlossaryError, load_terms
from scripts.glossary.topics import (ArticleInfo, Mentions, Topic, TopicRules, assign_topics, cross_problems,
                                     keyword_index, load_topics, mentions_of, read_topic, related_index, site_index)
from scripts.project import Project
from tests.support.project import CONTENT, REPO
from tests.support.project import FIXTURES as ALL_FIXTURES

ROOT = Project(REPO)
FIXTURES = ALL_FIXTURES / "glossary"


def topic(id_, terms=(), keywords=(), min_matches=1, related=()):
    return Topic(id=id_, title_vi="t", title_en="t", description_vi="m", description_en="d", terms=tuple(terms),
                 keywords=tuple(keywords), min_matches=min_matches, related=tuple(related), file=f"{id_}.yml")


def test_the_topics_load_with_titles_and_descriptions_in_both_languages():
    topics = load_topics(Project(CONTENT))
    assert len(topics) >= 7
    for t in topics:
        assert all([t.title_vi, t.title_en, t.description_vi, t.description_en]), t.id
    assert {"thoa-thuan-gcm", "phong-chong-mua-ban-nguoi", "hop-tac-viet-nam-iom"} <= {t.id for t in topics}


def test_a_topic_schema_error_names_file_line_and_field():
    with pytest.raises(GlossaryError) as error:
        read_topic(FIXTURES / "bad" / "bad-topic.yml", ROOT)
    message = str(error.value)
    assert "tests/fixtures/glossary/bad/bad-topic.yml: field 'title_en': missing" in message
    assert "bad-topic.yml:6: field 'rules': expected at least one term id or keyword" in message
    assert "bad-topic.yml:7: field 'rules.min_matches': expected at least 1, found 0" in message


def test_dangling_rule_terms_related_topics_and_duplicates():
    problems = cross_problems([topic("a", terms=["nope"], related=["b", "zzz"]), topic("b"), topic("b")], {"iom"})
    messages = " ".join(str(p) for p in problems)
    assert "'b' is already the id of" in messages
    assert "field 'rules.terms': no glossary term has the id 'nope'" in messages
    assert "field 'related': no topic has the id 'zzz'" in messages
    assert "'b'" not in messages.split("related")[-1]


def said(body: str, terms=(), meta=None, topics=()) -> Mentions:
    """The mentions of `terms` (glossary ids) and of `topics`' keywords in an article with `body`."""
    from scripts.glossary.matching import term_index

    glossary = [t for t in load_terms(Project(CONTENT)) if t.id in terms]
    return mentions_of(meta or {}, body, term_index(glossary), keyword_index(list(topics)))


def test_rules_terms_keywords_and_min_matches():
    topics = [topic("one", terms=["iom"]), topic("two", terms=["iom", "gcm"], min_matches=2),
              topic("kw", keywords=["lao động di cư"])]
    iom = "# Tin\n\nMở đầu.\n\nIOM, IOM và IOM."
    assert assign_topics({}, said(iom, ["iom", "gcm"], topics=topics), topics) == ["one"]
    both = "# Tin\n\nMở đầu.\n\nIOM, IOM, IOM và GCM."
    assert assign_topics({}, said(both, ["iom", "gcm"], topics=topics), topics) == ["one", "two"]
    keyword = "# Tin\n\nMở đầu.\n\nNgười LAO ĐỘNG di cư, lao động di cư và lao động di cư."
    assert assign_topics({}, said(keyword, topics=topics), topics) == ["kw"]
    assert assign_topics({}, said("lao động, di cư; lao động, di cư; lao động, di cư", topics=topics), topics) == []


def test_one_mention_is_not_enough_unless_in_the_title_or_lead():
    """An article carries the topics it is about: several mentions, or one in its title or lead."""
    topics = [topic("one", terms=["iom"])]
    once = said("# Tin\n\nMở đầu về Việt Nam.\n\nĐoạn sau nhắc IOM một lần.", ["iom"])
    assert assign_topics({}, once, topics) == []
    assert assign_topics({}, once, topics, TopicRules(min_mentions=1)) == ["one"]
    in_lead = said("# Tin\n\nIOM mở đầu bài.\n\nĐoạn sau.", ["iom"])
    assert assign_topics({}, in_lead, topics) == ["one"]
    in_title = said("# Tin\n\nMở đầu.", ["iom"], meta={"title": "IOM và Việt Nam", "description": "Mở đầu."})
    assert assign_topics({}, in_title, topics) == ["one"]


def test_an_article_keeps_the_topics_it_says_most_of():
    topics = [topic(name, terms=[term]) for name, term in
              (("a", "iom"), ("b", "gcm"), ("c", "viet-nam"), ("d", "mua-ban-nguoi"))]
    body = ("# Tin\n\nMở đầu về GCM.\n\nIOM, IOM, IOM, IOM. Việt Nam, Việt Nam, Việt Nam. "
            "Mua bán người, mua bán người, mua bán người. GCM.")
    mentions = said(body, ["iom", "gcm", "viet-nam", "mua-ban-nguoi"])
    # b: 2 mentions, one in the lead (counts as 3) → 5; a: 4; c and d: 3 each, c first in the topics' order
    assert assign_topics({}, mentions, topics) == ["a", "b", "c"]
    assert assign_topics({}, mentions, topics, TopicRules(per_article=2)) == ["a", "b"]
    assert assign_topics({"topics": ["d"]}, mentions, topics) == ["a", "b", "c", "d"]  # pinned: beyond the limit


def test_front_matter_adds_and_removes_topics():
    topics = [topic("one", terms=["iom"]), topic("two", terms=["gcm"])]
    meta = {"topics": ["two"], "topics_exclude": ["one"]}
    mentions = said("IOM trong bài. IOM. IOM.", ["iom"], meta=meta)
    assert assign_topics(meta, mentions, topics) == ["two"]
    assert assign_topics({"topics": "two"}, said("", ["iom"]), topics) == ["two"]


def info(rel, terms=(), topics=()):
    return ArticleInfo(Article(rel, "vi", {}, ""), tuple(terms), tuple(topics))


def test_related_articles_prefer_shared_topics_then_rare_terms_then_newer():
    infos = {  # newest first
        "articles/2024/a.md": info("articles/2024/a.md", ["iom", "gcm"], ["t1"]),
        "articles/2024/b.md": info("articles/2024/b.md", ["iom"], []),
        "articles/2023/c.md": info("articles/2023/c.md", ["iom"], ["t1"]),
        "articles/2023/d.md": info("articles/2023/d.md", ["iom", "gcm"], []),
        "articles/2022/e.md": info("articles/2022/e.md", ["viet-nam"], ["t9"]),
    }
    related = related_index(infos)
    assert related["articles/2024/a.md"] == ("articles/2023/c.md", "articles/2023/d.md", "articles/2024/b.md")
    assert related["articles/2022/e.md"] == ()


def fixture_project(tmp_path: Path) -> Project:
    shutil.copytree(CONTENT / "glossary", tmp_path / "glossary")
    shutil.copytree(FIXTURES / "docs", tmp_path / "docs")
    return Project(tmp_path)


def test_site_index_of_the_fixture_articles(tmp_path):
    project = fixture_project(tmp_path)
    terms = load_terms(project)
    infos = site_index(load_articles(project.docs, "vi"), terms, load_topics(project))
    gcm_article = infos["articles/2024/iom-tiep-tuc-ho-tro-viet-nam.md"]
    assert gcm_article.terms[:4] == ("iom", "viet-nam", "gcm", "bao-dien-tu-dcsvn")  # the title counts
    assert "thoa-thuan-gcm" in gcm_article.topics
    assert "hoi-nghi-quoc-te" in gcm_article.topics  # added by its front matter
    assert "di-doi-khi-hau" not in gcm_article.topics  # removed by its front matter, though the rules match
    assert gcm_article.related == ("articles/2023/viet-nam-danh-gia-cao-vai-tro-cua-iom.md",)


def test_the_check_reports_unknown_topics_in_front_matter(tmp_path):
    project = fixture_project(tmp_path)
    page = project.docs / "vi" / "articles" / "2023" / "viet-nam-danh-gia-cao-vai-tro-cua-iom.md"
    page.write_text(page.read_text(encoding="utf-8").replace("author: null", "author: null\ntopics: [nope]"),
                    encoding="utf-8")
    findings = list(topic_findings(project))
    assert [(f.file, f.message) for f in findings] == [
        ("docs/vi/articles/2023/viet-nam-danh-gia-cao-vai-tro-cua-iom.md",
         "front matter 'topics': no topic has the id 'nope' (glossary/topics/)")]


def test_the_seed_articles_carry_the_topics_they_are_about(tmp_path):
    """The courtesy-call article mentions displaced persons only in IOM's closing boilerplate (three
    mentions, none in its title or lead): it is not about displacement. At most three topics each."""
    project = Project(CONTENT)
    infos = site_index(load_articles(project.docs, "vi"), load_terms(project), load_topics(project))
    courtesy = infos["articles/2024/iom-tiep-tuc-ho-tro-viet-nam-trien-khai-thoa-thuan-gcm.md"]
    assert set(courtesy.topics) == {"hop-tac-viet-nam-iom", "thoa-thuan-gcm", "di-cu-an-toan-hop-phap"}
    assert all(len(info.topics) <= 3 for info in infos.values())
