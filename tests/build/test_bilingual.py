"""The side-by-side view's marks: each article page's paragraphs carry the id of their Vietnamese
segment, and English ones where their English comes from (the site data's origins:
tests/pages/test_origins.py); the marks survive Markdown."""
from __future__ import annotations

import markdown as markdown_module

from scripts.build.bilingual import annotated, marked, side_by_side_url, vietnamese_marks
from scripts.core import frontmatter
from scripts.pages.model import SiteData
from scripts.translate.segments import parts_of
from tests.support.project import FIXTURES

REL = "articles/2021/ho-tro-lao-dong-di-cu-hoi-huong.md"
SITE = FIXTURES / "site"


def page(lang: str, rel: str = REL) -> tuple[dict, str]:
    return frontmatter.split((SITE / "docs" / lang / rel).read_text(encoding="utf-8"), rel)


def html(text: str) -> str:
    return markdown_module.markdown(text, extensions=["attr_list", "toc", "admonition"])


def test_the_vietnamese_page_marks_each_paragraph_heading_and_item_with_its_segment():
    body = "# Tiêu đề\n\nĐoạn một\ndòng hai.\n\n- mục một\n- mục hai\n\n> trích dẫn\n\n```\nmã\n```\n"
    out = html(marked(parts_of(body), vietnamese_marks(parts_of(body))))
    ids = [m["data-seg"] for m in vietnamese_marks(parts_of(body))]
    assert f'<h1 data-seg="{ids[0]}" id="tieu-e">Tiêu đề</h1>' in out
    assert f'<p data-seg="{ids[1]}">Đoạn một\ndòng hai.</p>' in out
    assert f'<li data-seg="{ids[2]}">mục một</li>' in out and f'<li data-seg="{ids[3]}">mục hai</li>' in out
    assert "<p>trích dẫn</p>" in out and "{:" not in out  # a quote is left as it is, nothing leaks


def test_a_page_with_its_own_attribute_lists_or_hard_breaks_keeps_them():
    body = "## Tiêu đề {#rieng}\n\nDòng kết thúc bằng ngắt dòng cứng.  \n"
    assert marked(parts_of(body), vietnamese_marks(parts_of(body))) == body
    inside = "Ngắt  \ngiữa đoạn.\n"
    assert '<p data-seg="' in html(marked(parts_of(inside), vietnamese_marks(parts_of(inside))))


def data_with(origins) -> SiteData:
    return SiteData({}, {}, {}, {}, {REL: origins})


def test_english_paragraphs_carry_their_origin_from_the_site_data():
    _, vi_body = page("vi")
    _, en_body = page("en")
    vi_ids = [m["data-seg"] for m in vietnamese_marks(parts_of(vi_body))]
    origins = tuple(zip(vi_ids, ("machine", "machine", "human", "pending")))
    out = html(annotated(en_body, REL, "en", data_with(origins)))
    assert f'<p data-origin="human" data-seg="{vi_ids[2]}">Workers are introduced' in out
    assert 'class="admonition warning"' in out  # the "translation incomplete" notice is no segment
    assert out.count("data-seg=") == 4


def test_an_english_page_that_does_not_follow_the_vietnamese_is_left_unmarked():
    _, en_body = page("en")
    assert annotated(en_body, REL, "en", data_with(None)) == en_body  # restructured by a person
    assert annotated(en_body, REL, "en", data_with((("a", "human"),))) == en_body  # changed since read


def test_vietnamese_text_is_marked_with_its_ids_also_when_served_under_en():
    """A page not yet translated is served in Vietnamese under /en/: its text language is "vi"."""
    _, vi_body = page("vi")
    out = annotated(vi_body, "articles/undated/khong-dich.md", "vi", data_with(None))
    assert out.count("{: data-seg=") == 4 and "data-origin" not in out


def test_the_side_by_side_address_names_the_article():
    assert side_by_side_url("en/", REL) == {"page": "en/side-by-side/",
                                            "query": "?a=articles/2021/ho-tro-lao-dong-di-cu-hoi-huong/"}
