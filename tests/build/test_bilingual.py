"""The side-by-side view's marks: each article page's paragraphs carry the id of their Vietnamese
segment, and English ones where their English comes from (the translation memory: machine, human,
pending), aligned as the translate stage aligns post-edits; the marks survive Markdown."""
from __future__ import annotations

import markdown as markdown_module
import pytest

from scripts.build.bilingual import annotated, english_marks, marked, side_by_side_url, vietnamese_marks
from scripts.core import frontmatter
from scripts.project import Project
from scripts.translate.memory import PageMemory, Record, load_page
from scripts.translate.segments import page_segments
from tests.support.project import FIXTURES

REL = "articles/2021/ho-tro-lao-dong-di-cu-hoi-huong.md"
SITE = FIXTURES / "site"


def page(lang: str, rel: str = REL) -> tuple[dict, str]:
    return frontmatter.split((SITE / "docs" / lang / rel).read_text(encoding="utf-8"), rel)


def html(text: str) -> str:
    return markdown_module.markdown(text, extensions=["attr_list", "toc", "admonition"])


def test_the_vietnamese_page_marks_each_paragraph_heading_and_item_with_its_segment():
    body = "# Tiêu đề\n\nĐoạn một\ndòng hai.\n\n- mục một\n- mục hai\n\n> trích dẫn\n\n```\nmã\n```\n"
    out = html(marked(body, vietnamese_marks(body)))
    ids = [m["data-seg"] for m in vietnamese_marks(body)]
    assert f'<h1 data-seg="{ids[0]}" id="tieu-e">Tiêu đề</h1>' in out
    assert f'<p data-seg="{ids[1]}">Đoạn một\ndòng hai.</p>' in out
    assert f'<li data-seg="{ids[2]}">mục một</li>' in out and f'<li data-seg="{ids[3]}">mục hai</li>' in out
    assert "<p>trích dẫn</p>" in out and "{:" not in out  # a quote is left as it is, nothing leaks


def test_a_page_with_its_own_attribute_lists_or_hard_breaks_keeps_them():
    body = "## Tiêu đề {#rieng}\n\nDòng kết thúc bằng ngắt dòng cứng.  \n"
    assert marked(body, vietnamese_marks(body)) == body
    inside = "Ngắt  \ngiữa đoạn.\n"
    assert '<p data-seg="' in html(marked(inside, vietnamese_marks(inside)))


def test_english_paragraphs_say_where_their_english_comes_from():
    vi_meta, vi_body = page("vi")
    en_meta, en_body = page("en")
    memory = load_page(Project(SITE), REL)
    marks = english_marks(en_body, en_meta, vi_meta, vi_body, memory)
    vi_ids = [m["data-seg"] for m in vietnamese_marks(vi_body)]
    assert [m["data-seg"] for m in marks] == vi_ids  # heading, three paragraphs
    assert [m["data-origin"] for m in marks] == ["machine", "machine", "human", "pending"]
    out = html(marked(en_body, marks))
    assert f'<p data-origin="human" data-seg="{vi_ids[2]}">Workers are introduced' in out
    assert 'class="admonition warning"' in out  # the "translation incomplete" notice is no segment


def test_an_edit_the_memory_has_not_recorded_yet_is_a_persons_translation():
    vi_meta, vi_body = page("vi")
    en_meta, en_body = page("en")
    edited = en_body.replace("Many provinces are opening", "Several provinces open")
    memory = load_page(Project(SITE), REL)
    assert english_marks(edited, en_meta, vi_meta, vi_body, memory)[1]["data-origin"] == "human"


def test_without_a_memory_the_page_says_what_its_english_is():
    vi_meta, vi_body = page("vi")
    en_meta, en_body = page("en")
    machine = english_marks(en_body, en_meta, vi_meta, vi_body, PageMemory(REL))
    assert [m["data-origin"] for m in machine] == ["machine", "machine", "machine", "pending"]
    human_meta = {**en_meta, "translation": {"status": "human"}}
    human = english_marks(en_body, human_meta, vi_meta, vi_body, PageMemory(REL))
    assert [m["data-origin"] for m in human] == ["human", "human", "human", "pending"]


def test_a_page_whose_paragraphs_were_merged_is_not_paired():
    vi_meta, vi_body = page("vi")
    en_meta, en_body = page("en")
    merged = en_body.replace("home.\n\nWorkers", "home. Workers")
    assert english_marks(merged, en_meta, vi_meta, vi_body, load_page(Project(SITE), REL)) is None


def test_the_memory_order_aligns_an_outdated_page_with_what_it_was_translated_from():
    """The English page follows the Vietnamese segments it was written from (the memory's order),
    not the Vietnamese page as it is now."""
    vi_meta, vi_body = page("vi")
    en_meta, en_body = page("en")
    old = load_page(Project(SITE), REL)
    changed = vi_body.replace("Các tỉnh sẽ tổng kết", "Đoạn mới.\n\nCác tỉnh sẽ tổng kết")
    marks = english_marks(en_body, en_meta, vi_meta, changed, old)
    assert [m["data-seg"] for m in marks] == old.order[2:]


def test_the_record_of_a_finished_segment_decides_machine_or_human():
    vi_meta, vi_body = page("vi")
    en_meta, en_body = page("en")
    memory = load_page(Project(SITE), REL)
    sid = memory.order[4]
    memory.records[sid] = Record(sid, memory.records[sid].vi, None, memory.records[sid].en, "some-engine", "t")
    assert english_marks(en_body, en_meta, vi_meta, vi_body, memory)[2]["data-origin"] == "machine"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_annotated_pages_of_the_fixture_project(tmp_path, lang):
    import shutil

    for name in ("docs", "translations"):
        shutil.copytree(SITE / name, tmp_path / name)
    meta, body = page(lang)
    out = annotated(body, meta, REL, lang, Project(tmp_path))
    assert out.count("{: data-seg=") == 4
    assert ('data-origin="pending"' in out) == (lang == "en")
    missing = annotated(body, meta, "articles/2021/khong-co.md", lang, Project(tmp_path))
    assert missing == (marked(body, vietnamese_marks(body)) if lang == "vi" else body)


def test_the_side_by_side_address_names_the_article():
    assert side_by_side_url("en/", REL) == {"page": "en/side-by-side/",
                                            "query": "?a=articles/2021/ho-tro-lao-dong-di-cu-hoi-huong/"}


def test_page_segments_and_marks_agree_on_the_title_heading():
    """The marks are those of the body's segments: the front matter's title and description are
    segments of the memory but not of the page's body."""
    vi_meta, vi_body = page("vi")
    assert len(page_segments(vi_meta, vi_body)) == len(vietnamese_marks(vi_body)) + 2
