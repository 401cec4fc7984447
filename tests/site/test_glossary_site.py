"""The glossary on the built site: the glossary index and a page per term, topic pages, links to
term pages and hover definitions in articles, topics and related articles, and a new term file
showing up after one added file."""
from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from tests.support.project import CONTENT, copy_project, mkdocs_build
from tests.support.project import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "glossary" / "docs"
ARTICLE = "articles/2024/iom-tiep-tuc-ho-tro-viet-nam/index.html"
UNTRANSLATED = "articles/2023/viet-nam-danh-gia-cao-vai-tro-cua-iom/index.html"
NEW_TERM = """# A term added by the test: one file, nothing else.
id: quan-he-hop-tac
kind: concept
vi: quan hệ hợp tác
en: cooperation
definition_vi: Mối quan hệ cùng làm việc vì mục tiêu chung.
definition_en: Working together towards shared aims.
"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("glossary-site"))
    shutil.copytree(FIXTURES, project / "docs", dirs_exist_ok=True)
    mkdocs_build(project, project / "site")
    return project


def read(project: Path, page: str) -> str:
    return (project / "site" / page).read_text(encoding="utf-8")


def term_ids() -> list[str]:
    return sorted(p.stem for p in (CONTENT / "glossary" / "terms").glob("*.yml"))


def glossary_links(html: str) -> list[tuple[str, str, str]]:
    """(term id, hover text, link text) of each link to a term's page, in page order."""
    return [(m[0], unescape(m[1]), m[2]) for m in
            re.findall(r'<a href="(?:\.\./)+glossary/([a-z0-9-]+)/" title="([^"]*)">([^<]*)</a>', html)]


def terms_of_kind(html: str, kind: str) -> list[str]:
    """The ids of the terms the glossary index lists under `kind`, in order."""
    section = html.split(f'id="kind-{kind}"', 1)[1].split("<h2", 1)[0]
    return re.findall(r'<a href="([a-z0-9-]+)/"', section)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_term_has_its_page_linked_from_the_index_in_both_languages(project, prefix):
    html = read(project, f"{prefix}glossary/index.html")
    assert set(re.findall(r'<a href="([a-z0-9-]+)/"', html.split('id="glossary-index"', 1)[1])) == set(term_ids())
    for term in term_ids():
        assert (project / "site" / prefix / "glossary" / term / "index.html").is_file(), term


def test_glossary_is_alphabetical_in_each_language_and_grouped_by_kind(project):
    vi, en = read(project, "glossary/index.html"), read(project, "en/glossary/index.html")
    assert terms_of_kind(vi, "place") == ["geneva", "ha-noi", "tp-ho-chi-minh", "thuy-si", "viet-nam"]
    assert terms_of_kind(vi, "person") == [
        "amy-pope", "katharina-stasch", "kendra-rinas", "le-thi-thu-hang", "le-thi-tuyet-mai"]
    # Vietnamese order: Bộ < Chính phủ < Đoàn (đ after d) ; English order by the English names
    organisations = terms_of_kind(vi, "organisation")
    assert organisations.index("bo-ngoai-giao") < organisations.index("chinh-phu-viet-nam") < organisations.index(
        "doan-viet-nam") < organisations.index("hoi-dong-iom")
    english = terms_of_kind(en, "organisation")
    names = [unescape(re.search(r"<h1[^>]*>([^<]+)", read(project, f"en/glossary/{t}/index.html")).group(1)).casefold()
             for t in english]
    assert names == sorted(names)
    assert "<del>International Organisation for Migration</del>" in read(project, "en/glossary/iom/index.html")


def test_a_term_page_lists_the_articles_that_mention_it(project):
    html = read(project, "glossary/kendra-rinas/index.html")
    entry = html.split('id="articles"', 1)[1]
    assert "Bài viết nhắc đến" in html
    assert 'href="../../articles/2024/iom-tiep-tuc-ho-tro-viet-nam/"' in entry
    en_entry = read(project, "en/glossary/kendra-rinas/index.html").split('id="articles"', 1)[1]
    assert "Articles that mention it" in read(project, "en/glossary/kendra-rinas/index.html")
    assert "IOM continues to support Viet Nam" in en_entry and "11 November 2024" in en_entry


def test_first_mention_links_to_the_glossary_with_the_definition_as_tooltip(project):
    links = glossary_links(read(project, ARTICLE))
    ids = [i for i, _, _ in links]
    assert len(ids) == len(set(ids))  # first mention only
    hover = {i: (title, text) for i, title, text in links}
    assert hover["kendra-rinas"] == ("Trưởng Phái đoàn đại diện IOM tại Việt Nam, bắt đầu nhiệm kỳ tháng 11/2024.",
                                     "Kendra Rinas")
    assert hover["iom"][1] == "Tổ chức Di cư quốc tế"  # the first mention, in the lead, not "IOM" in the title
    assert hover["gcm"][1] == "Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự"


def test_english_pages_link_english_forms_with_english_definitions(project):
    hover = {i: (title, text) for i, title, text in glossary_links(read(project, "en/" + ARTICLE))}
    assert hover["truong-phai-doan-dai-dien"] == ("The head of an IOM country office; in Viet Nam, Kendra Rinas "
                                                  "since 2024.", "Chief of Mission")
    assert hover["le-thi-thu-hang"][1] == "Le Thi Thu Hang"
    # A page not yet translated, served in Vietnamese under /en/: Vietnamese forms, English definitions.
    fallback = {i: (title, text) for i, title, text in glossary_links(read(project, "en/" + UNTRANSLATED))}
    assert fallback["amy-pope"] == ("IOM Director General since October 2023, the first woman to hold the post.",
                                    "Amy Pope")


def test_no_link_in_headings_code_or_existing_links(project):
    html = read(project, ARTICLE)
    for heading in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", html, re.S):
        assert "glossary/#" not in heading
    assert "<code>IOM</code>" in html
    assert '<a href="https://www.iom.int/">trang IOM</a>' in html


def test_article_lists_its_topics_and_related_articles(project):
    html = read(project, ARTICLE)
    topics = html.split('id="article-topics"', 1)[1].split("<h2", 1)[0]
    assert 'href="../../../topics/thoa-thuan-gcm/"' in topics
    assert 'href="../../../topics/hoi-nghi-quoc-te/"' in topics  # added in front matter
    assert "topics/di-doi-khi-hau/" not in topics  # removed in front matter
    related = html.split('id="related-articles"', 1)[1]
    assert 'href="../../2023/viet-nam-danh-gia-cao-vai-tro-cua-iom/"' in related


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_topics_and_related_articles_are_shown_but_not_searched(project, prefix):
    """An article must not match the titles of the pages it lists; its own text is still indexed."""
    import json

    html = read(project, prefix + ARTICLE)
    assert re.search(r'<h2 [^>]*id="article-topics"', html) and re.search(r'<h2 [^>]*id="related-articles"', html)
    listed = [unescape(t) for t in re.findall(r"<li><a [^>]*>([^<]+)</a>", html.split('id="article-topics"', 1)[1])]
    entries = json.loads((project / "site" / prefix / "search" / "search_index.json").read_bytes())["docs"]
    article = [e for e in entries if e["location"].split("#")[0] == (prefix + ARTICLE).removesuffix("index.html")]
    assert article  # the page itself is indexed
    assert not [e["location"] for e in article if e["location"].endswith(("#article-topics", "#related-articles"))]
    indexed = " ".join(e["title"] + " " + e["text"] for e in article)
    assert len(listed) >= 3 and not [title for title in listed if title in indexed]


@pytest.mark.parametrize("prefix, title", [("", "Thỏa thuận toàn cầu về di cư (GCM)"),
                                           ("en/", "The Global Compact for Migration")])
def test_topic_pages_and_index(project, prefix, title):
    html = read(project, f"{prefix}topics/thoa-thuan-gcm/index.html")
    assert title in unescape(html)
    articles = html.split('id="articles"', 1)[1].split("<h2", 1)[0]
    assert "articles/2024/iom-tiep-tuc-ho-tro-viet-nam/" in articles  # the GCM in its title
    # mentioned once, outside its title and lead: the 2023 article is not about the GCM
    assert "articles/2023/viet-nam-danh-gia-cao-vai-tro-cua-iom/" not in articles
    assert 'href="../../glossary/gcm/"' in html.split('id="key-terms"', 1)[1]
    meetings = read(project, f"{prefix}topics/hoi-nghi-quoc-te/index.html").split('id="articles"', 1)[1]
    newer = meetings.index("articles/2024/iom-tiep-tuc-ho-tro-viet-nam/")  # pinned by its front matter
    older = meetings.index("articles/2023/viet-nam-danh-gia-cao-vai-tro-cua-iom/")
    assert newer < older and ("11/11/2024" if not prefix else "11 November 2024") in meetings
    index = read(project, f"{prefix}topics/index.html")
    assert len(re.findall(r'href="[a-z0-9-]+/"', index.split('<article', 1)[1])) == len(
        list((CONTENT / "glossary" / "topics").glob("*.yml")))


def test_nav_has_topics_and_glossary_in_both_languages(project):
    assert re.search(r'href="topics/"[^>]*>\s*(<span[^>]*>)?\s*Chủ đề', read(project, "index.html"))
    assert re.search(r'href="glossary/"[^>]*>\s*(<span[^>]*>)?\s*Glossary', read(project, "en/index.html"))


NEW_TOPIC = """# A topic added by the test.
id: hop-tac-da-phuong
title_vi: Hợp tác đa phương
title_en: Multilateral cooperation
description_vi: Hợp tác giữa nhiều quốc gia.
description_en: Cooperation among many States.
rules:
  terms: [quan-he-hop-tac]
  # the article mentions "quan hệ hợp tác" once: IOM (in its title and lead) makes it one of its topics
  keywords: [IOM]
"""


def test_a_new_term_file_and_a_new_topic_file_appear_on_the_site(project):
    """One added file each, nothing else; removing the topic file removes its pages at the next build."""
    term_file = project / "glossary" / "terms" / "quan-he-hop-tac.yml"
    topic_file = project / "glossary" / "topics" / "hop-tac-da-phuong.yml"
    term_file.write_text(NEW_TERM, encoding="utf-8")
    topic_file.write_text(NEW_TOPIC, encoding="utf-8")
    try:
        mkdocs_build(project, project / "site")
        assert 'href="quan-he-hop-tac/"' in read(project, "glossary/index.html")
        assert "Working together towards shared aims." in read(project, "en/glossary/quan-he-hop-tac/index.html")
        hover = {i: text for i, _, text in glossary_links(read(project, ARTICLE))}
        assert hover["quan-he-hop-tac"] == "quan hệ hợp tác"
        assert "Multilateral cooperation" in read(project, "en/topics/hop-tac-da-phuong/index.html")
        assert 'href="hop-tac-da-phuong/"' in read(project, "topics/index.html")
        assert "topics/hop-tac-da-phuong/" in read(project, ARTICLE).split('id="article-topics"', 1)[1]
    finally:
        term_file.unlink()
        topic_file.unlink()
    mkdocs_build(project, project / "site")
    assert not (project / "docs" / "vi" / "topics" / "hop-tac-da-phuong.md").exists()
    assert not (project / "docs" / "vi" / "glossary" / "quan-he-hop-tac.md").exists()
    assert 'href="quan-he-hop-tac/"' not in read(project, "glossary/index.html")
