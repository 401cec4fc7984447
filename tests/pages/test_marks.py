"""The side-by-side view's marks (scripts/pages/marks.py): each segment's id, and where each English
paragraph's English comes from, aligned with the Vietnamese segments the page was written from (the
memory's order): an engine's draft, a person's translation or pending; a page whose paragraphs were
merged or split is not aligned. The marks are attribute lists that Markdown puts on the elements."""
from __future__ import annotations

import shutil

import markdown as markdown_module

from scripts.core import frontmatter
from scripts.core.content import read_article
from scripts.pages.marks import article_marks, english_origins, inserted, insertions_of, page_marks
from scripts.pages.model import decoded, encoded, read_site_data
from scripts.project import Project
from scripts.translate.memory import PageMemory, Record, load_page
from scripts.translate.segments import page_segments, parts_of, segments_in
from tests.support.project import FIXTURES, copy_project

REL = "articles/2021/ho-tro-lao-dong-di-cu-hoi-huong.md"
SITE = FIXTURES / "site"


def page(lang: str) -> tuple[dict, str]:
    return frontmatter.split((SITE / "docs" / lang / REL).read_text(encoding="utf-8"), REL)


def html(text: str) -> str:
    return markdown_module.markdown(text, extensions=["attr_list", "toc", "admonition"])


def origins(en_body: str | None = None, en_meta: dict | None = None, vi_body: str | None = None,
            memory: PageMemory | None = None):
    vi_meta, vi = page("vi")
    meta, body = page("en")
    return english_origins(en_meta or meta, en_body or body, vi_meta, vi_body or vi,
                           memory if memory is not None else load_page(Project(SITE), REL))


# ─── Where the English comes from ────────────────────────────────────────────────────────────

def test_each_english_paragraph_says_where_its_english_comes_from():
    _, vi_body = page("vi")
    vi_ids = [s.id for s in segments_in(parts_of(vi_body))]
    found = origins()
    assert [sid for sid, _ in found] == vi_ids  # heading, three paragraphs
    assert [origin for _, origin in found] == ["machine", "machine", "human", "pending"]


def test_an_edit_the_memory_has_not_recorded_yet_is_a_persons_translation():
    _, en_body = page("en")
    edited = en_body.replace("Many provinces are opening", "Several provinces open")
    assert origins(edited)[1][1] == "human"


def test_without_a_memory_the_page_says_what_its_english_is():
    machine = origins(memory=PageMemory(REL))
    assert [origin for _, origin in machine] == ["machine", "machine", "machine", "pending"]
    en_meta, _ = page("en")
    human = origins(en_meta={**en_meta, "translation": {"status": "human"}}, memory=PageMemory(REL))
    assert [origin for _, origin in human] == ["human", "human", "human", "pending"]


def test_a_page_whose_paragraphs_were_merged_is_not_aligned():
    _, en_body = page("en")
    assert origins(en_body.replace("home.\n\nWorkers", "home. Workers")) is None


def test_the_memory_order_aligns_an_outdated_page_with_what_it_was_translated_from():
    """The English page follows the Vietnamese segments it was written from (the memory's order),
    not the Vietnamese page as it is now."""
    _, vi_body = page("vi")
    old = load_page(Project(SITE), REL)
    changed = vi_body.replace("Các tỉnh sẽ tổng kết", "Đoạn mới.\n\nCác tỉnh sẽ tổng kết")
    assert [sid for sid, _ in origins(vi_body=changed)] == old.order[2:]


def test_the_record_of_a_finished_segment_decides_machine_or_human():
    memory = load_page(Project(SITE), REL)
    sid = memory.order[4]
    memory.records[sid] = Record(sid, memory.records[sid].vi, None, memory.records[sid].en, "some-engine", "t")
    assert origins(memory=memory)[2][1] == "machine"


def test_the_title_and_description_are_segments_of_the_memory_not_of_the_body():
    vi_meta, vi_body = page("vi")
    assert len(page_segments(vi_meta, vi_body)) == len(segments_in(parts_of(vi_body))) + 2


# ─── The marks in the Markdown ───────────────────────────────────────────────────────────────

def marked(body: str) -> str:
    return inserted(body, insertions_of(body))


def test_a_vietnamese_page_marks_each_paragraph_heading_and_item_with_its_segment():
    body = "# Tiêu đề\n\nĐoạn một\ndòng hai.\n\n- mục một\n- mục hai\n\n> trích dẫn\n\n```\nmã\n```\n"
    out = html(marked(body))
    ids = [s.id for s in segments_in(parts_of(body))]
    assert f'<h1 data-seg="{ids[0]}" id="tieu-e">Tiêu đề</h1>' in out
    assert f'<p data-seg="{ids[1]}">Đoạn một\ndòng hai.</p>' in out
    assert f'<li data-seg="{ids[2]}">mục một</li>' in out and f'<li data-seg="{ids[3]}">mục hai</li>' in out
    assert "<p>trích dẫn</p>" in out and "{:" not in out  # a quote is left as it is, nothing leaks


def test_a_page_with_its_own_attribute_lists_or_hard_breaks_keeps_them():
    body = "## Tiêu đề {#rieng}\n\nDòng kết thúc bằng ngắt dòng cứng.  \n"
    assert marked(body) == body
    assert '<p data-seg="' in html(marked("Ngắt  \ngiữa đoạn.\n"))


def test_an_english_page_carries_the_origin_of_each_paragraph(tmp_path):
    _, en_body = page("en")
    for name in ("docs", "translations"):
        shutil.copytree(SITE / name, tmp_path / name)
    project = Project(tmp_path)
    marks = article_marks(project, read_article(project.docs, "vi", REL), read_article(project.docs, "en", REL))
    digest, insertions = marks["en"]
    expected = [{"data-seg": s, "data-origin": o, **({"lang": "vi"} if o == "pending" else {})} for s, o in origins()]
    assert (digest, insertions) == page_marks(en_body, expected)
    out = html(inserted(en_body.lstrip("\n"), insertions))
    vi_ids = [s.id for s in segments_in(parts_of(page("vi")[1]))]
    assert f'<p data-origin="human" data-seg="{vi_ids[2]}">Workers are introduced' in out
    # a passage still pending is the Vietnamese: a screen reader reads it as Vietnamese
    assert f'<p data-origin="pending" data-seg="{vi_ids[3]}" lang="vi">' in out
    assert 'class="admonition warning"' in out and out.count("data-seg=") == 4  # the notice is no segment
    assert marks["vi"] == page_marks(page("vi")[1])
    assert article_marks(project, read_article(project.docs, "vi", REL), None)["en"] is None


def test_the_site_data_carries_the_marks_of_every_article_page(tmp_path):
    project = Project(copy_project(tmp_path))
    for name in ("docs", "translations"):
        shutil.copytree(SITE / name, tmp_path / name, dirs_exist_ok=True)
    data = read_site_data(project)
    assert set(data.marks["vi"]) == set(data.articles)
    assert set(data.marks["en"]) <= set(data.english) and REL in data.marks["en"]
    assert [text.count("data-origin") for _, text in data.marks["en"][REL][1]] == [1, 1, 1, 1]
    assert decoded(encoded(data)).marks == data.marks  # kept between processes (.cache/site-data.json)
