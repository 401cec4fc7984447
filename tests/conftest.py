"""Shared fixtures: fixture projects (tests/support/project.py) and real builds of them."""
from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import threading
from functools import partial
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import settings

from tests.support.project import FIXTURES, REPO, SHARED, copy_project, mkdocs_build

# CI runs the property tests on a fixed sequence of examples, so that a run on a clean checkout
# passes or fails the same way every time; a contributor's runs explore new examples (and keep
# the failing ones in .hypothesis/), which is where new bugs are found.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = REPO  # the checkout (its code); tests read content from tests/fixtures/ only


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture site, built for real once per test session. Returns the site folder."""
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
    """The fixture site plus the reader's fixture articles (tests/fixtures/site/docs/, and the
    translation memory of those that have one), built once with SITE_URL set to a 127.0.0.1 port
    and served there by a threaded http.server. Yields (site folder, base URL)."""
    project = copy_project(tmp_path_factory.mktemp("reader"))
    for name in ("docs", "translations"):
        shutil.copytree(FIXTURES / "site" / name, project / name, dirs_exist_ok=True)
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


# Fixtures that build a whole site for real: a test that uses one is slow (left out of `make test-fast`).
BUILDS = {"built_site", "reader_site", "hostile", "hostile_pages"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILDS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
