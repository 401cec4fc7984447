"""The reader's experience, second round, in a real browser: search that finds articles first, the
side-by-side view, the glossary's filter box, the offer of the other language, dark mode, a phone's
width, paper, and axe on the new pages. Fixtures: tests/site/conftest.py; helpers: tests/site/browser.py."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from scripts.core.vietnamese import fold
from tests.site.browser import (CHROMIUM, CHROMIUM_ARGS, LABOUR, MOFA, TRAFFICKING, UNTRANSLATED, Monitor,
                                assert_clean, search, serious_violations, visit)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent: the browser tests need Debian's chromium"),
]

SIDE = "articles/2021/ho-tro-lao-dong-di-cu-hoi-huong/"  # machine, human and pending paragraphs (memory)
ARTICLE = re.compile(r"/(en/)?articles/[^/]+/[^/]+/$")


# ─── Search: articles first, whole words marked, date and outlet shown, words in the page's language ──

@pytest.mark.parametrize("prefix,query", [("", "di cu lao dong"), ("", "mua ban nguoi"), ("en/", "labour migration")])
def test_for_the_same_match_an_article_comes_before_index_pages(page, prefix, query):
    visit(page, prefix)
    results = search(page, query)
    assert ARTICLE.search(results[0]), results
    assert any(not ARTICLE.search(url) for url in results), results  # topic and glossary pages match too
    assert_clean(page)


def test_accent_free_highlighting_marks_whole_words_only(page):
    visit(page, "")
    search(page, "di cu")
    marked = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    assert marked and {fold(w) for w in marked} <= {"di", "cu"}, sorted(set(marked))
    assert_clean(page)


@pytest.mark.parametrize("prefix,date", [("", r"20/09/2023"), ("en/", r"20 September 2023")])
def test_each_article_result_shows_its_date_and_outlet(page, prefix, date):
    visit(page, prefix)
    search(page, "labour")
    link = page.locator(f".md-search-result__item > a[href^='{page.base}{prefix}{LABOUR}']").first
    assert re.fullmatch(rf"{date} · \S.*", link.locator(".search-result__meta").inner_text().strip())
    assert_clean(page)


def test_the_vietnamese_search_box_speaks_vietnamese(page):
    visit(page, "")
    box = page.locator("input.md-search__input")
    assert box.get_attribute("placeholder") == "Tìm kiếm"
    assert "Initializing" not in page.locator(".md-search-result__meta").inner_text()
    box.click()
    page.wait_for_function("() => !/Initializing|Đang chuẩn bị/.test("
                           "document.querySelector('.md-search-result__meta').textContent)")
    assert page.locator(".md-search-result__meta").inner_text().strip() == "Gõ từ cần tìm, có dấu hay không dấu"
    search(page, "di cu")
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.fullmatch(r"\d+ trang phù hợp", meta.strip()), meta
    assert page.locator("label[for=__search_both]").inner_text() == "Tìm trong cả hai ngôn ngữ"
    assert_clean(page)


# ─── Side by side ────────────────────────────────────────────────────────────────────────────

def side_by_side(page, lang: str, article: str = SIDE) -> list[tuple[str, list[str], str]]:
    """Open the view of `article` from its page in `lang`; return its rows: (Vietnamese text,
    origins shown in the English cell, English text)."""
    prefix = "" if lang == "vi" else "en/"
    visit(page, prefix + article)
    link = page.locator("a.article-facts__side-by-side")
    assert link.inner_text() == ("Song ngữ" if lang == "vi" else "Side by side")
    link.click()
    page.wait_for_load_state("load")
    page.wait_for_selector(".side-by-side__grid")
    rows = page.locator(".side-by-side__row:not(.side-by-side__row--head)")
    result = []
    for i in range(rows.count()):
        vi, en = rows.nth(i).locator(".side-by-side__cell--vi"), rows.nth(i).locator(".side-by-side__cell--en")
        origins = en.locator(".side-by-side__origin").all_inner_texts()
        shown = en.locator(":scope > :not(.side-by-side__origin):not(.side-by-side__lang)")
        text = " ".join(el.inner_text() for el in shown.all())
        result.append((vi.locator(":scope > :not(.side-by-side__lang)").inner_text(), origins, text))
    return result


def test_side_by_side_pairs_each_paragraph_with_its_english_and_says_where_it_comes_from(page):
    rows = side_by_side(page, "vi")
    assert [vi for vi, _, _ in rows] == [
        "Hỗ trợ lao động di cư hồi hương tìm việc làm",
        "Nhiều tỉnh mở lớp tư vấn việc làm cho người lao động di cư trở về quê.",
        "Người lao động được giới thiệu các chương trình vay vốn và học nghề tại địa phương.",
        "Các tỉnh sẽ tổng kết chương trình vào cuối năm."]
    assert [[o.lower() for o in origins] for _, origins, _ in rows] == [
        ["bản dịch máy"], ["bản dịch máy"], ["người dịch"], ["chưa dịch"]]
    assert rows[2][2] == "Workers are introduced to local loan and vocational training programmes."
    assert rows[3][2] == ""  # pending: the English page shows the Vietnamese, the view does not repeat it
    assert page.locator(".side-by-side__cell--en").first.get_attribute("lang") == "en"
    original = page.locator(".side-by-side__header a.article-facts__source")
    assert original.get_attribute("href") == "https://laodong.example.vn/ho-tro-lao-dong-hoi-huong"
    assert page.locator("article h1").inner_text().startswith("Song ngữ: Hỗ trợ lao động")
    assert "bản dịch máy" in page.locator(".side-by-side__row--head").inner_text()
    assert_clean(page)


def test_the_english_view_speaks_english_and_the_switcher_keeps_the_article(page):
    rows = side_by_side(page, "en")
    assert [origins for _, origins, _ in rows][2:] == [["PERSON'S TRANSLATION"], ["PENDING"]]
    assert page.locator("article h1").inner_text() == "Side by side: Helping returning migrant workers find jobs"
    switch = page.locator(".md-select__link[hreflang=vi]").get_attribute("href")
    assert switch.endswith(f"side-by-side/?a={SIDE}"), switch
    assert_clean(page)


def test_an_article_not_yet_translated_is_pending_throughout(page):
    rows = side_by_side(page, "en", UNTRANSLATED)
    assert rows and all(origins == ["PENDING"] and not text for _, origins, text in rows), rows
    assert_clean(page)


def test_side_by_side_is_stacked_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    side_by_side(page, "vi")
    row = page.locator(".side-by-side__row:not(.side-by-side__row--head)").nth(1)
    vi, en = row.locator(".side-by-side__cell--vi").bounding_box(), row.locator(".side-by-side__cell--en").bounding_box()
    assert en["y"] >= vi["y"] + vi["height"] - 1 and en["width"] > 300, (vi, en)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_clean(page)


def test_a_bad_address_says_the_article_cannot_be_shown(page):
    visit(page, "side-by-side/?a=../../etc/passwd")
    page.wait_for_selector(".side-by-side__note--error")
    assert page.locator(".side-by-side__note--error").inner_text() == "Không tải được bài viết này."
    assert_clean(page)


# ─── The glossary's filter box ───────────────────────────────────────────────────────────────

def test_the_glossary_filter_works_from_the_keyboard(page):
    visit(page, "glossary/")
    box = page.locator("#glossary-filter-input")
    box.focus()
    page.keyboard.type("to chuc")  # without accents
    visible = page.eval_on_selector_all("#glossary-index li:not([hidden])", "els => els.map(e => e.textContent)")
    assert visible and all("to chuc" in fold(text) for text in visible), visible
    assert any("Tổ chức Di cư Quốc tế" in text for text in visible)
    assert page.locator("#glossary-filter-count").inner_text() == f"{len(visible)} thuật ngữ"
    headings = page.eval_on_selector_all("#glossary-index h2:not([hidden])", "els => els.map(e => e.id)")
    assert headings and len(headings) < 7
    page.keyboard.press("Escape")
    assert box.input_value() == "" and page.locator("#glossary-index li[hidden]").count() == 0
    page.keyboard.type("zzzz")
    assert page.locator("#glossary-filter-count").inner_text() == "Không có thuật ngữ nào khớp."
    assert_clean(page)


# ─── The offer of the other language ─────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def browser(browser_context):
    """A browser beside the tests' own (one Playwright per process), for readers of other locales."""
    launched = browser_context.playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                          args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def english_reader(browser, reader_site):
    """A page in a fresh browser whose reader prefers English (then Vietnamese)."""
    _, base = reader_site
    context = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9,vi;q=0.5"})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    reader = context.new_page()
    reader.base = base
    reader.monitor = Monitor(reader, base)
    yield reader
    context.close()


def test_a_reader_who_prefers_english_is_offered_the_english_page_never_sent_there(english_reader):
    page = english_reader
    visit(page, TRAFFICKING)
    assert page.url == page.base + TRAFFICKING  # no redirect
    offer = page.locator(".language-offer")
    offer.wait_for(state="visible")
    assert offer.get_attribute("lang") == "en"
    assert "This page is also available in English." in offer.inner_text()
    offer.locator("a").click()
    page.wait_for_load_state("load")
    assert page.url == page.base + "en/" + TRAFFICKING
    assert page.locator(".language-offer").is_hidden()  # an English page: nothing to offer
    assert_clean(page)


def test_no_offer_on_a_page_without_the_other_language_and_the_choice_is_remembered(english_reader):
    page = english_reader
    visit(page, UNTRANSLATED)
    assert page.locator(".language-offer").count() == 0
    visit(page, MOFA)
    page.locator(".language-offer").wait_for(state="visible")
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link[hreflang=vi]").click()  # already Vietnamese: the reader chose it
    page.wait_for_load_state("load")
    visit(page, LABOUR)
    page.wait_for_timeout(200)
    assert page.locator(".language-offer").is_hidden()
    assert_clean(page)


def test_the_offer_is_dismissed_from_the_keyboard_for_good(english_reader):
    page = english_reader
    visit(page, LABOUR)
    page.locator(".language-offer").wait_for(state="visible")
    for _ in range(40):  # after the header and the navigation, the offer comes first in the content
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('language-offer__dismiss')"):
            break
    else:
        raise AssertionError("the offer's button cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert page.locator(".language-offer").is_hidden()
    visit(page, TRAFFICKING)
    page.wait_for_timeout(200)
    assert page.locator(".language-offer").is_hidden()
    assert_clean(page)


def test_a_reader_who_prefers_vietnamese_is_not_offered_english(page):
    visit(page, TRAFFICKING)
    page.wait_for_timeout(200)
    assert page.locator(".language-offer").is_hidden()
    visit(page, "en/" + TRAFFICKING)
    page.locator(".language-offer").wait_for(state="visible")
    assert page.locator(".language-offer").get_attribute("lang") == "vi"
    assert_clean(page)


# ─── A face and comfort ──────────────────────────────────────────────────────────────────────

def test_dark_mode_is_a_click_away_and_remembered(page):
    visit(page, LABOUR)
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme !== '{scheme}'")
    dark = page.evaluate("document.body.dataset.mdColorScheme")
    assert {scheme, dark} == {"default", "slate"}
    visit(page, "glossary/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == dark
    assert serious_violations(page) == []
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert_clean(page)


def test_the_status_table_is_readable_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, "en/status/2023/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cell = page.locator("table.stacked td[data-label]").first
    assert page.evaluate("el => getComputedStyle(el, '::before').content", cell.element_handle()).startswith('"Date')
    assert_clean(page)


def test_an_article_prints_its_text_facts_and_the_address_of_its_original(page):
    visit(page, TRAFFICKING)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-breadcrumbs', '.md-footer', '.md-header', '#article-topics']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none"] * 4
    source = page.locator("a.article-facts__source").element_handle()
    assert "https://cand.example.vn/triet-pha-duong-day" in page.evaluate(
        "el => getComputedStyle(el, '::after').content", source)
    assert page.locator("ul.article-facts").is_visible()
    page.emulate_media(media="screen")
    assert_clean(page)


# ─── Accessibility of the new pages ──────────────────────────────────────────────────────────

NEW_PAGES = ["glossary/iom/", "en/glossary/iom/", "en/glossary/", "", "en/"]


@pytest.mark.parametrize("path", NEW_PAGES, ids=lambda p: p or "home")
def test_new_pages_pass_axe(page, path):
    visit(page, path)
    assert serious_violations(page) == []
    assert_clean(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_side_by_side_view_passes_axe(page, lang):
    side_by_side(page, lang)
    assert serious_violations(page) == []
    assert_clean(page)


def test_an_article_with_the_offer_passes_axe(english_reader):
    visit(english_reader, MOFA)
    english_reader.locator(".language-offer").wait_for(state="visible")
    assert serious_violations(english_reader) == []
    assert urlsplit(english_reader.url).path.endswith(MOFA)
    assert_clean(english_reader)
