"""An article's English page and translation memory move with its Vietnamese page when ingest moves
it (a date found later, a new title): nothing is left behind, nothing is overwritten."""
import json
from pathlib import Path

import pytest

from scripts.ingest.batch import ingest as run_ingest
from scripts.project import Project
from tests.support.project import copy_project, run_cli

SLUG = "viet-nam-danh-gia-cao-vai-tro-cua-iom-trong-cac-van-de-di-cu"  # the undated seed, human translation
SIDECAR = f"sources/{SLUG}.meta.yml"
OLD, NEW = f"articles/undated/{SLUG}", f"articles/2025/{SLUG}"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path, translations=True)


class ingest:  # noqa: N801
    @staticmethod
    def ingest(root):
        return run_ingest(Project(root))


def companions(project: Path, article: str) -> dict[str, Path]:
    return {"vi": project / f"docs/vi/{article}.md", "en": project / f"docs/en/{article}.md",
            "memory": project / f"translations/memory/{article}.yml"}


def date_found(project: Path):
    with open(project / SIDECAR, "a", encoding="utf-8") as sidecar:
        sidecar.write("date: 2025-03-14\n")


def update(project: Path):
    return run_cli("update", root=project)


def content(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for top in ("docs", "translations") for p in (project / top).rglob("*") if p.is_file()}


def test_a_date_found_later_moves_the_translation_with_the_article(project):
    old, new = companions(project, OLD), companions(project, NEW)
    english = old["en"].read_bytes()
    memory_text = old["memory"].read_text(encoding="utf-8")
    assert b"origin: human" in english  # the label that must travel with the translation
    date_found(project)

    result = update(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"moved docs/vi/{OLD}.md → docs/vi/{NEW}.md" in result.stderr
    assert [p for p in old.values() if p.exists()] == []
    assert new["en"].read_bytes() == english
    assert new["memory"].read_text(encoding="utf-8") == memory_text.replace(OLD, NEW)
    assert "2025-03-14" in new["vi"].read_text(encoding="utf-8")

    before = content(project)
    again = update(project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "0 file(s) written" in again.stdout
    assert content(project) == before
    check = run_cli("check", root=project)
    assert "no Vietnamese source" not in check.stdout + check.stderr


@pytest.mark.parametrize("taken", ["en", "memory"])
def test_a_taken_destination_stops_the_move_and_names_the_file(project, taken):
    new = companions(project, NEW)
    new[taken].parent.mkdir(parents=True, exist_ok=True)
    new[taken].write_text("someone else's file\n", encoding="utf-8")
    before = content(project)
    date_found(project)

    [record] = [r for r in ingest.ingest(project) if SLUG in r.source]
    assert record.status.startswith("error ")
    assert f"{new[taken].relative_to(project).as_posix()}: already exists" in record.status
    assert record.page == f"docs/vi/{OLD}.md"
    assert content(project) == before  # nothing moved, nothing overwritten


def test_an_unreadable_memory_stops_the_move_and_names_the_file(project):
    old = companions(project, OLD)
    old["memory"].write_text(old["memory"].read_text(encoding="utf-8") + "page: [oops\n", encoding="utf-8")
    before = content(project)
    date_found(project)

    [record] = [r for r in ingest.ingest(project) if SLUG in r.source]
    assert record.status.startswith("error ")
    assert f"translations/memory/{OLD}.yml" in record.status and "not valid YAML" in record.status
    assert content(project) == before


def test_a_run_killed_after_the_translation_moved_is_finished_by_the_next(project):
    old, new = companions(project, OLD), companions(project, NEW)
    english = old["en"].read_bytes()
    date_found(project)
    # What the killed run did: the English page and memory moved, the Vietnamese page did not.
    Project(project).move_article(f"{OLD}.md", f"{NEW}.md")
    assert old["vi"].exists() and not old["en"].exists()

    [record] = [r for r in ingest.ingest(project) if SLUG in r.source]
    assert record.status == "updated"
    assert record.moved_from == f"docs/vi/{OLD}.md" and record.carried == []
    assert not old["vi"].exists() and new["vi"].exists()
    assert new["en"].read_bytes() == english


def test_an_article_without_a_translation_moves_alone(project):
    old = companions(project, OLD)
    old["en"].unlink()
    old["memory"].unlink()
    date_found(project)

    [record] = [r for r in ingest.ingest(project) if SLUG in r.source]
    assert (record.status, record.carried) == ("updated", [])
    assert companions(project, NEW)["vi"].exists()


def test_json_record_of_a_move_says_where_from_and_what_moved_with_it(project):
    date_found(project)
    result = run_cli("ingest", "--json", root=project, timeout=120)
    assert result.returncode == 0, result.stderr
    [record] = [r for r in map(json.loads, result.stdout.splitlines()) if SLUG in r["source"]]
    assert record["moved_from"] == f"docs/vi/{OLD}.md"
    assert sorted(record["carried"]) == [f"docs/en/{NEW}.md", f"translations/memory/{NEW}.yml"]
