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


# ─── Pages of other layouts (written for these tests) ────────────────────────────────────

PARAGRAPHS = [
    "Theo các ngân hàng thương mại, kiều hối gửi về từ người lao động tại Nhật Bản, Hàn Quốc và Đài Loan tăng mạnh "
    "trong năm qua, nhất là vào các tháng cuối năm.",
    "Phần lớn lượng kiều hối được người nhận sử dụng để chi tiêu, trả nợ và xây sửa nhà; một phần được gửi tiết kiệm "
    "hoặc đầu tư vào sản xuất kinh doanh tại địa phương.",
    "Nhờ các dịch vụ chuyển tiền trực tuyến, chi phí chuyển tiền về nước đã giảm đáng kể so với những năm trước đây.",
]
SAPO = "Lượng kiều hối chuyển về Việt Nam năm nay được dự báo tiếp tục tăng nhờ số lao động làm việc ở nước ngoài tăng."


def layout(sapo_html: str, body_html: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>Kiều hối tiếp tục tăng</title>{head}</head><body>"
            f"<h1>Kiều hối tiếp tục tăng</h1>{sapo_html}{body_html}</body></html>")


def test_a_lead_the_extractor_drops_is_put_back():
    body = "<div class='detail__content'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
    for sapo in (f"<h2 class='detail__summary'>{SAPO}</h2>", f"<div class='sapo'>(Dân trí) - {SAPO}</div>"):
        cleaned = extract_html(layout(sapo, body), RULES)
        assert cleaned.lead == SAPO and text_of(cleaned).count(SAPO) == 1
    by_description = layout(f"<h2 class='title-lead'>(VTC News) - {SAPO}</h2>", body,
                            head=f'<meta property="og:description" content="{SAPO}">')
    assert extract_html(by_description, RULES).lead == SAPO


def test_sub_headings_and_paragraphs_are_read_from_the_article_element():
    body = ("<div class='detail__content'>" + f"<p>{PARAGRAPHS[0]}</p><h2><strong>Chi phí chuyển tiền giảm</strong></h2>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
            + "<div class='box-relate'><h3>Tin liên quan</h3><p><a href='/x'>Một bài khác về kiều hối</a></p></div>"
            + "<figure><img src='a.jpg'><figcaption>Người dân nhận tiền tại ngân hàng</figcaption></figure></div>")
    cleaned = extract_html(layout("", body), RULES)
    assert [b.text for b in cleaned.blocks if b.kind == "h2"] == ["Chi phí chuyển tiền giảm"]
    text = text_of(cleaned)
    assert "Một bài khác" not in text and "nhận tiền tại ngân hàng" not in text


def test_a_wrapper_with_a_chrome_class_that_holds_the_article_is_no_chrome():
    body = ("<div class='box-widget-detail'><span class='author-name'>Hồng Quang</span>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>")
    cleaned = extract_html(layout("", body), RULES)
    assert cleaned.author == "Hồng Quang" and text_of(cleaned).startswith(PARAGRAPHS[0])
