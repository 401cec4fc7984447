"""The generated glossary: a compact index by kind with a filter box, a page per term (forms in both
languages, forbidden forms with reasons, references, related terms, topics, the articles that
mention it by date), and topic pages of bounded size. Lists of other pages stay out of search."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from scripts.core import frontmatter
from scripts.core.fsutil import write_atomic
from scripts.glossary.terms import GlossaryError, read_term
from scripts.pages.glossary import glossary_pages
from scripts.pages.topics import topic_pages
from scripts.project import Project
from tests.site.test_glossary_site import project, read  # noqa: F401 - module fixture reused
from tests.support.project import CONTENT, REPO, generation_inputs

ARTICLES = 8
REFERENCES = """references:
  - name: IOM Glossary on Migration (2019)
    url: https://publications.iom.int/books/international-migration-law-ndeg34-glossary-migration
  - name: UNTERM (a test entry with brackets)
    url: https://unterm.un.org/search?q=(IOM)
"""


@pytest.fixture
def inputs(tmp_path):
    """Eight articles on the GCM topic, each mentioning IOM; small page-size settings; IOM's term
    file gives two references."""
    shutil.copytree(CONTENT / "glossary", tmp_path / "glossary")
    iom = tmp_path / "glossary" / "terms" / "iom.yml"
    iom.write_text(iom.read_text(encoding="utf-8") + REFERENCES, encoding="utf-8")
    shutil.copytree(REPO / "config", tmp_path / "config")
    (tmp_path / "config" / "pages.yml").write_text("appears_in_limit: 2\ntopic_recent_with_lead: 3\n", encoding="utf-8")
    docs = tmp_path / "docs"
    for i in range(ARTICLES):
        meta = {"title": f"Bài số {i} về IOM", "date": f"20{10 + i}-05-0{1 + i % 9}", "outlet": "Báo X",
                "description": f"Tóm tắt riêng của bài số {i}.", "topics": ["thoa-thuan-gcm"]}
        body = f"# Bài số {i} về IOM\n\nTổ chức Di cư Quốc tế (IOM) hỗ trợ Việt Nam, bài số {i}.\n"
        write_atomic(docs / "vi" / "articles" / f"20{10 + i}" / f"bai-{i}.md", frontmatter.join(meta, body))
    return generation_inputs(Project(tmp_path))


def test_each_term_has_a_page_in_each_language(inputs):
    pages = glossary_pages(inputs)
    terms = sorted(p.stem for p in (CONTENT / "glossary" / "terms").glob("*.yml"))
    for lang in ("vi", "en"):
        assert sorted(rel.split("/")[-1][:-3] for rel in pages if rel.startswith(f"{lang}/glossary/")
                      and not rel.endswith("/index.md")) == terms


def test_a_term_page_gives_forms_definition_forbidden_forms_references_related_and_topics(inputs):
    vi, en = glossary_pages(inputs)["vi/glossary/iom.md"], glossary_pages(inputs)["en/glossary/iom.md"]
    assert en.startswith("# International Organization for Migration &#40;IOM&#41;\n")
    assert vi.startswith("# Tổ chức Di cư Quốc tế\n")
    assert "**English:** International Organization for Migration &#40;IOM&#41;; other forms: UN Migration" in en
    assert "**Vietnamese:** Tổ chức Di cư Quốc tế; other forms: IOM" in en
    assert "**Tiếng Anh:** International Organization for Migration &#40;IOM&#41;" in vi
    assert "175 Member States" in en and "175 nước" in vi  # each page defines in its language
    assert "- <del>International Organisation for Migration</del> — The organization's own name is spelled" in en
    assert ("- [IOM Glossary on Migration &#40;2019&#41;](https://publications.iom.int/books/"
            "international-migration-law-ndeg34-glossary-migration)") in en
    assert "(https://unterm.un.org/search?q=%28IOM%29)" in en  # brackets cannot end the link early
    assert "## References {#references}" in en and "## Nguồn tham khảo {#references}" in vi
    assert "- [IOM Council](hoi-dong-iom.md)" in en
    assert "- [Viet Nam–IOM cooperation](../topics/hop-tac-viet-nam-iom.md)" in en
    without = glossary_pages(inputs)["en/glossary/gcm.md"]
    assert "{#references}" not in without  # only where the term file gives one


def test_a_term_page_lists_the_newest_articles_by_year_then_how_many_more(inputs):
    page = glossary_pages(inputs)["vi/glossary/iom.md"]
    listing = page.split("{#articles}", 1)[1]
    assert re.findall(r">Bài số (\d) về IOM<", listing) == ["7", "6"]  # appears_in_limit: 2
    assert "<strong>2017</strong>" in listing and "<strong>2016</strong>" in listing
    assert ('<li><time datetime="2017-05-08">08/05/2017</time> — '
            '<a href="../../articles/2017/bai-7/">Bài số 7 về IOM</a></li>') in listing
    assert "<p>Và 6 bài cũ hơn.</p>" in listing
    assert '<div class="term-articles" data-search-exclude>' in listing
    english = glossary_pages(inputs)["en/glossary/iom.md"].split("{#articles}", 1)[1]
    assert ('<time datetime="2017-05-08">8 May 2017</time> — <a href="../../articles/2017/bai-7/" lang="vi">'
            "Bài số 7 về IOM</a> (not yet translated)") in english
    assert "And 6 older articles." in english
    assert "No article mentions this term yet." in glossary_pages(inputs)["en/glossary/ky-nang-so.md"]


def test_the_index_is_one_line_per_term_by_kind_with_a_filter_box(inputs):
    index = glossary_pages(inputs)["en/glossary/index.md"]
    assert index.count("\n- [") == len(list((CONTENT / "glossary" / "terms").glob("*.yml")))
    assert ('- [International Organization for Migration &#40;IOM&#41;](iom.md) '
            '<span class="glossary-other" lang="vi">Tổ chức Di cư Quốc tế</span>') in index
    assert '<div class="glossary-filter" data-glossary-filter hidden>' in index  # shown by site.js
    assert '<label for="glossary-filter-input">Filter terms</label>' in index
    assert '<div class="glossary-index" id="glossary-index" markdown data-search-exclude>' in index
    kinds = re.findall(r"\{#kind-([a-z]+)\}", index)
    assert kinds == [k for k in ("organisation", "document", "title", "person", "place", "event", "concept") if k in kinds]
    assert "generated" not in index.lower() and "do not edit" not in index  # no note for contributors


def test_a_reference_must_be_a_named_http_link(tmp_path):
    term = (CONTENT / "glossary" / "terms" / "iom.yml").read_text(encoding="utf-8")
    path = tmp_path / "glossary" / "terms" / "iom.yml"
    path.parent.mkdir(parents=True)
    path.write_text(term + "references:\n  - name: Bad\n    url: javascript:alert(1)\n  - url: https://x.org/\n",
                    encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        read_term(path, Project(tmp_path))
    message = str(error.value)
    assert "field 'references[0]': expected a mapping with a non-empty name and an http(s) url" in message
    assert "field 'references[1]'" in message


def test_a_topic_page_shows_recent_articles_with_leads_then_the_others_by_year(inputs):
    page = topic_pages(inputs)["en/topics/thoa-thuan-gcm.md"]
    recent, older = page.split("{#older}", 1)
    assert re.findall(r"Tóm tắt riêng của bài số (\d)", recent) == ["7", "6", "5"]
    assert re.findall(r"\[<span lang=\"vi\">Bài số (\d) về IOM</span>\]", older) == ["4", "3", "2", "1", "0"]
    assert "Tóm tắt" not in older and "**2014**" in older
    assert "(not yet translated)" in older
    assert "- [Global Compact for Safe, Orderly and Regular Migration &#40;GCM&#41;](../glossary/gcm.md)" in page


@pytest.mark.slow
def test_lists_of_other_pages_stay_out_of_the_search_index(project):  # noqa: F811
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    english = json.loads((project / "site" / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    index["docs"] += english["docs"]
    leads = [str(frontmatter.read(p)[0].get("description") or "")[:60]
             for p in (project / "docs" / "vi" / "articles").glob("*/*.md") if p.name != "index.md"]
    listing = [d for d in index["docs"] if d["location"].startswith(
        ("topics/", "glossary/", "en/topics/", "en/glossary/", "articles/", "en/articles/"))
        and not re.match(r"(en/)?articles/[^/]+/[^/#]+/", d["location"])]
    assert listing, "no glossary or topic entries in the index"
    for doc in listing:
        for lead in filter(None, leads):
            assert lead not in doc["text"], (doc["location"], lead)
        assert "Bài viết nhắc đến" not in doc["text"] and "Articles that mention it" not in doc["text"]
    terms = {d["location"] for d in index["docs"] if d["location"].startswith(("glossary/", "en/glossary/"))}
    assert {"glossary/iom/", "en/glossary/iom/"} <= terms  # each term's page is found by search
    glossary_index = [d for d in index["docs"] if d["location"] == "glossary/"]
    assert "Tổ chức Di cư Quốc tế" not in " ".join(d["text"] for d in glossary_index)  # the list is left out
    assert "Thuật ngữ" in read(project, "glossary/index.html")
