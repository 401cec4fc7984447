"""Fixtures of the browser tests: one Chromium for the session, on the reader's fixture site, and a
page per test (a screenshot of the page when the test fails; the reader's choices forgotten after)."""
from __future__ import annotations

import tempfile
from urllib.parse import urlsplit

import pytest

from tests.site.browser import CHROMIUM, CHROMIUM_ARGS, Monitor, forget_the_readers_choices


@pytest.fixture(scope="session")
def browser_context(reader_site):
    from playwright.sync_api import sync_playwright

    _, base = reader_site
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="vi-VN")
        context.set_default_timeout(10_000)
        context.playwright = p  # for another browser in the same process (tests/site/test_reading.py)
        context.outside = []
        local = urlsplit(base).netloc

        def guard(route):
            if urlsplit(route.request.url).netloc != local and not route.request.url.startswith(("data:", "blob:")):
                context.outside.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", guard)
        yield context
        context.close()


@pytest.fixture
def page(browser_context, reader_site, request, tmp_path):
    _, base = reader_site
    failed_before = request.session.testsfailed
    page = browser_context.new_page()
    page.base = base
    page.monitor = Monitor(page, base)
    yield page
    if request.session.testsfailed > failed_before:
        shot = tmp_path / f"{request.node.name[:80]}.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"\nscreenshot of the failing page ({page.url}): {shot}")
    forget_the_readers_choices(page)
    page.close()
