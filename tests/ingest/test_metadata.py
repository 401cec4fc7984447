"""Metadata from pages of any outlet (titles, dates, authors, outlets; how sure ingest is), on small
pages written for these tests in the style of real layouts (scripts.ingest.header, titles, dates,
bylines, metadata)."""
import pytest

from scripts.ingest.dates import dateline_date, find_dateline
from scripts.ingest.metadata import Context
from scripts.ingest.page import cleaned_article, page_of
from tests.support.project import rules

RULES = rules()
LEAD = "Nhiều địa phương đã có cách làm hiệu quả để giúp người lao động trở về sử dụng kỹ năng và vốn tích lũy."
BODY = [
    "Tại Bắc Giang, trung tâm dịch vụ việc làm lập danh sách người lao động về nước theo từng xã và tổ chức phiên "
    "giao dịch việc làm riêng cho nhóm này.",
    "Nhiều doanh nghiệp đánh giá cao kỹ năng, ngoại ngữ và tác phong công nghiệp của những người lao động đã "
    "từng làm việc ở Nhật Bản và Hàn Quốc.",
]
TITLE = "Người lao động trở về được hỗ trợ tìm việc làm ổn định"


def article(lines: list[str], **context):
    cleaned = cleaned_article("\n".join(lines).encode("utf-8"), RULES, Context(**context))
    return cleaned, page_of(cleaned, "sources/x.txt", "", RULES).meta


def body_text(cleaned) -> str:
    return "\n".join(f"{b.kind}: {b.text}" for b in cleaned.blocks)


# ─── Titles ──────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("top", [
    ["Báo Nhân Dân", "Đăng Nhập", "Thời sự", "Chính trị"],
    ["BÁO THANH HÓA", "Thứ Hai, 05/08/2024", "Trang chủ", "Xã hội"],
    ["Báo Hà Tĩnh điện tử", "Thời sự", "Lao động - Việc làm"],
    ["VOV.VN - Báo điện tử Đài Tiếng nói Việt Nam", "Trang chủ > Xã hội > Lao động"],
    ["Tuổi Trẻ Online", "Đăng nhập", "Tuổi Trẻ Sao"],
])
def test_mastheads_menus_and_login_links_are_never_the_title(top):
    cleaned, meta = article([*top, TITLE, "Thứ Bảy, 08-06-2024, 05:30", LEAD, *BODY])
    assert cleaned.title == TITLE and meta["title"] == TITLE
    assert cleaned.origins["title"] in ("title_agreed", "title_best")
    assert "needs_review" not in meta or "title" not in meta["needs_review"]
    assert not any(line in body_text(cleaned) for line in top)


def test_a_title_is_chosen_by_its_place_before_the_dateline_and_the_lead():
    teaser = "Gần 9.000 lao động đi làm việc ở nước ngoài trong tháng hai năm nay"  # a headline-like teaser
    cleaned, _ = article(["Xã hội", teaser, "Tin mới", TITLE, "08/06/2024 05:30", LEAD, *BODY])
    assert cleaned.title == TITLE


def test_a_short_lead_is_the_bodys_first_paragraph():
    cleaned, meta = article(["Xã hội", TITLE, "08/06/2024 05:30", "Hàng trăm người đã về nước an toàn.", LEAD, *BODY])
    assert cleaned.title == TITLE and cleaned.lead == "Hàng trăm người đã về nước an toàn."
    assert meta["date"] == "2024-06-08T05:30:00"


def test_a_title_nothing_sets_apart_is_listed_for_review():
    other = "Hỗ trợ vay vốn cho người lao động đi làm việc ở nước ngoài theo hợp đồng"
    cleaned, meta = article(["Xã hội", other, TITLE, LEAD, *BODY])
    assert cleaned.origins["title"] == "title_close"
    assert "title" in meta["needs_review"] and "sources/x.txt.meta.yml" in meta["needs_review"]["title"]


def test_html_title_suffixes_and_a_logo_heading_are_cut(tmp_path):
    paragraphs = "".join(f"<p>{p}</p>" for p in (LEAD, *BODY))
    page = (f"<!DOCTYPE html><html><head><title>{TITLE} - VnExpress</title></head><body>"
            f"<h1 class='logo'>VnExpress</h1><article>{paragraphs}</article></body></html>")
    cleaned = cleaned_article(page.encode("utf-8"), RULES)
    assert cleaned.title == TITLE and cleaned.outlet == "VnExpress"


# ─── Dates ───────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("printed, stored", [
    ("Thứ Bảy, 08-06-2024, 05:30", "2024-06-08T05:30:00"),
    ("17:26 - 18/01/2025", "2025-01-18T17:26:00"),
    ("09:00 | 10/03/2021", "2021-03-10T09:00:00"),
    ("Cập nhật: 05/08/2024 14:02", "2024-08-05T14:02:00"),
    ("Thứ hai, 11/3/2024, 07:12 (GMT+7)", "2024-03-11T07:12:00+07:00"),
    ("Thứ Sáu, 07:52, 22/03/2024", "2024-03-22T07:52:00"),
    ("07:12 ngày 24/03/2024", "2024-03-24T07:12:00"),
    ("24/03/2024 07:12 PM", "2024-03-24T19:12:00"),
    ("Ngày 24 tháng 3 năm 2024", "2024-03-24"),
    ("08/04/2024 05:30 (GMT+07:00)", "2024-04-08T05:30:00+07:00"),
])
def test_datelines_keep_the_time_and_offset_printed(printed, stored):
    assert dateline_date(printed, RULES) == stored
    _, meta = article([TITLE, printed, LEAD, *BODY])
    assert meta["date"] == stored and "date_source" not in meta


def test_a_byline_and_a_dateline_on_one_line():
    assert find_dateline("Nam Dương | 24/12/2023 | 07:12", RULES)[0] == "2023-12-24T07:12:00"
    cleaned, meta = article(["Công đoàn", TITLE, "Nam Dương | 24/12/2023 | 07:12", LEAD, *BODY])
    assert (meta["date"], meta["author"]) == ("2023-12-24T07:12:00", "Nam Dương")


def test_the_top_bars_date_is_not_the_articles():
    _, meta = article(["BÁO THANH HÓA", "Thứ Hai, 05/08/2024", "Trang chủ", "Xã hội", TITLE, LEAD, *BODY])
    assert meta["date"] is None


def test_a_date_is_never_taken_from_the_address_or_the_body():
    lines = [TITLE, "Ngày 15/7, tại Hà Nội, " + LEAD[0].lower() + LEAD[1:], *BODY]
    cleaned, meta = article(lines, source_url="https://dantri.com.vn/xa-hoi/bai-20240305084512345.htm")
    assert meta["date"] is None and "date_source" not in meta
    assert meta["needs_review"]["date"].startswith("no date is printed; the address suggests 2024-03-05: set `date:`")
    assert meta["outlet"] == "Báo Dân trí"  # the address names the outlet, though


def test_a_relative_time_gives_an_approximate_date_only_with_the_download_time():
    lines = ["Tin mới", TITLE, "3 giờ trước", LEAD, *BODY]
    _, meta = article(lines, fetched="2024-06-08T10:00:00+07:00")
    assert (meta["date"], meta["date_source"]) == ("2024-06-08T07:00:00+07:00", "inferred")
    assert "counted back from the download time" in meta["needs_review"]["date"]
    _, unknown = article(lines)
    assert unknown["date"] is None and "download time is unknown" in unknown["needs_review"]["date"]


def test_an_html_page_keeps_its_printed_time_and_the_meta_datas_offset():
    paragraphs = "".join(f"<p>{p}</p>" for p in (LEAD, *BODY))
    page = (f'<!DOCTYPE html><html><head><meta property="article:published_time" content="2024-03-24T07:12:00+07:00">'
            f'</head><body><h1>{TITLE}</h1><div class="date">07:12 ngày 24/03/2024</div><article>{paragraphs}'
            f'</article><div class="related"><span class="time">33 ngày trước 15:48 19/10/2019</span></div>'
            f'</body></html>')
    assert cleaned_article(page.encode("utf-8"), RULES).date == "2024-03-24T07:12:00+07:00"
    without_meta = page.replace('<meta property="article:published_time" content="2024-03-24T07:12:00+07:00">', "")
    assert cleaned_article(without_meta.encode("utf-8"), RULES).date == "2024-03-24T07:12:00"


# ─── Authors ─────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("end, author, credit", [
    (["Lê Hoàng", "Trở lại Thời sự", "Chia sẻ"], "Lê Hoàng", None),
    (["Thanh Hà", "VN-INDEX", "1.154,73", "HNX-INDEX", "229,50"], "Thanh Hà", None),
    (["Theo RT"], None, "RT"),
    (["Minh Khôi", "Theo Reuters"], "Minh Khôi", "Reuters"),
    (["Minh Thu/VOV.VN"], "Minh Thu", None),
    (["Thu Hằng (TTXVN/Vietnam+)"], "Thu Hằng", None),
    (["THANH HÀ - NGỌC ĐÔNG"], "Thanh Hà - Ngọc Đông", None),
    (["Thuỳ Linh"], "Thuỳ Linh", None),  # as printed: not restyled to "Thùy"
    (["Báo Nhân Dân điện tử; TP"], None, None),
    (["PV"], "PV", None),
    (["Bài và ảnh: Thu Hà"], "Thu Hà", None),
])
def test_bylines_at_the_end(end, author, credit):
    _, meta = article([TITLE, "08/06/2024 05:30", LEAD, *BODY, *end])
    assert (meta["author"], meta.get("source_credit")) == (author, credit)


def test_a_byline_at_the_top_in_capitals():
    cleaned, meta = article(["Báo Nhân Dân", TITLE, "Thứ Bảy, 08-06-2024, 05:30", "MINH HÀ", LEAD, *BODY])
    assert meta["author"] == "Minh Hà" and cleaned.origins["author"] == "author_byline"


def test_two_different_bylines_leave_the_author_unknown_and_listed_for_review():
    _, meta = article([TITLE, "08/06/2024 05:30", "Minh Hà", LEAD, *BODY, "Thu Trang"])
    assert meta["author"] is None  # null when unsure; the note names both
    assert "'Minh Hà'" in meta["needs_review"]["author"] and "'Thu Trang'" in meta["needs_review"]["author"]


# ─── Outlets ─────────────────────────────────────────────────────────────────────────────

def test_the_lead_prefix_names_the_outlet_without_brackets_too():
    cleaned, meta = article([TITLE, "TTO - " + LEAD, *BODY])
    assert (meta["outlet"], meta["outlet_en"]) == ("Báo Tuổi Trẻ", "Tuoi Tre")
    assert cleaned.lead == LEAD
    cleaned, _ = article([TITLE, "Hà Nội - " + LEAD, *BODY])  # a place, not an outlet's marker
    assert cleaned.lead.startswith("Hà Nội - ") and cleaned.outlet is None


@pytest.mark.parametrize("extra, outlet, origin", [
    (["© Bản quyền thuộc Báo Nhân Dân."], "Báo Nhân Dân", "outlet_named"),
    (["![](https://tacnghiep.thoidai.com.vn/anh/1.jpg)", "![](https://tacnghiep.thoidai.com.vn/anh/2.jpg)"],
     "Tạp chí Thời Đại", "outlet_domain"),
    (["Anh Tuấn chia sẻ với VnExpress rằng anh sẽ về nước vào tháng tới, sau khi hết hợp đồng lao động."],
     "VnExpress", "outlet_mention"),
    ([], None, "outlet_absent"),
])
def test_the_outlet_from_the_strongest_clue(extra, outlet, origin):
    cleaned, meta = article([TITLE, LEAD, *BODY, *extra])
    assert (meta["outlet"], cleaned.origins["outlet"]) == (outlet, origin)
    assert ("outlet" in meta.get("needs_review", {})) is (origin in ("outlet_mention", "outlet_absent"))


def test_two_outlets_named_are_listed_for_review():
    _, meta = article(["Báo Mới", TITLE, "(Dân trí) - " + LEAD, *BODY])
    assert meta["outlet"] == "Báo Dân trí"  # the lead's prefix: the article's own outlet
    assert "'Báo Mới'" in meta["needs_review"]["outlet"]


# ─── Body ────────────────────────────────────────────────────────────────────────────────

def test_a_greeting_in_a_speech_stays_a_paragraph_and_a_short_line_after_the_body_is_no_heading():
    speech = ["Phát biểu tại hội nghị, ông Trần Văn Bình nói:", "Kính thưa các đồng chí,",
              "Năm qua, các cơ quan, đơn vị đã phối hợp chặt chẽ, hỗ trợ kịp thời người di cư về việc làm."]
    cleaned, _ = article([TITLE, LEAD, *BODY, *speech, "Gần 9.000 lao động đi làm việc ở nước ngoài"])
    blocks = [(b.kind, b.text) for b in cleaned.blocks]
    assert ("p", "Kính thưa các đồng chí,") in blocks
    assert not any(kind == "h2" for kind, _ in blocks)
    assert "Gần 9.000" not in body_text(cleaned)


def test_a_sidecar_value_is_certain():
    from scripts.ingest.sidecar import apply_sidecar

    cleaned, meta = article([TITLE, LEAD, *BODY])
    assert "outlet" in meta["needs_review"]
    settled = apply_sidecar(cleaned, {"outlet": "Báo Lào Cai", "date": None})
    meta = page_of(settled, "sources/x.txt", "", RULES).meta
    assert "needs_review" not in meta and meta["outlet_en"] == "Lao Cai Newspaper"
