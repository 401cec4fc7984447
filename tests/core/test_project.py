"""scripts.project: one Project(root) holds every path and loads every setting, and every command
works on the project named by --root: its own settings, content and outputs, never the checkout's."""
from __future__ import annotations

import shutil

from scripts.core import frontmatter
from scripts.project import Project
from tests.support.project import FIXTURES, copy_project, run_cli


def test_paths_of_a_project(tmp_path):
    project = Project(tmp_path)
    assert project.page("en", "articles/2024/a.md") == tmp_path / "docs" / "en" / "articles" / "2024" / "a.md"
    assert project.memory_file("articles/2024/a.md") == tmp_path / "translations" / "memory" / "articles" / "2024" / "a.yml"
    assert project.config_file("labels") == tmp_path / "config" / "labels.yml"
    assert project.shown(tmp_path / "sources" / "x.txt") == "sources/x.txt"
    assert project.shown("/elsewhere/x.txt") == "/elsewhere/x.txt"
    assert Project(tmp_path / "a" / "..") == project


def test_every_command_works_on_the_root_it_is_given_with_that_roots_settings(tmp_path):
    root = copy_project(tmp_path / "other")
    shutil.copy(FIXTURES / "ingest" / "dump_chrome.txt", root / "sources" / "chrome.txt")
    cleaning, labels, translation = (root / "config" / f"{n}.yml" for n in ("cleaning", "labels", "translation"))
    cleaning.write_text(cleaning.read_text(encoding="utf-8").replace("tone_style: hòa", "tone_style: hoà"),
                        encoding="utf-8")
    labels.write_text(labels.read_text(encoding="utf-8").replace("archive_title: Articles",
                                                                 "archive_title: Dispatches"), encoding="utf-8")

    ingest = run_cli("ingest", "--json", root=root)
    assert ingest.returncode == 0, ingest.stderr
    page = root / "docs" / "vi" / "articles" / "2024" / "hop-tac-ve-di-cu-lao-dong-duoc-thuc-day.md"
    meta, _ = frontmatter.read(page)
    assert meta["source_file"] == "sources/chrome.txt"
    seed = next((root / "docs" / "vi" / "articles").glob("2024/iom-*.md"))
    assert "Thoả thuận" in seed.read_text(encoding="utf-8")  # the root's tone style, not the checkout's

    pages = run_cli("pages", root=root)
    assert pages.returncode == 0, pages.stderr
    assert (root / "docs" / "en" / "articles" / "index.md").read_text(encoding="utf-8").startswith("# Dispatches\n")

    translation.write_text("engine: yandex\n", encoding="utf-8")  # deepl is an engine since issue 14
    translate = run_cli("translate", root=root)
    assert translate.returncode == 2 and translate.stderr.startswith("error: config/translation.yml:1: field 'engine'")

    export = run_cli("export", "csv", root=root)
    assert export.returncode == 0 and (root / "exports" / "glossary.csv").is_file()

    (root / "glossary" / "terms" / "hong.yml").write_text("id: hong\n", encoding="utf-8")
    check = run_cli("check", "--only", "glossary", root=root)
    assert check.returncode == 1 and "glossary/terms/hong.yml" in check.stdout


def test_a_root_without_settings_is_one_error_line(tmp_path):
    (tmp_path / "sources").mkdir()
    result = run_cli("ingest", root=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "error: config/cleaning.yml: cannot be read: no such file or directory\n"
