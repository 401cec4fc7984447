"""What the browser tests share: Debian's Chromium, the fixture articles they read, a monitor of
what goes wrong on a page, and the helpers that drive the site (fixtures: tests/site/conftest.py)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Fixture articles (tests/fixtures/site/docs/), by what each exercises.
TRAFFICKING = "articles/2023/trieu-pha-duong-day-mua-ban-nguoi-qua-bien-gioi/"   # reviewed; "Thỏa thuận"
LABOUR = "articles/2023/di-cu-lao-dong-an-toan-cho-nguoi-lao-dong/"            # machine draft 87%; "(labour"
MOFA = "articles/2022/bo-ngoai-giao-va-iom-ky-ket-hop-tac/"                    # outdated
RETURNEES = "articles/2022/ho-tro-nguoi-di-cu-tro-ve/"                         # human
UNTRANSLATED = "articles/undated/bai-chua-dich-ve-hop-tac-di-cu/"              # no English file


class Monitor:
    """What went wrong on a page: console errors, page errors, failed or refused requests."""

    def __init__(self, page, base: str):
        self.problems: list[str] = []
        local = urlsplit(base).netloc
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # A request whose document the page had started to leave when it failed was cut short by
        # the navigation, not failed: the browser tears down that document's fetches and workers
        # when its successor commits, reporting ERR_ABORTED or, when the answer was arriving,
        # ERR_BLOCKED_BY_RESPONSE. Documents are numbered as they commit (same-document
        # navigations count too, harmlessly); `left` is the newest one the page started to leave.
        self.document = 0
        self.left = -1
        self.issued: dict = {}
        page.on("framenavigated", lambda f: f.parent_frame is None and self._committed())
        page.on("request", self._issued)
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("request", lambda r: urlsplit(r.url).netloc not in (local, "")
                and self.problems.append(f"third party: {r.url}"))

    def _committed(self):
        self.document += 1

    def _issued(self, request):
        self.issued[request] = self.document
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.left = self.document

    def _failed(self, request):
        cut_short = (not request.is_navigation_request()
                     and self.issued.get(request, self.document) <= self.left)
        if not cut_short:
            self.problems.append(f"failed: {request.url} {request.failure}")


def forget_the_readers_choices(page):
    """The next test starts as a new reader: no language chosen, no offer dismissed (site.js keeps
    them in localStorage, which the tests' browser profile shares)."""
    if page.url.startswith(page.base):
        page.evaluate("() => { localStorage.removeItem('site.language'); localStorage.removeItem('site.offer'); }")


def visit(page, path: str):
    page.goto(page.base + path)
    page.wait_for_load_state("load")
    return page


def assert_clean(page):
    assert page.monitor.problems == [], page.monitor.problems


def search(page, query: str) -> list[str]:
    """Type `query` into Material's search box key by key; return the result pages' URLs."""
    box = page.locator("input.md-search__input")
    box.click()
    whole_text_indexed(page)
    box.fill("")
    box.press_sequentially(query, delay=15)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /\\d|Không|No /.test(m.textContent) }")
    page.wait_for_timeout(150)
    assert meta.is_visible()
    return result_urls(page)


def whole_text_indexed(page):
    """Wait until the search answers from the whole text (titles answer first: search-scope.js)."""
    page.wait_for_function("() => document.documentElement.dataset.searchIndex === 'whole'")


def result_urls(page) -> list[str]:
    """Every result page's URL; Material renders ten, then more as the list is scrolled."""
    items = page.locator(".md-search-result__item")
    count = -1
    while items.count() != count:
        count = items.count()
        page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTop = el.scrollHeight")
        page.wait_for_timeout(120)
    hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                      "els => els.map(e => e.href)")
    return [re.split(r"[?#]", h)[0] for h in hrefs]


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
