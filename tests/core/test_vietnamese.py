"""Tests for scripts.core.vietnamese."""
import unicodedata

import pytest

from scripts.core.vietnamese import fold, match_key, normalize, restyle


@pytest.mark.parametrize(
    ("text", "hoa_first", "hoa_second"),
    [
        ("Thoả thuận", "Thỏa thuận", "Thoả thuận"),
        ("hóa", "hóa", "hoá"),
        ("sức khoẻ", "sức khỏe", "sức khoẻ"),
        ("Thụy Sĩ", "Thụy Sĩ", "Thuỵ Sĩ"),
        ("HOÀ", "HÒA", "HOÀ"),
        # Closed syllables and qu- are the same in both styles.
        ("hoàng khuyến quý", "hoàng khuyến quý", "hoàng khuyến quý"),
    ],
)
def test_restyle_moves_the_tone_mark_in_open_oa_oe_uy(text, hoa_first, hoa_second):
    assert restyle(text, "hòa") == hoa_first
    assert restyle(text, "hoà") == hoa_second


def test_restyle_rejects_an_unknown_style():
    with pytest.raises(ValueError, match="tone-mark style"):
        restyle("hoà", "new")


def test_match_key_equates_styles_case_and_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Thoả thuận GCM")
    assert match_key("thỏa thuận gcm") == match_key("Thoả  thuận GCM") == match_key(decomposed)
    assert match_key("di cư") != match_key("dì cú")


def test_fold_strips_marks_and_keeps_d():
    assert fold("Bộ Ngoại giao") == "bo ngoai giao"
    assert fold("Đường dây mua bán người") == "duong day mua ban nguoi"


def test_normalize_removes_nbsp_controls_and_composes():
    assert normalize("a\u00a0b\u200bc\x07\r\nd") == "a bc\nd"
    assert normalize(unicodedata.normalize("NFD", "Việt")) == "Việt"
