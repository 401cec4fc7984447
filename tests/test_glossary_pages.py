"""Page sizes of the generated glossary and topic pages: bounded lists, kept out of the search index."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from scripts.core import frontmatter
from scripts.pages import model as glossary_pages
from scripts.core.fsutil import write_atomic
from tests.conftest import ROOT
from tests.test_glossary_site import project, read  # noqa: F401 - module fixture reused

ARTICLES = 8


@pytest.fixture
def docs(tmp_path, monkeypatch):
    """Eight articles on the GCM topic, each mentioning IOM; small page-size settings."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    docs = tmp_path / "docs"
    for i in range(ARTICLES):
        meta = {"title": f"Bài số {i} về IOM", "date": f"20{10 + i}-05-0{1 + i % 9}", "outlet": "Báo X",
                "description": f"Tóm tắt riêng của bài số {i}.", "topics": ["thoa-thuan-gcm"]}
        body = f"# Bài số {i} về IOM\n\nTổ chức Di cư Quốc tế (IOM) hỗ trợ Việt Nam, bài số {i}.\n"
        write_atomic(docs / "vi" / "articles" / f"20{10 + i}" / f"bai-{i}.md", frontmatter.join(meta, body))
    monkeypatch.setattr(glossary_pages, "settings", lambda: {"appears_in_limit": 2, "topic_recent_with_lead": 3})
    return docs


def test_a_glossary_entry_lists_the_newest_articles_then_how_many_more(docs):
    page = glossary_pages.glossary_site_pages(docs)["vi/glossary/index.md"]
    entry = page.split("{#iom}", 1)[1].split("\n### ", 1)[0]
    assert re.findall(r"\[Bài số (\d) về IOM\]", entry) == ["7", "6"]
    assert "và 6 bài khác" in entry
    assert "<div markdown data-search-exclude>" in entry


def test_a_topic_page_shows_recent_articles_with_leads_then_the_others_by_year(docs):
    page = glossary_pages.glossary_site_pages(docs)["en/topics/thoa-thuan-gcm.md"]
    recent, older = page.split("{#older}", 1)
    assert re.findall(r"Tóm tắt riêng của bài số (\d)", recent) == ["7", "6", "5"]
    assert re.findall(r"\[Bài số (\d) về IOM\]", older) == ["4", "3", "2", "1", "0"]
    assert "Tóm tắt" not in older and "**2014**" in older
    assert "(not yet translated)" in older


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
