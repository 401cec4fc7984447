"""The layout the code keeps (issue 13): core imports neither MkDocs nor a stage; the checkout's root
is computed in one place; hooks only route events; packages say what they do; modules stay small;
and each stage's cache is keyed on the code of every package that stage runs."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.project import REPO

SCRIPTS = REPO / "scripts"
STAGES = ("ingest", "translate", "glossary", "checks", "pages", "build", "exports")


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports (at any depth of its code)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("path", sorted((SCRIPTS / "core").glob("*.py")), ids=lambda p: p.name)
def test_core_imports_neither_mkdocs_nor_a_stage(path):
    bad = {m for m in imports_of(path) if m.split(".")[0] == "mkdocs"
           or (m.startswith("scripts.") and m.split(".")[1] in (*STAGES, "project", "cli", "update"))}
    assert bad == set(), f"{path.name} imports {sorted(bad)}"


def test_the_checkouts_root_is_computed_in_one_place():
    users = sorted(p.relative_to(REPO).as_posix() for p in SCRIPTS.rglob("*.py")
                   if "CODE_ROOT" in p.read_text(encoding="utf-8") or "__file__" in p.read_text(encoding="utf-8"))
    assert users == ["scripts/cli.py", "scripts/core/cache.py", "scripts/project.py"]
    # core/cache.py: the code's own folder, for the code digest (what the code is, not where data is)


@pytest.mark.parametrize("path", sorted((REPO / "hooks").glob("*.py")), ids=lambda p: p.name)
def test_hooks_only_route_events(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):  # one statement or a plain condition, no logic of their own
            assert len(node.body) <= 3, f"{path.name}: {node.name} holds logic; move it to scripts/build/"
    imported = {m.split(".")[0] for m in imports_of(path)} - {"__future__"}
    assert imported <= {"scripts", "mkdocs", "logging"}, imported


@pytest.mark.parametrize("package", ["core", *STAGES])
def test_each_package_says_what_it_does(package):
    init = SCRIPTS / package / "__init__.py"
    assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"scripts/{package}/__init__.py"


def test_the_top_level_holds_the_command_line_and_the_project_only():
    top = sorted(p.name for p in SCRIPTS.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py", "project.py", "update.py"]
    assert not any("bench" in p.name for p in SCRIPTS.rglob("*.py"))


@pytest.mark.parametrize("path", sorted(SCRIPTS.rglob("*.py")), ids=lambda p: p.relative_to(SCRIPTS).as_posix())
def test_modules_stay_small_and_say_what_they_are_for(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") < 400, f"{path.name}: {text.count(chr(10))} lines"
    assert ast.get_docstring(ast.parse(text)), f"{path.name} has no docstring"


# The packages whose code each cache's key covers (besides core and project.py, always covered).
CACHED_STAGES = {
    "scripts.ingest.batch:ingest": {"ingest"},
    "scripts.translate:translate_all": {"translate", "glossary"},
    "scripts.pages:generate": {"pages", "glossary", "translate"},  # translate: the memory's origins (pages/origins.py)
}


@pytest.mark.parametrize("entry", sorted(CACHED_STAGES))
def test_a_stages_cache_covers_the_code_the_stage_runs(entry):
    """A stage's cache is keyed on the digest of the packages it declares: if the stage ran code of
    another package, an edit there would not invalidate the cache (stale output)."""
    module = entry.split(":")[0]
    probe = (f"import sys, {module}\n"
             "print(' '.join(sorted({m.split('.')[1] for m in sys.modules if m.startswith('scripts.')})))")
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert loaded.returncode == 0, loaded.stderr
    packages = set(loaded.stdout.split()) - {"core", "project"}
    assert packages <= CACHED_STAGES[entry], f"{entry} loads {sorted(packages - CACHED_STAGES[entry])}"
