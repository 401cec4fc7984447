"""Segments: a page splits into translatable blocks and comes back whole; protected spans survive."""
import html as html_lib
import re

import markdown
import pytest

from scripts.core import frontmatter
from scripts.translate.segments import (PlaceholderError, Segment, english_number, has_words, inert_markdown, page_segments,
                              parts_of, protect, render, restore, segments_in)
from tests.support.translation_project import FIXTURES

FIXTURE = FIXTURES / "docs" / "vi" / "articles" / "2024" / "iom-hop-tac.md"
TRICKY = """# Tiêu đề &#40;IOM&#41;

Đoạn một
nối dòng.

- mục một
- mục hai
  tiếp theo
1. mục số

```python
# không phải tiêu đề

- không phải mục
```

!!! note "Ghi chú"
    nội dung ghi chú

> trích dẫn

| a | b |
|---|---|

## Phần 2 ##  \r
![Ảnh: chú thích](anh.jpg)

![](x.png)
"""


@pytest.mark.parametrize("body", [TRICKY, FIXTURE.read_text(encoding="utf-8"), "", "\n\n", "chỉ một dòng"])
def test_segmenting_then_rendering_gives_the_page_back(body):
    assert render(parts_of(body)) == body


def test_blocks_become_segments_of_their_kind():
    found = [(s.kind, s.text) for s in segments_in(parts_of(TRICKY))]
    assert found == [
        ("heading", "Tiêu đề &#40;IOM&#41;"),
        ("paragraph", "Đoạn một\nnối dòng."),
        ("item", "mục một"), ("item", "mục hai\n  tiếp theo"), ("item", "mục số"),
        ("quote", "trích dẫn"),
        ("heading", "Phần 2"),
        ("paragraph", "![Ảnh: chú thích](anh.jpg)"),
    ]  # code, admonition, table and the image without words are not segments


def test_front_matter_title_and_description_are_segments_first():
    meta, body = frontmatter.read(FIXTURE)
    segments = page_segments(meta, body)
    assert [s.kind for s in segments[:3]] == ["plain", "plain", "heading"]
    assert segments[0].text == meta["title"] and segments[1].text == meta["description"]
    # the same words as a front-matter field and as a heading are different segments
    assert segments[0].text == segments[2].text and segments[0].id != segments[2].id


def test_rendering_with_translations_replaces_only_segments():
    parts = parts_of(TRICKY)
    texts = [f"T{i}" for i in range(len(segments_in(parts)))]
    out = render(parts, texts)
    assert out.startswith("# T0\n\nT1\n\n- T2\n- T3\n1. T4\n\n```python\n# không phải tiêu đề")
    assert "## T6 ##  \r\n" in out and "![](x.png)" in out


def test_link_targets_code_urls_and_numbers_are_protected():
    text = "Xem [trang **IOM**](https://iom.int/a_b \"tựa\") và `mã_x` tại https://x.org/y, 1.234,5 người ngày 11/11/2024."
    protected = protect(text)
    for kept in ("https://iom.int", "mã_x", "x.org", "1.234", "11/11"):
        assert kept not in protected.text
    assert "trang" in protected.text and "người" in protected.text
    # an engine that keeps every placeholder gives the Markdown back, numbers written the English way
    assert restore(protected.text, protected) == text.replace("1.234,5", "1,234.5")


def test_vietnamese_numbers_are_written_the_english_way():
    assert english_number("1.234,5") == "1,234.5"
    assert english_number("2,5") == "2.5"
    assert english_number("1.000.000") == "1,000,000"
    assert english_number("175") == "175"
    assert english_number("11/11/2024") == "11/11/2024"


def test_fixed_spans_become_their_replacement_but_not_inside_urls_or_code():
    text = "IOM tại https://iom.int và `IOM`"
    spans = [(0, 3, "International Organization for Migration"), (13, 16, "X"), (29, 32, "Y")]
    protected = protect(text, fixed=spans)
    assert restore(protected.text, protected) == "International Organization for Migration tại https://iom.int và `IOM`"


@pytest.mark.parametrize("answer, problem", [
    ("⟦1⟧ chào", "lost ⟦2⟧"),
    ("⟦1⟧ ⟦2⟧ ⟦2⟧", "duplicated ⟦2⟧"),
    ("⟦1⟧ ⟦2⟧ ⟦3⟧", "invented ⟦3⟧"),
])
def test_a_lost_duplicated_or_invented_placeholder_fails(answer, problem):
    protected = protect("**chào**")
    with pytest.raises(PlaceholderError, match=problem):
        restore(answer, protected)


def test_placeholders_with_spaces_added_by_an_engine_still_restore():
    protected = protect("**chào**")
    assert restore("⟦ 1 ⟧hello⟦2 ⟧", protected) == "**hello**"


def test_markup_in_an_engine_answer_never_becomes_markup():
    protected = protect("chào [bạn](https://a.org)")
    answer = "# Big <script>alert(1)</script> **bold** [x](javascript:alert(1)) &amp; ⟦1⟧friend⟦2⟧\n\n- item"
    html = markdown.markdown(restore(answer, protected))
    assert "<script" not in html and "<strong>" not in html and "<h1>" not in html and "<li>" not in html
    assert 'href="javascript' not in html
    assert '<a href="https://a.org">friend</a>' in html
    assert visible(html).startswith("# Big <script>alert(1)</script> **bold** [x](javascript:alert(1)) &amp; friend")


def test_inert_text_reads_the_same():
    text = "1. A_b *c* [d] <e> `f` & g &amp;"
    html = markdown.markdown(inert_markdown(text, at_start=True))
    assert html.startswith("<p>") and html.count("<") == 2  # one paragraph, nothing else
    assert visible(html) == text


def visible(html: str) -> str:
    """What a reader sees of `html`: tags dropped, character references decoded."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


def test_text_without_words_is_not_a_segment():
    assert not has_words("![](anh.jpg)")
    assert not has_words("11/11/2024 — 175")
    assert has_words("![Ảnh](anh.jpg)")
    assert Segment("plain", "x").id != Segment("paragraph", "x").id
