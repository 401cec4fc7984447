"""Translation memory: diff-friendly files, atomic unchanged-means-untouched writes, TMX 1.4 export."""
import xml.etree.ElementTree as ET

import pytest

from scripts.project import Project

from scripts.translate import memory
from scripts.exports import formats
from scripts.translate.memory import MemoryFileError, PageMemory, Record

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sample_page() -> PageMemory:
    page = PageMemory("articles/2024/bai.md", source_sha256="abc", order=["b", "a"])
    page.records["a"] = Record("a", "Xin chào & <bạn>", "[en] Hello", "Hello, friend", "human", "2024-11-11T12:00:00Z")
    page.records["b"] = Record("b", "Tạm biệt", "Goodbye", "Goodbye", "libre", "2024-11-11T12:00:00Z")
    page.records["c"] = Record("c", "Chưa dịch", None, None, "pending", "2024-11-11T12:00:00Z")
    return page


def test_a_page_memory_survives_a_round_trip(tmp_path):
    page = sample_page()
    assert memory.save_page(Project(tmp_path), page) is True
    path = tmp_path / "translations" / "memory" / "articles" / "2024" / "bai.yml"
    assert path.exists()
    again = memory.load_page(Project(tmp_path), "articles/2024/bai.md")
    assert again == page
    # records follow the page order, then older ones: a diff shows paragraphs where they are
    text = path.read_text(encoding="utf-8")
    assert text.index("id: b") < text.index("id: a") < text.index("id: c")
    assert text.startswith("# Translation memory of one article")


def test_saving_unchanged_memory_does_not_touch_the_file(tmp_path):
    memory.save_page(Project(tmp_path), sample_page())
    path = Project(tmp_path).memory_file("articles/2024/bai.md")
    before = path.stat().st_mtime_ns
    assert memory.save_page(Project(tmp_path), sample_page()) is False
    assert path.stat().st_mtime_ns == before
    assert not list(path.parent.glob("*.tmp"))


def test_a_missing_memory_is_empty(tmp_path):
    page = memory.load_page(Project(tmp_path), "articles/2024/none.md")
    assert page.records == {} and not page.known and page.owner == "pipeline"


@pytest.mark.parametrize("text, field", [
    ("owner: robot\n", "owner"),
    ("segments:\n- id: x\n", r"segments\[0\]"),
    ("order: 3\n", "order"),
])
def test_a_broken_memory_file_is_named_with_its_field(tmp_path, text, field):
    path = Project(tmp_path).memory_file("articles/x.md")
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MemoryFileError, match=rf"x\.yml: .*{field}"):
        memory.load_page(Project(tmp_path), "articles/x.md")


def test_finished_records_prefer_human_translations(tmp_path):
    memory.save_page(Project(tmp_path), sample_page())
    other = PageMemory("articles/2023/khac.md", order=["a"])
    other.records["a"] = Record("a", "Xin chào & <bạn>", "Hi", "Hi", "google", "2023-01-01T00:00:00Z")
    memory.save_page(Project(tmp_path), other)
    finished = memory.finished_records(Project(tmp_path))
    assert finished["a"].origin == "human" and "c" not in finished


def test_tmx_export_is_valid_tmx_1_4(tmp_path):
    memory.save_page(Project(tmp_path), sample_page())
    assert formats()["tmx"].default == "exports/memory.tmx"
    text = formats()["tmx"].write(Project(tmp_path))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
    tmx = ET.fromstring(text.split("\n", 2)[2])
    assert tmx.tag == "tmx" and tmx.get("version") == "1.4"
    header = tmx.find("header")
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attribute), attribute
    units = tmx.findall("body/tu")
    assert [u.get("tuid") for u in units] == ["b", "a"]  # the pending segment has no English: left out
    first = units[1]
    assert first.get("creationdate") == "20241111T120000Z"
    assert [p.text for p in first.findall("prop")] == ["human", "articles/2024/bai.md"]
    assert {tuv.get(XML_LANG): tuv.find("seg").text for tuv in first.findall("tuv")} == {
        "vi": "Xin chào & <bạn>", "en": "Hello, friend"}


def test_reuse_prefers_the_newest_human_record_not_the_alphabetically_last(tmp_path):
    """F21: A corrects a paragraph after B copied it; C must get A's correction, not B's stale copy."""
    project = Project(tmp_path)
    for rel, en, time in [("articles/2024/a.md", "Version 2 (corrected: 20 people).", "2024-11-12T00:00:00Z"),
                          ("articles/2024/b.md", "Version 1 (a mistake: 200 people).", "2024-11-11T00:00:00Z")]:
        page = PageMemory(rel, order=["x"])
        page.records["x"] = Record("x", "Đoạn chung.", None, en, "human", time)
        memory.save_page(project, page)
    assert memory.finished_records(project)["x"].en == "Version 2 (corrected: 20 people)."


def test_a_post_edit_holding_raw_html_or_a_script_link_is_not_reused_in_other_articles(tmp_path):
    """F6: such English stays on its own page (inert there when built, named by `check`); another
    article with the same paragraph gets the older clean record, or none."""
    project = Project(tmp_path)
    for rel, en, time in [("articles/2024/a.md", "Clean English.", "2024-11-11T00:00:00Z"),
                          ("articles/2024/b.md", "Edited <img src=x onerror=alert(1)> text.", "2024-11-12T00:00:00Z"),
                          ("articles/2024/c.md", "[a link](javascript:alert(1))", "2024-11-13T00:00:00Z")]:
        page = PageMemory(rel, order=["x", rel])
        page.records["x"] = Record("x", "Đoạn chung.", None, en, "human", time)
        page.records[rel] = Record(rel, "Đoạn riêng.", None, en, "human", time)
        memory.save_page(project, page)
    finished = memory.finished_records(project)
    assert finished["x"].en == "Clean English."
    assert "articles/2024/b.md" not in finished and "articles/2024/c.md" not in finished


def test_provenance_and_reasons_are_kept_and_only_written_when_there_are_any(tmp_path):
    page = PageMemory("articles/2024/bai.md", order=["a", "b"])
    page.records["a"] = Record("a", "Chào", "Hello", "Hello", "llm", "2026-11-30T00:00:00Z", model="m1", style="abc")
    page.records["b"] = Record("b", "Tạm biệt", None, None, "pending", "2026-11-30T00:00:00Z", why="HTTP 500")
    memory.save_page(Project(tmp_path), page)
    text = Project(tmp_path).memory_file(page.rel).read_text(encoding="utf-8")
    assert "model: m1" in text and "why: HTTP 500" in text and text.count("model:") == 1
    assert memory.load_page(Project(tmp_path), page.rel) == page
