"""scripts.pages.generate: skipped while nothing it reads or wrote changed, redone on any change."""
from __future__ import annotations

import functools
import shutil

import pytest

from scripts import pages
from tests.conftest import copy_project


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project, its pages generated once, with generator calls counted in `calls`."""
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project")
    settings = tmp_path / "pages.yml"
    shutil.copy(pages.SETTINGS_FILE, settings)
    monkeypatch.setattr(pages, "SETTINGS_FILE", settings)  # what the fingerprint reads
    calls = []

    def counted(generator):
        @functools.wraps(generator)  # same name: the fingerprint records which generators run
        def wrapper(docs):
            calls.append(generator.__name__)
            return generator(docs)
        return wrapper

    monkeypatch.setattr(pages, "GENERATORS", [counted(g) for g in pages.GENERATORS])
    pages.generate(root / "docs")  # the first generation (a copied page may already be current)
    assert len(calls) == len(pages.GENERATORS)
    calls.clear()
    return root, calls


def article(root, lang):
    return next(p for p in sorted((root / "docs" / lang / "articles").glob("*/*.md")) if p.name != "index.md")


def test_a_second_generation_with_nothing_changed_runs_no_generator(project):
    root, calls = project
    assert pages.generate(root / "docs") == []
    assert calls == []


@pytest.mark.parametrize("change", ["vi article", "en article", "glossary term", "topic", "settings",
                                    "new article"])
def test_a_changed_input_generates_again(project, change):
    root, calls = project
    if change in ("vi article", "en article"):
        path = article(root, change[:2])
        path.write_text(path.read_text(encoding="utf-8").replace("\n# ", "\n# Mới: ", 1), encoding="utf-8")
    elif change in ("glossary term", "topic"):
        folder = root / "glossary" / ("terms" if change == "glossary term" else "topics")
        path = sorted(folder.glob("*.yml"))[0]
        path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    elif change == "settings":
        pages.SETTINGS_FILE.write_text(pages.SETTINGS_FILE.read_text(encoding="utf-8") + "\n# x\n", encoding="utf-8")
    else:
        source = article(root, "vi")
        shutil.copy(source, source.with_name("ban-sao.md"))
    pages.generate(root / "docs")
    assert len(calls) == len(pages.GENERATORS)


def test_a_deleted_or_hand_edited_generated_page_is_written_again(project):
    root, calls = project
    status = root / "docs" / "en" / "status.md"
    expected = status.read_text(encoding="utf-8")
    status.unlink()
    assert status in pages.generate(root / "docs")
    assert status.read_text(encoding="utf-8") == expected
    status.write_text(expected + "\nhand edit\n", encoding="utf-8")
    assert status in pages.generate(root / "docs")
    assert status.read_text(encoding="utf-8") == expected
    assert pages.generate(root / "docs") == []


def test_a_lost_or_corrupt_cache_only_costs_a_generation(project):
    root, calls = project
    (root / ".cache" / pages.PAGES_CACHE).write_text("{not json", encoding="utf-8")
    assert pages.generate(root / "docs") == []  # generated again, nothing changed on disk
    assert len(calls) == len(pages.GENERATORS)
