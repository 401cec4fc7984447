"""scripts.pages.generate: skipped while nothing it reads or wrote changed, redone on any change,
including a change of the settings or the interface words inside a long-lived process."""
from __future__ import annotations

import functools
import shutil
import subprocess
import sys

import pytest

from scripts import pages
from scripts.core import cache
from scripts.project import Project
from tests.support.project import REPO, copy_project


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A fixture project, its pages generated once, with generator calls counted in `calls`."""
    root = copy_project(tmp_path / "project")
    calls = []

    def counted(generator):
        @functools.wraps(generator)  # same name: the key records which generators run
        def wrapper(inputs):
            calls.append(generator.__name__)
            return generator(inputs)
        return wrapper

    monkeypatch.setattr(pages, "GENERATORS", tuple(counted(g) for g in pages.GENERATORS))
    pages.generate(Project(root))  # the first generation
    assert len(calls) == len(pages.GENERATORS)
    calls.clear()
    return Project(root), calls


def article(project, lang):
    return next(p for p in sorted((project.docs / lang / "articles").glob("*/*.md")) if p.name != "index.md")


def test_a_second_generation_with_nothing_changed_runs_no_generator(project):
    project, calls = project
    assert pages.generate(project) == []
    assert calls == []


@pytest.mark.parametrize("change", ["vi article", "en article", "glossary term", "topic", "settings", "labels",
                                    "new article", "code"])
def test_a_changed_input_generates_again(project, change, monkeypatch):
    project, calls = project
    if change in ("vi article", "en article"):
        path = article(project, change[:2])
        path.write_text(path.read_text(encoding="utf-8").replace("\n# ", "\n# Mới: ", 1), encoding="utf-8")
    elif change in ("glossary term", "topic"):
        folder = project.terms_dir if change == "glossary term" else project.topics_dir
        path = sorted(folder.glob("*.yml"))[0]
        path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    elif change in ("settings", "labels"):
        path = project.config_file("pages" if change == "settings" else "labels")
        path.write_text(path.read_text(encoding="utf-8") + "\n# x\n", encoding="utf-8")
    elif change == "code":  # any module of the pages or glossary packages (scripts/pages/archive.py…)
        real = cache.code_digest
        monkeypatch.setattr(pages, "code_digest", lambda *names: real(*names) + ("-edited" if "pages" in names else ""))
    else:
        source = article(project, "vi")
        shutil.copy(source, source.with_name("ban-sao.md"))
    pages.generate(project)
    assert len(calls) == len(pages.GENERATORS)


def test_a_label_edited_during_a_long_process_is_in_its_next_generation_and_every_later_one(project):
    """The interface words are read again whenever their file changes, and the cache is keyed on
    the words as loaded: no process can record new inputs beside old text (issue 13, P1)."""
    project, _ = project
    labels = project.config_file("labels")
    archive = project.docs / "en" / "articles" / "index.md"
    assert archive.read_text(encoding="utf-8").startswith("# Articles\n")
    labels.write_text(labels.read_text(encoding="utf-8").replace("archive_title: Articles", "archive_title: News"),
                      encoding="utf-8")
    assert archive in pages.generate(project)  # the same process: the edit is seen
    assert archive.read_text(encoding="utf-8").startswith("# News\n")
    later = subprocess.run([sys.executable, "-m", "scripts", "pages", "--root", str(project.root)], cwd=REPO,
                           capture_output=True, text=True, timeout=120)
    assert later.returncode == 0 and "0 generated page(s) changed" in later.stdout, later.stdout + later.stderr
    assert archive.read_text(encoding="utf-8").startswith("# News\n")


def test_a_deleted_or_hand_edited_generated_page_is_written_again(project):
    project, calls = project
    status = project.docs / "en" / "status.md"
    expected = status.read_text(encoding="utf-8")
    status.unlink()
    assert status in pages.generate(project)
    assert status.read_text(encoding="utf-8") == expected
    status.write_text(expected + "\nhand edit\n", encoding="utf-8")
    assert status in pages.generate(project)
    assert status.read_text(encoding="utf-8") == expected
    assert pages.generate(project) == []


def test_a_lost_or_corrupt_cache_only_costs_a_generation(project):
    project, calls = project
    (project.cache_dir / pages.PAGES_CACHE).write_text("{not json", encoding="utf-8")
    assert pages.generate(project) == []  # generated again, nothing changed on disk
    assert len(calls) == len(pages.GENERATORS)
