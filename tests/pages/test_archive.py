"""The archive of generated pages: a small index and one page per year, links that resolve."""
from __future__ import annotations

import re
from pathlib import Path

import shutil

from scripts.core import frontmatter
from scripts.pages.archive import ARCHIVE_LATEST, archive_pages
from scripts.project import Project
from tests.support.project import REPO, checkout, generation_inputs

label = checkout().labels()

LINK = re.compile(r"\]\(([^)]+)\)")


def write_article(docs: Path, lang: str, rel: str, title: str, date: str | None) -> None:
    path = docs / lang / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frontmatter.join({"title": title, "date": date, "outlet": "ĐCSVN"}, f"# {title}\n"),
                    encoding="utf-8")


def corpus(docs: Path, per_year: int = 3) -> None:
    for year in (2023, 2024):
        for i in range(per_year):
            write_article(docs, "vi", f"articles/{year}/bai-{year}-{i}.md", f"Bài {year} số {i}",
                          f"{year}-0{i + 1}-15T08:00:00+07:00")
    write_article(docs, "vi", "articles/undated/bai-khong-ngay.md", "Bài không ngày", None)
    write_article(docs, "en", "articles/2024/bai-2024-0.md", "Article 2024 number 0", None)


def project_in(folder: Path, per_year: int = 3) -> Project:
    """A project with the checkout's settings, no glossary, and the corpus above."""
    shutil.copytree(REPO / "config", folder / "config")
    corpus(folder / "docs", per_year)
    return Project(folder)


def generated_in(folder: Path, per_year: int = 3) -> dict[str, str]:
    return archive_pages(generation_inputs(project_in(folder, per_year)))


def test_index_links_each_year_with_its_count(tmp_path):
    generated = generated_in(tmp_path)
    index = generated["vi/articles/index.md"]
    assert "- [2024](2024/index.md) — 3 bài viết" in index
    assert "- [2023](2023/index.md) — 3 bài viết" in index
    assert f"- [{label('vi', 'undated')}](undated/index.md) — 1 bài viết" in index
    assert index.index("[2024]") < index.index("[2023]") < index.index("(undated/index.md)")


def test_year_pages_hold_only_their_year_in_both_languages(tmp_path):
    generated = generated_in(tmp_path)
    for lang in ("vi", "en"):
        year = generated[f"{lang}/articles/2023/index.md"]
        assert LINK.findall(year) == ["../index.md", "bai-2023-2.md", "bai-2023-1.md", "bai-2023-0.md"]
    assert "[Article 2024 number 0](bai-2024-0.md) — 15 January 2024" in generated["en/articles/2024/index.md"]
    assert f'[<span lang="vi">Bài 2024 số 1</span>](bai-2024-1.md) ({label("en", "not_translated")})' in generated[
        "en/articles/2024/index.md"]  # Vietnamese where there is no translation, marked as such


def test_every_link_resolves_to_a_page(tmp_path):
    generated = generated_in(tmp_path)
    for rel, text in generated.items():
        lang, page = rel.split("/", 1)
        for link in LINK.findall(text):
            target = (Path(page).parent / link).as_posix()
            while "/../" in f"/{target}":
                target = re.sub(r"(^|/)[^/]+/\.\./", r"\1", target, count=1)
            exists = (tmp_path / "docs" / "vi" / target).is_file() or f"{lang}/{target}" in generated
            assert exists, f"{rel}: {link} leads nowhere ({target})"


def test_year_pages_are_kept_out_of_search_but_the_index_is_not(tmp_path):
    generated = generated_in(tmp_path)
    meta, _ = frontmatter.split(generated["vi/articles/2024/index.md"])
    assert meta == {"search": {"exclude": True}}
    assert frontmatter.split(generated["vi/articles/index.md"])[0] == {}


def test_index_size_does_not_grow_with_the_number_of_articles(tmp_path):
    small, large = tmp_path / "small", tmp_path / "large"
    small_index = generated_in(small, per_year=15)["en/articles/index.md"]
    large_index = generated_in(large, per_year=300)["en/articles/index.md"]
    assert len(large_index) < 1.1 * len(small_index) + 100
    assert large_index.count("\n- [") == ARCHIVE_LATEST + 3


def test_no_articles_says_so(tmp_path):
    shutil.copytree(REPO / "config", tmp_path / "config")
    (tmp_path / "docs" / "vi" / "articles").mkdir(parents=True)
    generated = archive_pages(generation_inputs(Project(tmp_path)))
    assert label("vi", "no_articles") in generated["vi/articles/index.md"]
    assert set(generated) == {"vi/articles/index.md", "en/articles/index.md"}
