"""scripts.ingest.clean: each rule of the plain-text clean-up, on small dumps written for it."""
from pathlib import Path

import pytest

from scripts.ingest.captions import next_credit
from scripts.ingest.clean import clean_dump, is_name
from scripts.ingest.dates import dateline_date
from scripts.ingest.metadata import settle
from scripts.ingest.rules import RulesError, load_rules
from tests.support.project import REPO, rules

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
RULES = rules()


def body(cleaned) -> str:
    return "\n".join(b.text for b in cleaned.blocks)


@pytest.fixture(scope="module")
def chrome():
    return settle(clean_dump((FIXTURES / "dump_chrome.txt").read_text(encoding="utf-8"), RULES), RULES)


@pytest.fixture(scope="module")
def runon():
    return clean_dump((FIXTURES / "dump_runon.txt").read_text(encoding="utf-8"), RULES)


def test_title_is_the_first_line_after_the_logo(chrome):
    assert chrome.title == "Hợp tác về di cư lao động được thúc đẩy"


def test_logo_line_and_prefix_give_the_outlet(chrome):
    assert chrome.outlet == "Báo điện tử Đảng Cộng sản Việt Nam"
    assert "Logo" not in body(chrome)


def test_dateline_gives_date_time_and_offset(chrome):
    assert chrome.date == "2024-03-05T08:15:00+07:00"


@pytest.mark.parametrize("line, expected", [
    ("Thứ Hai, 11/11/2024 19:30 (GMT+0)", "2024-11-11T19:30:00+00:00"),
    ("17:26 - 18/01/2016", "2016-01-18T17:26:00"),
    ("Cập nhật: 04/08/2024", "2024-08-04"),
    ("31/02/2024 10:00", None),
    ("Ngày 9/12, công an tỉnh cho biết", False),
])
def test_datelines_are_day_first_and_never_guessed(line, expected):
    assert dateline_date(line, RULES) == expected


def test_a_date_in_the_body_is_not_the_publication_date(runon):
    assert runon.date is None


def test_lead_loses_its_outlet_prefix(chrome):
    assert chrome.lead == "Hai bên nhất trí tăng cường hợp tác trong lĩnh vực di cư lao động an toàn và hợp pháp."


def test_ui_words_players_and_teasers_are_dropped(chrome):
    text = body(chrome)
    for chrome_text in ("zalo-icon", "viber-icon", "00:00", "Một bài khác về biên giới", "[Video]"):
        assert chrome_text not in text


def test_footer_ends_the_body(chrome):
    text = body(chrome)
    assert "Tin bài liên quan" not in text and "không thuộc bài này" not in text


def test_short_line_without_end_punctuation_is_a_sub_heading(chrome):
    assert [b.text for b in chrome.blocks if b.kind == "h2"] == ["Kết quả bước đầu"]


def test_long_line_without_end_punctuation_is_a_caption(chrome):
    assert "trụ sở Bộ Lao động" not in body(chrome)


def test_list_like_line_without_end_punctuation_stays(chrome):
    assert "Các ưu tiên gồm: đào tạo kỹ năng; hỗ trợ pháp lý; chia sẻ dữ liệu; bảo vệ người lao động" in body(chrome)


def test_caption_line_with_credit_is_dropped(chrome):
    assert "tập huấn" not in body(chrome) and "Minh Anh" not in body(chrome)


def test_byline_on_the_last_line_is_the_author(chrome):
    assert chrome.author == "Thanh Hà"
    assert "Thanh Hà" not in body(chrome)


def test_end_marker_is_removed(chrome, runon):
    assert body(chrome).endswith("trong năm nay.")
    assert "/." not in body(runon)


def test_captions_inside_a_run_on_body_lose_only_their_sentence(runon):
    text = body(runon)
    for caption in ("Người lao động tại sân bay sáng 3/2.", "TTXVN", "Một gia đình đoàn tụ", "Ảnh: AP",
                    "Bản đồ các điểm đón", "VNA"):
        assert caption not in text
    for kept in ("Theo cơ quan chức năng,", "Nhiều gia đình đã chờ đợi", "Các cơ quan chức năng sẽ tiếp tục",
                 "Các chuyến bay đã đưa"):
        assert kept in text


def test_byline_after_the_last_sentence_of_a_run_on_body(runon):
    assert runon.author == "Minh Châu"
    assert body(runon).endswith("việc làm mới trong nước.")


def test_parenthesised_credit_marks_a_caption():
    dump = ("Tiêu đề bài viết về người lao động\n\nĐoạn mở đầu của bài viết về người lao động di cư.\n"
            "Bị can Nguyễn Văn A (ảnh CACC)\nĐoạn thứ hai của bài viết kể tiếp câu chuyện.\n")
    assert "Bị can" not in body(clean_dump(dump, RULES))


def test_a_word_like_video_in_parentheses_is_not_a_credit():
    assert next_credit("Bà nói trong đoạn phim (video) rằng mọi việc ổn.", RULES) is None


def test_teaser_lines_before_the_lead_are_dropped():
    dump = ("Tiêu đề bài viết\n\nMột bài khác được giới thiệu / Và một bài nữa\n"
            "Đoạn mở đầu của bài viết về di cư an toàn, hợp pháp.\nĐoạn thứ hai của bài viết.\n")
    assert clean_dump(dump, RULES).lead == "Đoạn mở đầu của bài viết về di cư an toàn, hợp pháp."


def test_alt_text_without_diacritics_is_dropped():
    dump = ("Tung tin 'X' qua đời\n\nĐoạn mở đầu của bài viết về tin giả trên mạng xã hội.\n"
            "Tung tin 'X' qua doi hinh anh 1\nĐoạn thứ hai của bài viết.\n")
    assert "hinh anh" not in body(clean_dump(dump, RULES))


def test_a_repeated_page_head_is_skipped():
    dump = ("Tiêu đề bài viết\nĐoạn mở đầu ở phần đầu trang được lặp lại.\n\nTiêu đề bài viết\n"
            "Đoạn mở đầu ở phần đầu trang được lặp lại.\nĐoạn thứ hai của bài viết.\n")
    assert [b.text for b in clean_dump(dump, RULES).blocks] == [
        "Đoạn mở đầu ở phần đầu trang được lặp lại.", "Đoạn thứ hai của bài viết."]


def test_html_entities_in_the_title_are_characters():
    assert clean_dump("Tung tin &#39;Mr Bean&#39; qua đời\n\nMột đoạn văn của bài viết này.\n", RULES).title == \
        "Tung tin 'Mr Bean' qua đời"


@pytest.mark.parametrize("text, expected", [
    ("Mạnh Hùng", True), ("Ban Thời sự", True), ("Thế Long", True),
    ("Theo VnExpress", False), ("Kết quả bước đầu tiên của năm 2024", False), ("Hết.", False),
])
def test_byline_shape(text, expected):
    assert is_name(text, RULES) is expected


def test_rules_file_errors_name_the_field(tmp_path):
    bad = tmp_path / "cleaning.yml"
    bad.write_text((REPO / "config" / "cleaning.yml").read_text(encoding="utf-8")
                   .replace("tone_style: hòa", "tone_style: hoa"), encoding="utf-8")
    with pytest.raises(RulesError, match=r"cleaning.yml:11: field 'settings.tone_style': expected one of"):
        load_rules(bad)


def test_breadcrumb_before_the_title_is_chrome():
    dump = "Trang chủ > Thời sự > Xã hội\nTiêu đề bài viết\n\nĐoạn mở đầu của bài viết về di cư an toàn.\n"
    assert clean_dump(dump, RULES).title == "Tiêu đề bài viết"


@pytest.mark.parametrize("old, new, message", [
    ("  date_meta: 0.85 ", "  date_meta: 1.5 ", r"field 'confidence.date_meta': expected a number between 0 and 1, found 1.5"),
    ("  outlet_absent: 0.3 ", "  outlet_nowhere: 0.3 ", r"field 'confidence.outlet_absent': missing"),
    ("relative_time: '(?P<amount>", "relative_time: '(?P<amount", r"field 'relative_time': invalid regular expression"),
])
def test_the_confidence_table_and_new_patterns_are_checked(tmp_path, old, new, message):
    bad = tmp_path / "cleaning.yml"
    text = (REPO / "config" / "cleaning.yml").read_text(encoding="utf-8")
    assert old in text
    bad.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(RulesError, match=message):
        load_rules(bad)
