"""The side-by-side view's marks in a build: inserted from the site data when the page is the one
the site data read, computed afresh for a Vietnamese page that changed since, and left out of an
English page that changed since (the view then shows the two texts whole)."""
from __future__ import annotations

from scripts.build.bilingual import annotated, side_by_side_url
from scripts.core import frontmatter
from scripts.pages.marks import page_marks
from scripts.pages.model import SiteData
from tests.support.project import FIXTURES

REL = "articles/2021/ho-tro-lao-dong-di-cu-hoi-huong.md"
SITE = FIXTURES / "site"


def body(lang: str) -> str:
    """The page's Markdown as MkDocs gives it (leading blank lines removed)."""
    return frontmatter.split((SITE / "docs" / lang / REL).read_text(encoding="utf-8"), REL)[1].lstrip("\n")


def data_with(lang: str, marks) -> SiteData:
    return SiteData({}, {}, {}, {}, {lang: {REL: marks}})


def test_marks_from_the_site_data_are_inserted_into_the_page_they_were_computed_for():
    english = body("en")
    marks = page_marks(english, [{"data-seg": f"s{i}", "data-origin": "human"} for i in range(4)])
    out = annotated(english, REL, "en", data_with("en", marks))
    assert out.count('{: data-seg="s') == 4 and out.replace("\n{: ", " {: ").count("data-origin") == 4
    # as the build gives it: MkDocs removes the blank lines before the body, a plugin the last newline
    assert annotated("\n" + english.rstrip("\n"), REL, "en", data_with("en", marks)) == out.rstrip("\n")


def test_an_english_page_changed_since_is_left_unmarked_and_a_vietnamese_one_is_marked_afresh():
    english, vietnamese = body("en"), body("vi")
    stale = page_marks(english + "\nĐoạn cũ.\n", [{"data-seg": "x", "data-origin": "human"}])
    assert annotated(english, REL, "en", data_with("en", stale)) == english
    assert annotated(english, REL, "en", SiteData({}, {}, {}, {}, {})) == english  # not aligned: no marks
    fresh = annotated(vietnamese, REL, "vi", SiteData({}, {}, {}, {}, {}))
    assert fresh.count("{: data-seg=") == 4 and "data-origin" not in fresh


def test_the_side_by_side_address_names_the_article():
    assert side_by_side_url("en/", REL) == {"page": "en/side-by-side/",
                                            "query": "?a=articles/2021/ho-tro-lao-dong-di-cu-hoi-huong/"}
