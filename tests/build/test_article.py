"""scripts.build.article: the facts above an article (English outlet name on English pages, an
inferred date shown as approximate) and scripts.pages.items (the outlet in lists)."""
import datetime as dt

from scripts.build.article import article_header
from scripts.core.content import Article
from tests.support.project import checkout

LABELS = checkout().labels()


def vi(**meta) -> Article:
    return Article("articles/2024/x.md", "vi", {"title": "X", **meta}, "")


def test_english_pages_show_the_outlets_english_name():
    article = vi(date="2024-06-08", outlet="Báo Nhân Dân", outlet_en="Nhan Dan")
    assert article_header(article, "vi", LABELS)["outlet"] == "Báo Nhân Dân"
    assert article_header(article, "en", LABELS)["outlet"] == "Nhan Dan"
    unlisted = vi(outlet="Báo Mẫu", outlet_en=None)  # an outlet the registry does not know
    assert article_header(unlisted, "en", LABELS)["outlet"] == "Báo Mẫu"


def test_an_inferred_date_is_shown_as_approximate():
    printed = article_header(vi(date="2024-06-08T07:00:00+07:00"), "en", LABELS)
    inferred = article_header(vi(date="2024-06-08T07:00:00+07:00", date_source="inferred"), "en", LABELS)
    assert printed["date_text"] == "8 June 2024"
    assert inferred["date_text"] == "about 8 June 2024 (the page prints no date)"
    assert article_header(vi(date="2024-06-08", date_source="inferred"), "vi", LABELS)["date_text"] == \
        "khoảng 08/06/2024 (bài không ghi ngày)"
    assert inferred["date_iso"] == dt.datetime(2024, 6, 8, 7, tzinfo=dt.timezone(dt.timedelta(hours=7))).isoformat()


def test_lists_show_the_english_outlet_and_mark_an_inferred_date(tmp_path):
    from scripts.core import frontmatter
    from scripts.pages.items import article_item
    from tests.support.project import fixture_project, generation_inputs

    project = fixture_project(tmp_path)
    page = project.page("vi", "articles/2024/tin.md")
    meta = {"title": "Tin", "date": "2024-06-08T07:00:00+07:00", "date_source": "inferred",
            "outlet": "Báo Nhân Dân", "outlet_en": "Nhan Dan"}
    page.write_text(frontmatter.join(meta, "# Tin\n"), encoding="utf-8")
    data = generation_inputs(project).data
    assert article_item(data, "articles/2024/tin.md", "en", "articles/index.md", LABELS).endswith(
        "— ≈ 8 June 2024 · Nhan Dan")
    assert article_item(data, "articles/2024/tin.md", "vi", "articles/index.md", LABELS).endswith(
        "— ≈ 08/06/2024 · Báo Nhân Dân")
