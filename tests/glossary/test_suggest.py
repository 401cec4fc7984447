"""scripts.glossary.names and suggest: the names articles mention that the glossary lacks, on two articles
written for this test (tests/fixtures/glossary/suggest/) in the fixture project (whose glossary knows
Bộ Ngoại giao, Lê Thị Thu Hằng, IOM and Hà Nội)."""
import csv
import json
import shutil
from pathlib import Path

import pytest
from translate.storage import tbx

from scripts.glossary.matching import term_index
from scripts.glossary.names import names_in
from scripts.glossary.suggest import new_names, site_texts, suggestions
from scripts.glossary.terms import load_terms
from tests.support.project import FIXTURES, checkout, fixture_project, run_cli

ARTICLES = FIXTURES / "glossary" / "suggest"
EXPECTED = {
    ("Nguyễn Văn Bình", "person"), ("Trần Thị Hoa", "person"), ("Vi Văn Thắng", "person"),
    ("Sở Lao động - Thương binh và Xã hội", "organisation"), ("Cục Quản lý lao động ngoài nước", "organisation"),
    ("Trung tâm Dịch vụ việc làm", "organisation"), ("Đồn Biên phòng Mường Lống", "organisation"),
    ("Bộ đội Biên phòng", "organisation"), ("Chương trình EPS", "organisation"),
    ("Nghệ An", "place"), ("Kỳ Sơn", "place"), ("Hàn Quốc", "place"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = fixture_project(tmp_path_factory.mktemp("suggest"))
    for article in ARTICLES.glob("*.md"):
        shutil.copy(article, project.page("vi", f"articles/2024/{article.name}"))
    return project


@pytest.fixture(scope="module")
def found(project):
    return suggestions(site_texts(project), term_index(load_terms(project)), project.name_cues())


def test_the_people_organisations_and_places_the_glossary_lacks(found):
    assert {(s.name, s.kind) for s in found} == EXPECTED
    counts = {s.name: (s.count, len(s.articles)) for s in found}
    assert counts["Hàn Quốc"] == (5, 2) and counts["Nguyễn Văn Bình"] == (2, 1)
    assert found[0].name == "Hàn Quốc"  # most mentioned first
    bình = next(s for s in found if s.name == "Nguyễn Văn Bình")
    assert bình.example.startswith("Phát biểu tại hội nghị, Phó Giám đốc Sở Lao động")


def test_no_common_word_and_no_known_term_is_suggested(found, project):
    cues = project.name_cues()
    for s in found:
        first = s.name.split()[0].casefold()
        assert first not in {w.casefold() for w in cues.common_words}, s.name
    names = {s.name for s in found}
    for known in ("Bộ Ngoại giao", "Lê Thị Thu Hằng", "Tổ chức Di cư Quốc tế", "Hà Nội", "IOM"):
        assert known not in names
    for common in ("Theo", "Trong", "Năm", "Ngày", "Người", "Tuy nhiên", "Các", "Phát"):
        assert not any(name.startswith(common + " ") or name == common for name in names)


def test_names_in_a_sentence():
    cues = checkout().name_cues()
    found = {(f.name, f.kind) for f in names_in(
        "Tổng Giám đốc IOM Amy Pope gặp bà Kendra Rinas tại Geneva. Theo Ủy ban Quốc gia, năm nay tăng.", cues)}
    assert found == {("Amy Pope", "person"), ("Kendra Rinas", "person"), ("Geneva", "place"),
                     ("Ủy ban Quốc gia", "organisation")}


def test_suggest_writes_csv_and_tbx_for_review(project, tmp_path):
    out_csv, out_tbx = tmp_path / "s.csv", tmp_path / "s.tbx"
    result = run_cli("glossary", "suggest", "--csv", str(out_csv), "--tbx", str(out_tbx), root=project.root)
    assert result.returncode == 0, result.stderr
    assert "Nguyễn Văn Bình" in result.stdout and f"{len(EXPECTED)} name(s) not in the glossary" in result.stderr
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8", newline="")))
    assert {(r["name"], r["kind"]) for r in rows} == EXPECTED
    hoa = next(r for r in rows if r["name"] == "Trần Thị Hoa")
    assert hoa["count"] == "1" and hoa["articles"] == "docs/vi/articles/2024/ho-tro-lao-dong-nghe-an.md"
    with open(out_tbx, "rb") as handle:
        termbase = tbx.tbxfile(handle)
    assert {unit.source for unit in termbase.units} == {name for name, _ in EXPECTED}


def test_suggest_prints_json_records(project):
    result = run_cli("glossary", "suggest", "--json", "--min-count", "2", root=project.root)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["name"] for r in records} == {"Hàn Quốc", "Chương trình EPS", "Nghệ An", "Bộ đội Biên phòng",
                                            "Sở Lao động - Thương binh và Xã hội", "Nguyễn Văn Bình", "Kỳ Sơn"}
    assert set(records[0]) == {"name", "kind", "count", "example", "articles"}


def test_ingest_lists_the_new_names_of_the_article_it_writes(project):
    text = Path(ARTICLES / "bien-phong-tuyen-truyen.md").read_text(encoding="utf-8")
    assert {(n["name"], n["kind"]) for n in new_names(text, project)} == {
        ("Đồn Biên phòng Mường Lống", "organisation"), ("Kỳ Sơn", "place"), ("Vi Văn Thắng", "person"),
        ("Chương trình EPS", "organisation"), ("Hàn Quốc", "place"), ("Bộ đội Biên phòng", "organisation")}
