"""Fixture projects: a private copy of the site's code-side files (mkdocs.yml, theme overrides, hooks,
settings) with content from tests/fixtures/project/ (never the live docs/, glossary/ or sources/),
so that a contributor's additions never change what a test sees."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.project import Project

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
CONTENT = FIXTURES / "project"  # docs/, glossary/, sources/, translations/ of the fixture site
SHARED = REPO.parent / "shared"
# What a build or a stage reads besides the content: copied from the checkout (they are code).
SITE_CODE = ["mkdocs.yml", "overrides", "hooks", "config", "eval"]
CONTENT_DIRS = ["docs", "glossary", "sources"]
_IGNORE = shutil.ignore_patterns("__pycache__", "*.tmp")


def copy_project(dest: Path, content: Path = CONTENT, translations: bool = False) -> Path:
    """A fixture project in `dest`: the site's code-side files and the fixture content (with
    `translations`, its translation memory too). Returns `dest`."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_CODE:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=_IGNORE)
        elif src.exists():
            shutil.copy2(src, dest / name)
    for name in CONTENT_DIRS + (["translations"] if translations else []):
        if (content / name).is_dir():
            shutil.copytree(content / name, dest / name, ignore=_IGNORE)
    return dest


def fixture_project(dest: Path, **options) -> Project:
    return Project(copy_project(dest, **options))


def run_cli(*args: str, root: Path, timeout: float = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m scripts <args> --root <root>` as a contributor runs it, from the checkout."""
    command = [sys.executable, "-m", "scripts", *args, "--root", str(root)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})))


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on `project` into `site`; fail the test on error."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return result


def checkout() -> Project:
    """The checkout as a project: for its settings (config/ is code-side), never for its content."""
    return Project(REPO)


def rules():
    """The cleaning rules of the checkout's config/cleaning.yml."""
    return checkout().cleaning_rules()


def generation_inputs(project: Project):
    """What the page generators read, for calling one generator directly."""
    from scripts.pages.model import Inputs, site_data

    return Inputs(site_data(project), project.labels(), project.page_settings())
