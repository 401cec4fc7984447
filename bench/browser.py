"""First search in a real browser: the built site served on 127.0.0.1, a query typed into Material's box."""
from __future__ import annotations

import contextlib
import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SEARCH_INPUT = "input.md-search__input"
FIRST_RESULT = ".md-search-result__item"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@contextlib.contextmanager
def served(site: Path):
    """Serve `site` over HTTP on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def first_search(site: Path, settings: dict) -> dict:
    """Seconds from typing the query into the search box of the home page, opened in a new
    browser profile (nothing cached), to the first result shown, and to the search answering from
    the whole text (the first answer may come from the titles); also the page load time.

    Typing starts as soon as the page's load event fired, so the time includes whatever part
    of downloading and indexing search_index.json the search worker has not finished yet.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    browser_settings = settings["browser"]
    timeout_ms = browser_settings["timeout_s"] * 1000
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_settings["executable"],
                                             args=browser_settings["args"], headless=True)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            start = time.perf_counter()
            page.goto(url, wait_until="load")
            loaded = time.perf_counter() - start
            box = page.locator(SEARCH_INPUT)
            box.click()
            start = time.perf_counter()
            box.press_sequentially(browser_settings["query"])
            try:
                page.locator(FIRST_RESULT).first.wait_for(state="visible", timeout=timeout_ms)
            except PlaywrightTimeout:
                return {"page_load_s": loaded, "first_search_s": float(browser_settings["timeout_s"]),
                        "results_shown": 0, "first_search_timed_out": True}
            answered = time.perf_counter() - start
            shown = page.locator(FIRST_RESULT).count()
            # The first answer may come from the titles; the whole text is indexed next (search-scope.js).
            try:
                page.wait_for_function("() => document.documentElement.dataset.searchIndex === 'whole'",
                                       timeout=timeout_ms)
                whole = time.perf_counter() - start
            except PlaywrightTimeout:
                whole = None
        finally:
            browser.close()
    return {"page_load_s": loaded, "first_search_s": answered, "results_shown": shown,
            "whole_text_search_s": whole, "first_search_timed_out": False}
