"""Properties of the pure transformations, checked on generated input (Hypothesis): segmenting
gives the page back, protected terms come back, cleaning is idempotent, slugs are always safe,
escaped text never renders as markup, and no sequence of English edits loses a contributor's sentence."""
from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from html import unescape
from pathlib import Path

import lxml.html
import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scripts.core import frontmatter
from scripts.ingest.clean import clean_dump
from scripts.translate.engines import make_engine, settings_from
from scripts.core.markdown import escape_block, escape_inline
from scripts.core.schema import Document
from scripts.project import Project
from scripts.translate.segments import parts_of, protect, render, restore, segments_in
from scripts.core.slugs import MAX_LENGTH, page_slug
from scripts.translate import translate_all
from tests.support.libre_server import LibreServer
from tests.support.project import rules as checkout_rules
from tests.support.translation_project import FAST, en_page, make_project

# The site's Markdown extensions (mkdocs.yml), with its heading slugify left at the default.
EXTENSIONS = ["toc", "abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details"]
RESERVED = {"con", "prn", "aux", "nul", "index", "search", "assets", "404", "sitemap", "en", "vi"}

# Text that looks like every kind of markup this site could meet, mixed with Vietnamese words.
SYNTAX = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>", "</b>", "[x](javascript:alert(1))",
          "![](data:text/html;base64,AAAA)", "# ", "## ", "---", "***", "| a | b |", "<!-- c -->", "{{ config }}",
          "{% include 'x' %}", "{: .cls onclick=x }", "&lt;", "&amp;", "&#60;", "*[IOM]: x", "!!! note", "??? note",
          "> ", "- ", "1. ", "`code`", "**b**", "_i_", "~~s~~", "$x$", "\\", "<div markdown>", "</div>", "[^1]",
          "https://iom.int/x", "<https://a.org>", "<javascript:alert(1)>"]
WORDS = ["di", "cư", "Việt", "Nam", "IOM", "hợp", "tác", "lao", "động", "Đường", "dây", "an", "toàn", "năm", "2024",
         "11/11/2024", "1.234,5", "(GCM)", "Thỏa", "thuận", "người", ".", ",", ":", "!", "?", "…", "“", "”"]
token = st.one_of(st.sampled_from(SYNTAX), st.sampled_from(WORDS), st.text(max_size=6))
markupish = st.lists(token, max_size=25).map(" ".join)


def visible(text: str) -> str:
    """What a reader should see of `text`: its words and symbols with whitespace collapsed;
    control characters (category Cc that are not whitespace) have no visible form."""
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cc" or c.isspace()).split())


def html_of(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def tags_and_text(html: str) -> tuple[set[str], str]:
    if not html.strip():
        return set(), ""
    root = lxml.html.fragment_fromstring(f"<div>{html}</div>")
    return {e.tag for e in root.iter() if isinstance(e.tag, str)} - {"div"}, root.text_content()


# ─── Escaping ────────────────────────────────────────────────────────────────────────────

@settings(max_examples=300, deadline=None)
@given(st.one_of(markupish, st.text()))
def test_escape_inline_output_renders_as_the_same_text_in_one_paragraph(text):
    tags, shown = tags_and_text(html_of(escape_inline(text)))
    assert tags <= {"p"}
    assert shown == visible(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(markupish, st.text()))
def test_escape_block_output_renders_as_the_same_text_in_one_paragraph(text):
    tags, shown = tags_and_text(html_of(escape_block(text)))
    assert tags <= {"p"}
    assert shown == visible(text)


# ─── Slugs ───────────────────────────────────────────────────────────────────────────────

@settings(max_examples=300, deadline=None)
@given(st.one_of(markupish, st.text(), st.sampled_from(["", ".", "..", "../../x", "/etc/passwd", "CON", "index",
                                                         "nul", "a" * 600, "Đ" * 200, "  ", "---", "com1"])))
def test_slugs_are_always_safe_bounded_and_not_reserved(title):
    slug = page_slug(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert len(slug) <= MAX_LENGTH + len("-bai-") + 10
    assert slug not in RESERVED and re.search(r"[a-z]", slug)


# ─── Segments and placeholders ───────────────────────────────────────────────────────────

line = st.one_of(markupish, st.sampled_from(["", "```", "~~~", "    code", "\t- x", "!!! note \"t\"", "    body",
                                              "| a | b |", "|---|---|", "<div>", "</div>", "---", "  ", "\r"]))
page_body = st.lists(line, max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(page_body)
def test_segmenting_and_reassembling_a_page_gives_it_back(body):
    parts = parts_of(body)
    assert render(parts) == body
    assert render(parts, [s.text for s in segments_in(parts)]) == body


# Text an engine would give back unchanged: words, numbers and the Markdown spans protect() keeps.
SPANS = ["**các chương trình**", "[di cư an toàn](https://www.iom.int/vi/di-cu)", "`GCM`", "https://iom.int/a?b=1",
         "2024", "175", "11/11/2024"]
plain_words = ["Việt", "Nam", "hợp", "tác", "về", "di", "cư", "người", "lao", "động", "IOM", "năm"]
TERMS = ["Tổ chức Di cư Quốc tế", "Bộ Ngoại giao", "Thỏa thuận GCM"]
sentence = st.lists(st.one_of(st.sampled_from(plain_words), st.sampled_from(SPANS), st.sampled_from(TERMS)),
                    min_size=1, max_size=15).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(sentence)
def test_protecting_and_restoring_terms_gives_the_text_back(text):
    spans = [(m.start(), m.end(), m.group()) for term in TERMS for m in re.finditer(re.escape(term), text)]
    protected = protect(text, fixed=spans)
    assert all(term not in protected.text for _, _, term in spans)  # the engine never sees a term
    assert restore(protected.text, protected) == text


# ─── Cleaning ────────────────────────────────────────────────────────────────────────────

DUMP_LINES = ["Hai bên nhất trí tăng cường hợp tác trong lĩnh vực di cư lao động.",
              "(ĐCSVN) - Buổi làm việc diễn ra tại Hà Nội với nhiều cơ quan.", "Kết quả bước đầu",
              "Người lao động được tập huấn. Ảnh: Minh Anh", "Thanh Hà", "Mạnh Hùng", "zalo-icon", "00:00 / 00:00",
              "![]() Một bài khác |", "Thứ Ba, 05/03/2024 08:15 (GMT+7)", "Tin bài liên quan", "Đọc nhiều",
              "Các ưu tiên gồm: đào tạo; hỗ trợ pháp lý", "Chương trình được triển khai trong năm nay./.",
              "Tác giả: Thanh Hà", "Logo báo điện tử Đảng Cộng sản Việt Nam", "| cột | cột |", "---"]
dump = st.tuples(st.sampled_from(["Hợp tác về di cư lao động được thúc đẩy", "IOM và Việt Nam"]),
                 st.lists(st.one_of(st.sampled_from(DUMP_LINES), markupish), max_size=14))


def cleaned_text(title: str | None, blocks) -> str:
    return "\n\n".join([title or ""] + [b.text for b in blocks])


@settings(max_examples=500, deadline=None)
@given(dump)
@example(("Hợp tác về di cư lao động được thúc đẩy", ["(GCM) ---"]))  # a lead that is only a prefix
@example(("Hợp tác về di cư lao động được thúc đẩy",  # breadcrumbs once the byline "Việt" is cut
          ["[x](javascript:alert(1)) >  | a | b | | a | b | *[IOM]: x di di . Việt"]))
@example(("Hợp tác về di cư lao động được thúc đẩy",  # a sub-heading whose paragraph is a caption, then a
          ["Hai bên nhất trí tăng cường hợp tác trong lĩnh vực di cư lao động.", "Kết quả bước đầu",  # heading
           " ".join(["<script>alert(1)</script>"] * 11) + " {% include 'x' %}", "<script>alert(1)</script>",
           "Hai bên nhất trí tăng cường hợp tác trong lĩnh vực di cư lao động."]))
@example(("Hợp tác về di cư lao động được thúc đẩy",  # a short line with ":" after the end marker
          ["Chương trình được triển khai trong năm nay./.", "https://iom.int/x"]))
@example(("Hợp tác về di cư lao động được thúc đẩy",  # a short lead: the title stays the title
          ["Chương trình được triển khai trong năm nay./.", " ".join(["<script>alert(1)</script>"] * 4),
           "Người lao động được tập huấn. Ảnh: Minh Anh", "(ĐCSVN) - Buổi làm việc diễn ra tại Hà Nội với nhiều cơ quan."]))
@example(("Hợp tác về di cư lao động được thúc đẩy",  # a line ending in ":" right after the title is body
          [" ".join(["<script>alert(1)</script>"] * 19 + ["<img src=x onerror=alert(1)>", "{% include 'x' %}"] * 1),
           " ".join(["<script>alert(1)</script>"] * 3) + " :",
           "Hai bên nhất trí tăng cường hợp tác trong lĩnh vực di cư lao động."]))
def test_cleaning_is_idempotent(parts):
    rules = checkout_rules()
    title, lines = parts
    once = clean_dump("\n\n".join([title, *lines]), rules)
    twice = clean_dump(cleaned_text(once.title, once.blocks), rules)
    assert (twice.title, [(b.kind, b.text) for b in twice.blocks]) == \
        (once.title, [(b.kind, b.text) for b in once.blocks])


# ─── Contributors' English edits ─────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def drafted_project(tmp_path_factory):
    """The translation fixture article with every segment drafted by the (fake) engine."""
    project = make_project(tmp_path_factory.mktemp("drafted"))
    with LibreServer() as server:
        engine = make_engine("libre", settings_from(Document(FAST, 'test')), url=server.url, api_key="k", env={})
        translate_all(Project(project), engine)
    return project


EDITS = st.lists(st.tuples(st.sampled_from(["replace", "append", "insert", "delete", "merge", "title"]),
                           st.integers(0, 20)), min_size=1, max_size=5)
_PREFIX = re.compile(r"^(#{1,6} |- |\d+\. |> )?")


def edited(text: str, edit: str, index: int, sentence: str) -> str:
    """The English page after one contributor edit; `sentence` is the contributor's new text."""
    meta, body = frontmatter.split(text)
    blocks = [b for b in body.strip("\n").split("\n\n")]
    i = index % len(blocks)
    prefix = _PREFIX.match(blocks[i]).group()
    if edit == "title":
        meta["title"] = sentence
    elif edit == "replace":
        blocks[i] = prefix + sentence
    elif edit == "append":
        blocks[i] = blocks[i] + " " + sentence
    elif edit == "insert":
        blocks.insert(i + 1, sentence)
    elif edit == "delete" and len(blocks) > 1:
        del blocks[i]
    elif edit == "merge" and i + 1 < len(blocks):
        blocks[i:i + 2] = [blocks[i] + " " + _PREFIX.sub("", blocks[i + 1])]
    return frontmatter.join(meta, "\n\n".join(blocks) + "\n")


def followed(before: str, written: str) -> str:
    """The text of the page as the contributor wrote it, without the side of a mirrored pair that only
    follows the other (scripts/translate/heads.py): the title that showed the H1's text, or the
    description the lead's, when this edit changed the block alone, and the reverse. The follower
    takes the new text; what it showed before is gone with the side the contributor replaced."""
    from scripts.translate.heads import mirrored_pairs, plain
    from scripts.translate.segments import page_segments

    old_meta, old_body = frontmatter.split(before)
    meta, body = frontmatter.split(written)
    keys = [k for k in ("title", "description") if old_meta.get(k)]
    old, new = page_segments(old_meta, old_body), page_segments(meta, body)
    if len(old) != len(new):
        return written
    texts = [s.text for s in new]
    for head, block, _ in mirrored_pairs(keys, old_body):
        if " ".join(old[head].text.split()) != plain(old[block].text):
            continue
        head_changed, block_changed = old[head].text != new[head].text, old[block].text != new[block].text
        if head_changed != block_changed:
            texts[block if head_changed else head] = ""
    return "\n".join(texts)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(EDITS)
@example([("replace", 0), ("replace", 0)])  # the H1 twice: the title follows it (not a sentence lost)
@example([("replace", 0), ("title", 0)])  # the H1, then the title: the H1 follows it
def test_no_edit_sequence_loses_a_contributors_sentence(drafted_project, edits):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(drafted_project, project)
        page = en_page(project)
        for number, (edit, index) in enumerate(edits):
            sentence = f"Contributor sentence {number} says so."
            before = page.read_text(encoding="utf-8")
            page.write_text(edited(before, edit, index, sentence), encoding="utf-8")
            written = followed(before, page.read_text(encoding="utf-8"))
            mine = [f"Contributor sentence {n} says so." for n in range(number + 1)
                    if f"Contributor sentence {n} says so." in written]
            translate_all(Project(project), None)  # offline: memory and post-edits only
            after = unescape(page.read_text(encoding="utf-8"))
            for own in mine:
                assert own in after, (edits[:number + 1], own)
