"""`python -m scripts update`: every stage runs; on content the pipeline wrote it rewrites nothing; after
any run, the next one is a no-op that does no work. (The live content's own sync is checked in CI:
.ci/run runs `make update` and fails when it changes a committed file.)"""
import os
import subprocess
import sys

from tests.support.project import CONTENT, FIXTURES
from tests.support.project import REPO as ROOT
from tests.support.project import copy_project


def test_update_on_the_fixture_changes_none_of_its_files(tmp_path):
    """The fixture's pages and memory are what the pipeline makes of its sources and memory."""
    project = copy_project(tmp_path, translations=True)
    content = [p.relative_to(CONTENT).as_posix() for top in ("docs", "translations")
               for p in (CONTENT / top).rglob("*") if p.is_file()]
    before = {f: (CONTENT / f).read_bytes() for f in content}
    result = subprocess.run([sys.executable, "-m", "scripts", "update", "--root", str(project)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines() if line.endswith(": ok")] == [
        "ingest", "translate", "pages"]
    changed = [f for f, data in before.items() if (project / f).read_bytes() != data]
    assert changed == [], f"update rewrote committed files: {changed}"
    assert (project / "docs" / "en" / "articles" / "index.md").is_file()


# A run in which every expensive step fails: ingest cleaning or comparing pages,
# translating a page or reading the whole memory, and every page generator. Wrapped with
# functools.wraps, so that the generators keep the names the pages fingerprint records.
GUARDED_UPDATE = """
import functools, sys
from scripts import cli, pages, translate
from scripts.ingest import batch
from scripts.ingest.site_index import Site
from scripts.translate import memory

def forbidden(function):
    @functools.wraps(function)
    def guard(*args, **kwargs):
        raise SystemExit(f"a no-op run called {function.__qualname__}")
    return guard

for module, name in [(batch, "cleaned_article"), (Site, "duplicate_of"),
                     (translate, "translate_page"), (memory, "finished_records")]:
    setattr(module, name, forbidden(getattr(module, name)))
pages.GENERATORS = tuple(forbidden(g) for g in pages.GENERATORS)
sys.exit(cli.main(["update", "--root", sys.argv[1]]))
"""


def update(project, code=None, seed="0"):
    """`python -m scripts update` on `project` in a new process (or `code`, given the project)."""
    command = ["-c", code, str(project)] if code else ["-m", "scripts", "update", "--root", str(project)]
    return subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONHASHSEED": seed})


def test_a_second_update_in_a_new_process_does_no_work_and_writes_nothing(tmp_path):
    """One update reaches the fixed point: after new articles arrive, the next update reads and
    hashes files and does nothing else."""
    project = copy_project(tmp_path, translations=True)
    duplicate = project / "sources" / "zz-duplicate.txt"
    duplicate.write_bytes(next((CONTENT / "sources").glob("*.txt")).read_bytes())  # a duplicate source
    for name in ("dump_chrome.txt", "dump_runon.txt"):  # new articles: pages, memory, generated pages
        (project / "sources" / name).write_bytes((FIXTURES / "ingest" / name).read_bytes())
    first = update(project, seed="1")
    assert first.stderr.count("ingest: created") == 2, first.stderr
    assert first.returncode == 0, first.stdout + first.stderr
    assert "duplicate-of" in first.stderr
    files = {p: p.stat().st_mtime_ns for p in project.rglob("*") if p.is_file()}
    second = update(project, GUARDED_UPDATE, seed="2")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "duplicate-of" in second.stderr
    assert {p: p.stat().st_mtime_ns for p in project.rglob("*") if p.is_file()} == files
    # The guards work: without a stage's cache, its expensive step runs and stops the process.
    for cache, step in [("ingest-fingerprints.json", "cleaned_article"),
                        ("translate.json", "finished_records"), ("pages.json", "archive_pages")]:
        kept = (project / ".cache" / cache).read_bytes()
        (project / ".cache" / cache).unlink()
        guarded = update(project, GUARDED_UPDATE, seed="3")
        assert guarded.returncode != 0 and f"a no-op run called {step}" in guarded.stderr, cache
        (project / ".cache" / cache).write_bytes(kept)


def test_a_memory_file_that_is_not_yaml_stops_update_with_its_name_and_line(tmp_path):
    project = copy_project(tmp_path, translations=True)
    broken = sorted((project / "translations" / "memory").rglob("*.yml"))[0]
    lines = broken.read_text(encoding="utf-8").count("\n")
    broken.write_text(broken.read_text(encoding="utf-8") + "page: [oops\n", encoding="utf-8")
    result = update(project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    shown = broken.relative_to(project).as_posix()
    assert f"error: {shown}: not valid YAML: line {lines + 1}, column 7" in result.stderr
    assert "translate: exit 2 (the later stages were not run)" in result.stdout
