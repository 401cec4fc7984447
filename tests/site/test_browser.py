"""The reader's experience in a real browser: search, language switching, banners, glossary
tooltips, topic links, accessibility, and no failed or third-party requests."""
from __future__ import annotations

import re
import unicodedata

import pytest

from scripts.core.vietnamese import fold
from tests.site.browser import (CHROMIUM, LABOUR, MOFA, RETURNEES, TRAFFICKING, UNTRANSLATED, Monitor, assert_clean,
                                result_urls, search, serious_violations, visit)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=(
        f"{CHROMIUM} is absent: install Debian's chromium (`apt-get install chromium`) to run the "
        "browser tests; CI (.ci/run) installs it")),
]

# ─── Search ──────────────────────────────────────────────────────────────────────────────────

FOLDED_QUERIES = [
    ("di cu", LABOUR),
    ("bo ngoai giao", MOFA),
    ("mua ban nguoi", TRAFFICKING),
    ("duong day", TRAFFICKING),
    ("thoả thuận", TRAFFICKING),                                  # page writes "Thỏa thuận"
    (unicodedata.normalize("NFD", "thỏa thuận"), LABOUR),         # page writes "thoả thuận"
    ("(labour", LABOUR),
]


@pytest.mark.parametrize("query,expected", FOLDED_QUERIES, ids=[q for q, _ in FOLDED_QUERIES])
def test_vietnamese_search_finds_pages_whatever_the_accents(page, query, expected):
    visit(page, "")
    results = search(page, query)
    assert page.base + expected in results, (query, results)
    assert not any("/en/" in url for url in results), f"Vietnamese site returned English pages: {results}"
    assert_clean(page)


def test_words_matched_without_accents_are_highlighted(page):
    visit(page, "")
    search(page, "bo ngoai giao")
    marked = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    assert "Bộ" in marked and "Ngoại" in marked, marked
    assert_clean(page)


def test_a_finished_word_matches_whole_words_only(page):
    """"di" followed by another word is the syllable "di", not a prefix of "dịch" or "diễn"."""
    visit(page, "")
    search(page, "di cu")
    marked = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    folded = {fold(w) for w in marked}
    assert "di" in folded and all(w == "di" or w.startswith("cu") for w in folded), sorted(folded)
    assert_clean(page)


def test_english_search_is_scoped_and_can_include_both_languages(page):
    visit(page, "en/")
    page.evaluate("localStorage.removeItem('site.search.both')")
    results = search(page, "labour")
    assert page.base + "en/" + LABOUR in results
    assert all(url.startswith(page.base + "en/") for url in results), results
    page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTop = 0")
    page.locator("label[for=__search_both]").click()
    # Only the whole text of the Vietnamese page has "labour" (its title does not): waiting for it
    # waits for the index rebuilt with both languages' whole text.
    page.wait_for_function(
        "base => [...document.querySelectorAll('.md-search-result__item > a')]"
        ".some(a => a.href.startsWith(base + 'articles/'))", arg=page.base)
    both = result_urls(page)
    assert page.base + LABOUR in both and page.base + "en/" + LABOUR in both, both
    page.evaluate("localStorage.removeItem('site.search.both')")
    assert_clean(page)


def test_titles_answer_first_then_the_whole_text(page):
    visit(page, "")
    page.evaluate("localStorage.removeItem('site.search.both')")
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function("() => ['titles', 'whole'].includes(document.documentElement.dataset.searchIndex)")
    # "địa phương" is in the text of the returnees' article, not in any title
    assert page.base + RETURNEES in search(page, "địa phương")
    assert page.base + RETURNEES in search(page, "dia phuong")
    assert_clean(page)


def main_worker_script(page, change):
    """Serve the page's search worker (search-scope.js) as change(its text) makes it. (Playwright
    does not route the requests of the nested worker the search worker starts.)"""
    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=change(response.text()))
    page.route("**/workers/search-scope.js?*", handle)


FAILING_WORKER = """self.Worker = (function (Native) {
  return function () {
    var script = new Blob(['throw new Error("nested worker cannot start")'], {type: "text/javascript"});
    return new Native(URL.createObjectURL(script));
  };
})(self.Worker);
"""

# search-scope.js indexes the whole text itself where a nested worker cannot: where workers have
# no Worker (some browsers), or where the nested worker fails.
WITHOUT_NESTED_WORKER = {
    "no-nested-workers": lambda text: "self.Worker = undefined;\n" + text,
    "nested-worker-fails": lambda text: FAILING_WORKER + text,
}


@pytest.mark.parametrize("case", WITHOUT_NESTED_WORKER)
def test_the_whole_text_is_searched_without_a_nested_worker(page, case):
    workers, warnings = [], []
    page.on("worker", lambda w: workers.append(w.url))
    page.on("console", lambda m: m.type == "warning" and m.text.startswith("search:") and warnings.append(m.text))
    main_worker_script(page, WITHOUT_NESTED_WORKER[case])
    visit(page, "")
    page.evaluate("localStorage.removeItem('site.search.both')")
    # "địa phương" is in the text of the returnees' article, not in any title
    assert page.base + RETURNEES in search(page, "dia phuong")
    assert page.base + RETURNEES in search(page, "địa phương")
    assert not any("role=full" in url for url in workers), workers
    if case == "no-nested-workers":
        assert warnings == [] and not any(url.startswith("blob:") for url in workers), (warnings, workers)
    else:
        assert any(url.startswith("blob:") for url in workers), workers
        assert warnings and all("whole-text index could not be built" in w for w in warnings), warnings
        assert any("nested worker cannot start" in w for w in warnings), warnings
    assert_clean(page)


@pytest.mark.parametrize("path,own,other", [("", "search/search_titles.json", "en/search/"),
                                             ("en/", "en/search/search_titles.json", "search/")])
def test_a_page_loads_the_search_index_of_its_own_language_only(page, path, own, other):
    requested = []
    page.on("request", lambda r: "/search/search_" in r.url and requested.append(r.url))
    page.goto(page.base + "about/")  # a page of the site, to clear the kept choice before loading the index
    page.evaluate("localStorage.removeItem('site.search.both')")
    requested.clear()
    visit(page, path)
    assert search(page, "IOM")
    assert page.base + own in requested, requested
    assert not any(url.startswith(page.base + other) for url in requested), requested
    assert_clean(page)


@pytest.mark.parametrize("lang,query", [("vi", "MOFA"), ("en", "MOFA"), ("en", "Ministry of Foreign Affairs"),
                                        ("vi", "Bộ Ngoại giao"), ("en", "bo ngoai giao")])
def test_glossary_terms_are_found_by_abbreviation_and_both_forms(page, lang, query):
    prefix = "" if lang == "vi" else "en/"
    visit(page, prefix)
    results = search(page, query)
    assert page.base + prefix + "glossary/bo-ngoai-giao/" in results, results  # the term's own page
    assert_clean(page)


# ─── Language switcher ───────────────────────────────────────────────────────────────────────

PAGE_KINDS = ["", "about/", "articles/", "articles/2023/", TRAFFICKING, UNTRANSLATED, "glossary/",
              "topics/", "status/", "status/2023/"]


@pytest.mark.parametrize("path", PAGE_KINDS, ids=lambda p: p or "home")
def test_switcher_leads_to_the_same_page_in_the_other_language(page, path):
    for here, there in ((path, "en/" + path), ("en/" + path, path)):
        visit(page, here)
        target_lang = "en" if there.startswith("en/") else "vi"
        page.locator(".md-header__option .md-select").hover()
        page.locator(f".md-select__link[hreflang={target_lang}]").click()
        page.wait_for_load_state("load")
        assert page.url == page.base + there, (here, page.url)
        assert page.locator("html").get_attribute("lang") == target_lang
    assert_clean(page)


def first_topic_url(page) -> str:
    visit(page, "topics/")
    links = page.eval_on_selector_all("article.md-content__inner a", "els => els.map(e => e.href)")
    return next(u for u in links if re.search(r"/topics/[a-z0-9-]+/$", u))


def test_switcher_on_a_topic_page(page):
    topic = first_topic_url(page)
    page.goto(topic)
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_load_state("load")
    assert page.url == page.base + "en/" + topic[len(page.base):]
    assert_clean(page)


# ─── Article pages ───────────────────────────────────────────────────────────────────────────

BANNERS = [
    (LABOUR, "machine-draft", "87%"),
    (RETURNEES, "human", "Human translation"),
    (TRAFFICKING, "reviewed", "Reviewed"),
    (MOFA, "outdated", "outdated"),
    (UNTRANSLATED, "untranslated", "not been translated yet"),
]


@pytest.mark.parametrize("path,status,words", BANNERS, ids=[s for _, s, _ in BANNERS])
def test_english_articles_show_their_translation_status(page, path, status, words):
    visit(page, "en/" + path)
    banner = page.locator("aside.translation-status")
    assert banner.get_attribute("data-status") == status
    assert words in banner.inner_text()
    banner.locator("a").click()
    page.wait_for_load_state("load")
    assert page.url == page.base + path
    assert_clean(page)


def test_untranslated_english_page_marks_its_text_as_vietnamese(page):
    visit(page, "en/" + UNTRANSLATED)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("div.article").get_attribute("lang") == "vi"
    assert_clean(page)


def test_article_shows_its_facts_and_original_link(page):
    visit(page, TRAFFICKING)
    facts = page.locator("ul.article-facts").inner_text()
    for expected in ("04/05/2023", "Báo Công an Nhân dân", "Thanh Bình"):
        assert expected in facts
    assert page.locator("a.article-facts__source").get_attribute("href") == "https://cand.example.vn/triet-pha-duong-day"
    visit(page, "en/" + TRAFFICKING)
    assert "4 May 2023" in page.locator("ul.article-facts").inner_text()
    assert page.locator("aside.translation-status").count() == 1
    visit(page, TRAFFICKING)
    assert page.locator("aside.translation-status").count() == 0
    assert_clean(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_glossary_tooltip_shows_the_definition_in_the_page_language(page, lang):
    from scripts.glossary.terms import load_terms
    from scripts.project import Project
    from tests.support.project import CONTENT

    terms = {term.id: term for term in load_terms(Project(CONTENT))}
    visit(page, ("" if lang == "vi" else "en/") + MOFA)
    term = page.locator("article a[href*='glossary/'][title]").first
    term_id = term.get_attribute("href").rstrip("/").rsplit("/", 1)[1]
    term.hover()
    tooltip = page.locator("[role=tooltip]").filter(has_text=re.compile(r"\S")).first
    tooltip.wait_for(state="visible")
    shown = " ".join(tooltip.inner_text().split())
    assert shown == " ".join(terms[term_id].definition(lang).split())
    assert_clean(page)


def test_topic_link_leads_to_a_topic_page_listing_the_article(page):
    visit(page, TRAFFICKING)
    topic = page.locator("article a[href*='topics/']").first
    topic_name = topic.inner_text().strip()
    topic.click()
    page.wait_for_load_state("load")
    assert re.search(r"/topics/[a-z0-9-]+/$", page.url), page.url
    assert topic_name in page.locator("article h1").inner_text()
    assert page.locator(f"article a[href$='{TRAFFICKING.split('/')[-2]}/']").count() >= 1
    assert_clean(page)


def test_404_pages_are_in_their_language(page):
    for path, lang in (("no-such-page/", "vi"), ("en/no-such-page/", "en")):
        response = page.goto(page.base + ("404.html" if lang == "vi" else "en/404.html"))
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == lang
        assert path  # the static server does not map missing paths to 404.html; the host does
    assert_clean(page)


# ─── Accessibility ───────────────────────────────────────────────────────────────────────────

AUDITED = ["", "en/", TRAFFICKING, "en/" + LABOUR, "en/" + UNTRANSLATED, "glossary/", "en/glossary/",
           "topics/", "status/", "en/status/2023/"]


@pytest.mark.parametrize("path", AUDITED, ids=lambda p: p or "home")
def test_pages_pass_axe_without_serious_violations(page, path):
    visit(page, path)
    assert serious_violations(page) == []
    assert_clean(page)


def test_topic_page_passes_axe(page):
    page.goto(first_topic_url(page))
    assert serious_violations(page) == []
    assert_clean(page)


def test_search_with_results_passes_axe(page):
    visit(page, "")
    assert search(page, "di cu")
    assert serious_violations(page) == []
    assert_clean(page)


# ─── The monitor itself ──────────────────────────────────────────────────────────────────────

@pytest.fixture
def flaky_server():
    """A server whose /drop closes the connection unanswered and whose /slow answers after 2 s;
    /fetch/<path> is a page that fetches <path>."""
    import http.server
    import threading
    import time

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/drop":
                self.close_connection = True
                return
            if self.path == "/slow":
                time.sleep(2)
            body = (f"<!doctype html><title>t</title><script>fetch('{self.path[6:]}')</script>"
                    if self.path.startswith("/fetch") else "<!doctype html><title>t</title>")
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(body.encode())
            except OSError:  # the browser left before the answer
                pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_monitor_reports_a_failed_request_but_not_one_cut_short_by_leaving_the_page(
        browser_context, flaky_server):
    def watched_page():
        page = browser_context.new_page()
        page.route(flaky_server + "/**", lambda route: route.continue_())  # the context allows only the site
        return page, Monitor(page, flaky_server)

    page, monitor = watched_page()
    with page.expect_event("requestfailed"):
        page.goto(flaky_server + "/fetch/drop")
    assert [p for p in monitor.problems if p.startswith("failed: ") and "/drop" in p]
    page.close()

    page, monitor = watched_page()
    with page.expect_request(flaky_server + "/slow"):
        page.goto(flaky_server + "/fetch/slow")
    with page.expect_event("requestfailed"):
        page.goto(flaky_server + "/")
    assert monitor.problems == []
    page.close()
