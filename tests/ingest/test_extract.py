"""scripts.ingest.extract: HTML pages through trafilatura, then the Vietnamese clean-up and metadata rules."""
from pathlib import Path

import pytest

from scripts.ingest.extract import ExtractError, extract_html, is_html
from scripts.ingest.metadata import settle
from tests.support.project import rules

RULES = rules()

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def page():
    return settle(extract_html((FIXTURES / "page.html").read_text(encoding="utf-8"), RULES), RULES)


def text_of(cleaned) -> str:
    return "\n".join(b.text for b in cleaned.blocks)


def test_title_and_lead(page):
    assert page.title == "Người lao động di cư được hỗ trợ pháp lý miễn phí"
    assert page.lead.startswith("Trung tâm trợ giúp pháp lý mở thêm điểm tư vấn")


def test_headings_before_the_body_are_teasers(page):
    assert "Một bài khác" not in text_of(page)


def test_photo_table_caption_is_dropped_but_a_text_table_is_kept(page):
    text = text_of(page)
    assert "Luật sư tư vấn cho người lao động tại điểm tư vấn" not in text
    assert "Điện thoại: 1900 0000" in text


def test_bold_paragraph_is_a_sub_heading(page):
    assert [b.text for b in page.blocks if b.kind == "h2"] == ["Mở rộng ra các tỉnh"]


def test_byline_is_the_author_and_the_site_name_is_not(page):
    assert page.author == "Lan Phương"
    html = (FIXTURES / "page.html").read_text(encoding="utf-8").replace(
        '<p style="text-align:right"><strong>Lan Phương</strong></p>', "")
    assert extract_html(html, RULES).author is None  # the meta author is the site's own name
    for site in ("Pháp Luật Plus", "VnExpress"):
        assert extract_html(html.replace("Báo Mẫu", site), RULES).author is None
    assert extract_html(html.replace('content="Báo Mẫu">\n<meta property="article:published',
                                     'content="Thu Lương">\n<meta property="article:published'), RULES).author \
        == "Thu Lương"


def test_date_time_from_the_page_and_outlet_and_address(page):
    assert page.date == "2023-06-02T09:05:00+07:00"  # printed "09:05 - 02/06/2023"; the meta data adds the offset
    assert page.outlet == "Báo Mẫu"
    assert page.source_url == "https://baomau.example.vn/nguoi-lao-dong-di-cu-d123.html"


def test_site_navigation_and_footer_are_not_body(page):
    text = text_of(page)
    assert "Trang chủ" not in text and "Bản quyền" not in text and "Tin liên quan một" not in text


def test_truncated_page_is_refused():
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    with pytest.raises(ExtractError, match="truncated"):
        extract_html(html[: len(html) // 2], RULES)


def test_page_without_article_is_refused():
    with pytest.raises(ExtractError, match="not an article"):
        extract_html("<html><body><div></div></body></html>", RULES)


def test_is_html():
    assert is_html("<!DOCTYPE html><html>") and not is_html("Tiêu đề\n\nĐoạn <b>văn</b>.")


def test_eval_html_page(shared_dir):
    cleaned = extract_html((shared_dir / "eval" / "eval_01.html").read_text(encoding="utf-8"), RULES)
    assert cleaned.title == "''Mổ xẻ'' bài thuốc nam chữa khỏi bệnh trĩ bằng Đông y ở Việt Nam"
    assert cleaned.date == "2016-01-18T17:26:00"
    assert cleaned.author != "Pháp Luật Plus"
