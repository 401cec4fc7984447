"""An article's footer (its topics and related articles) is written as HTML after Markdown, and
must be exactly what Markdown makes of the same footer, table of contents included."""
import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.toc import AnchorLink, TableOfContents

from scripts.build.footer import footer_html, footer_markdown, with_footer_toc
from scripts.core.markdown import escape_inline
from tests.support.project import REPO as ROOT

HOSTILE = ['Thỏa thuận toàn cầu về di cư (GCM)', 'A & B <b>"x"</b> *y* [z](javascript:alert(1)) `c` _d_ \\e',
           '- không phải danh sách', '# không phải tiêu đề', 'Đường dây {#id} <!-- x --> &amp; 100%']
SECTIONS = [
    ("article-topics", "Chủ đề của bài viết", [(f"../../../topics/t{i}/", escape_inline(t), "") for i, t in enumerate(HOSTILE)]),
    ("related-articles", "Related articles & <more>", [
        ("../../2023/bai-mot/", escape_inline("Bài một (IOM)"), ""),
        ("../../undated/bai-hai/?a=1&b=2", escape_inline("Bài hai"), f" ({escape_inline('not yet & <soon>')})")]),
]


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def converted(config, text: str):
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    return md.convert(text), md.toc_tokens


def test_the_html_footer_is_what_markdown_makes_of_it(config):
    hrefs = {target: target for _, _, items in SECTIONS for target, _, _ in items}
    expected, tokens = converted(config, footer_markdown(SECTIONS, lambda target, text: f"[{text}]({hrefs[target]})"))
    html, toc = footer_html(SECTIONS, config, {})
    assert html == expected
    assert [(a.title, a.id, a.level) for a in toc] == [(t["name"], t["id"], t["level"]) for t in tokens]
    assert "<b>" not in html and 'href="javascript' not in html and "<!--" not in html  # titles stay text


def test_footer_headings_join_the_table_of_contents_where_markdown_puts_them(config):
    body = "# Tiêu đề\n\n## Phần một\n\n### Chi tiết\n\nVăn bản.\n"
    whole_html, whole_tokens = converted(config, body + "\n" + footer_markdown(SECTIONS, lambda t, x: f"[{x}]({t})"))
    html, tokens = converted(config, body)
    toc = TableOfContents([_anchor(t) for t in tokens])
    footer, entries = footer_html(SECTIONS, config, {})
    with_footer_toc(toc, entries)
    assert html + "\n" + footer == whole_html
    assert _shape(toc.items) == _shape([_anchor(t) for t in whole_tokens])


def test_a_page_without_a_title_heading_gets_them_at_the_top_level(config):
    toc = TableOfContents([AnchorLink("Phần", "phan", 2)])
    with_footer_toc(toc, footer_html(SECTIONS, config, {})[1])
    assert [(a.id, a.level) for a in toc.items] == [("phan", 2), ("article-topics", 2), ("related-articles", 2)]


def _anchor(token) -> AnchorLink:
    anchor = AnchorLink(token["name"], token["id"], token["level"])
    anchor.children = [_anchor(t) for t in token["children"]]
    return anchor


def _shape(items) -> list:
    return [(a.title, a.id, a.level, _shape(a.children)) for a in items]
