"""scripts.ingest.extract: HTML pages through trafilatura, then the Vietnamese clean-up and metadata rules."""
from pathlib import Path

import pytest

from scripts.ingest.extract import ExtractError, author_of, extract_html, is_html
from tests.support.project import rules

RULES = rules()

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def page():
    return extract_html((FIXTURES / "page.html").read_text(encoding="utf-8"), RULES)


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
    assert author_of("Báo Mẫu", "Báo Mẫu", "baomau.example.vn") is None
    assert author_of("Pháp Luật Plus", "Pháp Luật Plus", "phapluatplus.vn") is None
    assert author_of("Thu Lương", "Pháp Luật Plus", "phapluatplus.vn") == "Thu Lương"


def test_date_time_from_the_page_and_outlet_and_address(page):
    assert page.date == "2023-06-02T09:05:00"
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
