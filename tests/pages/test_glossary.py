"""Page sizes of the generated glossary and topic pages: bounded lists, kept out of the search index."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from scripts.core import frontmatter
from scripts.core.fsutil import write_atomic
from scripts.pages.glossary import glossary_pages
from scripts.pages.topics import topic_pages
from scripts.project import Project
from tests.site.test_glossary_site import project, read  # noqa: F401 - module fixture reused
from tests.support.project import CONTENT, REPO, generation_inputs

ARTICLES = 8


@pytest.fixture
def inputs(tmp_path):
    """Eight articles on the GCM topic, each mentioning IOM; small page-size settings."""
    shutil.copytree(CONTENT / "glossary", tmp_path / "glossary")
    shutil.copytree(REPO / "config", tmp_path / "config")
    (tmp_path / "config" / "pages.yml").write_text("appears_in_limit: 2\ntopic_recent_with_lead: 3\n", encoding="utf-8")
    docs = tmp_path / "docs"
    for i in range(ARTICLES):
        meta = {"title": f"Bài số {i} về IOM", "date": f"20{10 + i}-05-0{1 + i % 9}", "outlet": "Báo X",
                "description": f"Tóm tắt riêng của bài số {i}.", "topics": ["thoa-thuan-gcm"]}
        body = f"# Bài số {i} về IOM\n\nTổ chức Di cư Quốc tế (IOM) hỗ trợ Việt Nam, bài số {i}.\n"
        write_atomic(docs / "vi" / "articles" / f"20{10 + i}" / f"bai-{i}.md", frontmatter.join(meta, body))
    return generation_inputs(Project(tmp_path))


def test_a_glossary_entry_lists_the_newest_articles_then_how_many_more(inputs):
    page = glossary_pages(inputs)["vi/glossary/index.md"]
    entry = page.split("{#iom}", 1)[1].split("\n### ", 1)[0]
    assert re.findall(r"\[Bài số (\d) về IOM\]", entry) == ["7", "6"]
    assert "và 6 bài khác" in entry
    assert "<div markdown data-search-exclude>" in entry


def test_a_topic_page_shows_recent_articles_with_leads_then_the_others_by_year(inputs):
    page = topic_pages(inputs)["en/topics/thoa-thuan-gcm.md"]
    recent, older = page.split("{#older}", 1)
    assert re.findall(r"Tóm tắt riêng của bài số (\d)", recent) == ["7", "6", "5"]
    assert re.findall(r"\[Bài số (\d) về IOM\]", older) == ["4", "3", "2", "1", "0"]
    assert "Tóm tắt" not in older and "**2014**" in older
    assert "(not yet translated)" in older


@pytest.mark.slow
def test_lists_of_other_pages_stay_out_of_the_search_index(project):  # noqa: F811
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    english = json.loads((project / "site" / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    index["docs"] += english["docs"]
    leads = [str(frontmatter.read(p)[0].get("description") or "")[:60]
             for p in (project / "docs" / "vi" / "articles").glob("*/*.md") if p.name != "index.md"]
    listing = [d for d in index["docs"] if d["location"].startswith(("topics/", "glossary/", "en/topics/", "en/glossary/"))]
    assert listing, "no glossary or topic entries in the index"
    for doc in listing:
        for lead in filter(None, leads):
            assert lead not in doc["text"], (doc["location"], lead)
        assert "Xuất hiện trong" not in doc["text"] and "Appears in" not in doc["text"]
    assert "Thuật ngữ" in read(project, "glossary/index.html")
