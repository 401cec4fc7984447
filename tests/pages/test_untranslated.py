"""An English page not yet translated (status "untranslated", written by translate for every
article) is, for readers, what an article without an English page is: the same site data, lists,
status page, feed, search and sitemap; a page partly translated is an English page whose passages
still in Vietnamese are marked as such."""
from __future__ import annotations

import shutil

import pytest

from scripts import pages
from scripts.build.feeds import feed_items
from scripts.build.search_index import is_fallback_copy, rewritten_index
from scripts.core import frontmatter
from scripts.core.content import load_articles
from scripts.pages.model import Inputs, read_site_data
from scripts.pages.items import article_item
from scripts.project import Project
from scripts.translate import translate_all
from tests.support.project import copy_project

REL = "articles/2024/iom-tiep-tuc-ho-tro-viet-nam-trien-khai-thoa-thuan-gcm.md"
LANGUAGES = {"vi": "", "en": "en/"}


def without_english(dest) -> Project:
    """The fixture project with one article's English page and memory removed: not yet translated."""
    project = Project(copy_project(dest, translations=True))
    project.page("en", REL).unlink()
    project.memory_file(REL).unlink()
    return project


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """(the project without the article's English page, the same after translate wrote it offline)."""
    missing = without_english(tmp_path_factory.mktemp("missing"))
    written = Project(tmp_path_factory.mktemp("written"))
    shutil.copytree(missing.root, written.root, dirs_exist_ok=True)
    reports = translate_all(written, None)
    assert {r.page: r.status for r in reports}[REL] == "untranslated"
    assert written.page("en", REL).is_file() and not missing.page("en", REL).exists()
    return missing, written


def generated(project: Project) -> dict[str, str]:
    pages.generate(project)
    return {p.relative_to(project.docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(project.docs.rglob("*.md")) if "articles/20" not in p.as_posix()
            and "articles/undated/" not in p.as_posix()}


def test_the_site_data_holds_no_translation_for_it(two):
    missing, written = two
    before, after = read_site_data(missing), read_site_data(written)
    assert set(after.english) == set(before.english) and REL not in after.english
    assert (before.untranslated, after.untranslated) == ((), (REL,))
    assert after.withheld == {f"en/{REL}"}
    assert after.title(REL, "en") == before.title(REL, "en") == (after.articles[REL].article.title, False)


def test_every_generated_page_is_the_same_as_without_an_english_page(two):
    missing, written = two
    before, after = generated(missing), generated(written)
    assert before == after
    assert "(not yet translated)" in after["en/articles/index.md"] and 'lang="vi"' in after["en/articles/index.md"]
    assert "1 not yet translated" in after["en/status.md"]


def test_it_is_left_out_of_the_english_search_sitemap_and_feed(two):
    _, written = two
    withheld = read_site_data(written).withheld
    location = "en/" + REL.removesuffix(".md") + "/"
    assert not is_fallback_copy(location, written.docs, LANGUAGES)  # a file is there
    assert is_fallback_copy(location, written.docs, LANGUAGES, withheld)  # but it is no translation
    assert not is_fallback_copy("en/" + "articles/undated/viet-nam-danh-gia-cao-vai-tro-cua-iom-trong-cac-van-de-di-cu/",
                                written.docs, LANGUAGES, withheld)
    index = {"config": {"fields": {"folded_title": {}, "folded": {}}}, "docs": [{"location": location, "title": "x"}]}
    assert rewritten_index(index, written.docs, LANGUAGES, withheld)["docs"] == []
    own = {a.rel: a for a in load_articles(written.docs, "en")}
    assert REL in own and REL not in {vi.rel for vi, _ in feed_items(load_articles(written.docs, "vi"), own, "en")}


def test_a_page_partly_translated_is_english_with_its_vietnamese_marked(two, tmp_path):
    _, written = two
    project = Project(tmp_path / "partly")
    shutil.copytree(written.root, project.root)
    page = project.page("en", REL)
    meta, body = frontmatter.read(page)
    lead = body.split("\n\n")[2]  # after the title and the notice: the first paragraph
    page.write_text(frontmatter.join(meta, body.replace(lead, "Congratulating Ms. Kendra Rinas on her appointment.")),
                    encoding="utf-8")
    [report] = translate_all(project, None, paths=[f"docs/vi/{REL}"])
    assert (report.status, report.pending) == ("human", report.segments - 2)  # the lead and the description
    data = read_site_data(project)
    assert REL in data.english and data.untranslated == ()
    # its title is still the Vietnamese one: lists say so; its description (the lead's mirror) is English
    assert data.title(REL, "en") == (data.articles[REL].article.title, False)
    assert data.text(REL, "en", "description") == ("Congratulating Ms. Kendra Rinas on her appointment.", True)
    labels = project.labels()
    item = article_item(data, REL, "en", "index.md", labels, lead=True)
    assert f'<span lang="vi">{data.articles[REL].article.title}</span>' in item and "(not yet translated)" in item
    assert "  \n  Congratulating Ms. Kendra Rinas on her appointment." in item
    # each passage still in Vietnamese is marked as Vietnamese on the page (side-by-side marks)
    insertions = data.marks["en"][REL][1]
    assert sum('lang="vi"' in text for _, text in insertions) == report.pending - 1  # the title is no body block
    inputs = Inputs(data, labels, project.page_settings())
    assert inputs.data.translation(REL, "en") is not None
