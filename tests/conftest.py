"""Shared fixtures: a copy of the project and a real `mkdocs build --strict` of it."""
from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples, so that a run on a clean checkout
# passes or fails the same way every time; a contributor's runs explore new examples (and keep
# the failing ones in .hypothesis/), which is where new bugs are found.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# What a build reads: copied so that tests never write into the working tree.
SITE_INPUTS = ["mkdocs.yml", "docs", "overrides", "hooks", "glossary", "config", "sources"]


def copy_project(dest: Path) -> Path:
    """Copy the site's inputs into `dest` (generated pages excluded) and return it."""
    ignore = shutil.ignore_patterns("__pycache__", "*.tmp")
    for name in SITE_INPUTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on `project` into `site`; fail the test on error."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's site, built for real once per test session. Returns the site folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    site = project / "site"
    mkdocs_build(project, site)
    return site


@pytest.fixture
def shared_dir() -> Path:
    """../shared (eval set, seeds); skipped with a message in a clone without it."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (a contributor's clone): the shared eval set is only in CI")
    return SHARED


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory):
    """The project plus the reader's fixture articles (tests/fixtures/site/docs/), built once with
    SITE_URL set to a 127.0.0.1 port and served there by a threaded http.server.
    Yields (site folder, base URL)."""
    import contextlib
    import threading
    from functools import partial
    from unittest import mock

    project = copy_project(tmp_path_factory.mktemp("reader"))
    shutil.copytree(ROOT / "tests" / "fixtures" / "site" / "docs", project / "docs", dirs_exist_ok=True)
    site = project / "site"
    handler = partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with mock.patch.dict(os.environ, {"SITE_URL": base}):
        mkdocs_build(project, site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, base
    finally:
        server.shutdown()
        with contextlib.suppress(OSError):
            server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output readable
        pass
