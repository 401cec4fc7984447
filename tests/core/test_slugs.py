"""Tests for scripts.core.slugs."""
from scripts.core.slugs import heading_slug, page_slug


def test_page_slug_keeps_d_and_is_ascii():
    assert page_slug("Đường dây mua bán người") == "duong-day-mua-ban-nguoi"
    assert page_slug("IOM tiếp tục hỗ trợ Việt Nam triển khai Thoả thuận GCM") == (
        "iom-tiep-tuc-ho-tro-viet-nam-trien-khai-thoa-thuan-gcm"
    )


def test_page_slug_is_never_empty_reserved_or_a_path():
    for title in ["", "!!!", "../../x", "/etc/passwd", "index", "CON", "x" * 500]:
        slug = page_slug(title)
        assert slug and "/" not in slug and ".." not in slug and len(slug) <= 96, (title, slug)
        assert slug not in {"index", "con"}
    assert page_slug("../../x") == "x" or page_slug("../../x").startswith("x-")


def test_heading_slug_for_toc():
    assert heading_slug("Đường dây") == "duong-day"
