"""The reader's pages as built: search index, article header and banners, head links, feeds,
sitemaps and 404 pages (the fixture articles of tests/fixtures/site/ included)."""
from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts.core.content import Article
from scripts.build.feeds import feed_items, page_url
from scripts.build.search_index import SearchIndexError, folded_words, is_fallback_copy, rewritten_index, with_folded_fields

LABOUR = "articles/2023/di-cu-lao-dong-an-toan-cho-nguoi-lao-dong/"
UNTRANSLATED = "articles/undated/bai-chua-dich-ve-hop-tac-di-cu/"
TRAFFICKING = "articles/2023/trieu-pha-duong-day-mua-ban-nguoi-qua-bien-gioi/"
MOFA = "articles/2022/bo-ngoai-giao-va-iom-ky-ket-hop-tac/"
RETURNEES = "articles/2022/ho-tro-nguoi-di-cu-tro-ve/"
LANGUAGES = {"vi": "", "en": "en/"}


# ─── Pure functions ──────────────────────────────────────────────────────────────────────────

def test_folded_fields_only_where_folding_changes_something():
    entry = with_folded_fields({"location": "a/", "title": "Bộ Ngoại giao", "text": "<p>Đường dây (labour) dây</p>"})
    assert entry["folded_title"] == "bo ngoai"  # "giao" is found in the title itself
    assert "folded" not in entry  # the text's folded words are added by the browser's worker
    assert folded_words("<p>Đường dây (labour) dây</p>") == "day duong"
    decomposed = with_folded_fields({"location": "b/", "title": "thỏa", "text": "<p>thoả</p>"})
    assert decomposed["folded_title"] == folded_words("<p>thoả</p>") == "thoa"
    english = with_folded_fields({"location": "en/a/", "title": "Ministry", "text": "<p>The ring</p>"})
    assert "folded" not in english and "folded_title" not in english


def test_undeclared_folded_fields_are_an_error_naming_the_setting():
    with pytest.raises(SearchIndexError, match="plugins.search.fields must declare folded_title, folded"):
        rewritten_index({"config": {"fields": {"title": {}}}, "docs": []}, Path("."), LANGUAGES)


def test_fallback_copies_are_recognised_by_their_missing_source(tmp_path):
    (tmp_path / "en" / "articles" / "2024").mkdir(parents=True)
    (tmp_path / "en" / "articles" / "2024" / "a.md").write_text("# A\n", encoding="utf-8")
    assert not is_fallback_copy("en/articles/2024/a/#x", tmp_path, LANGUAGES)
    assert is_fallback_copy("en/articles/2024/b/", tmp_path, LANGUAGES)
    assert not is_fallback_copy("articles/2024/b/", tmp_path, LANGUAGES)


def test_feed_in_another_language_lists_only_translated_articles():
    vi = [Article("articles/2024/a.md", "vi", {"title": "A vi"}, ""), Article("articles/2024/b.md", "vi", {"title": "B vi"}, "")]
    en = {"articles/2024/a.md": Article("articles/2024/a.md", "en", {"title": "A en"}, "")}
    assert [shown.title for _, shown in feed_items(vi, en, "en")] == ["A en"]
    assert [shown.title for _, shown in feed_items(vi, en, "vi")] == ["A vi", "B vi"]
    assert page_url("https://h/", "en/", "articles/2024/a.md") == "https://h/en/articles/2024/a/"
    assert page_url("https://h/", "", "index.md") == "https://h/"


# ─── The built site ──────────────────────────────────────────────────────────────────────────

def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_search_index_is_utf8_folded_and_free_of_fallback_copies(reader_site):
    site, _ = reader_site
    raw = (site / "search" / "search_index.json").read_bytes()
    assert b"\\u1ec7" not in raw and "Việt".encode() in raw
    index = json.loads(raw)
    assert {"folded", "folded_title"} <= set(index["config"]["fields"])
    english = json.loads((site / "en" / "search" / "search_index.json").read_bytes())
    by_location = {e["location"]: e for e in index["docs"] + english["docs"]}
    assert by_location[TRAFFICKING]["folded_title"] == "ban bien day duong gioi nguoi pha triet"
    assert "folded" not in by_location["en/" + LABOUR]
    assert not any(loc.startswith("en/" + UNTRANSLATED) for loc in by_location)
    assert any(loc.startswith(UNTRANSLATED) for loc in by_location)


def test_each_language_has_a_titles_index_with_short_plain_excerpts(reader_site):
    site, _ = reader_site
    for prefix in ("", "en/"):
        full = json.loads((site / prefix / "search" / "search_index.json").read_bytes())
        titles = json.loads((site / prefix / "search" / "search_titles.json").read_bytes())
        assert [d["location"] for d in titles["docs"]] == [d["location"] for d in full["docs"]]
        assert [d["title"] for d in titles["docs"]] == [d["title"] for d in full["docs"]]
        assert all("<" not in d["text"] and len(d["text"].split()) <= 13 for d in titles["docs"])
        assert titles["config"] == full["config"]


def test_each_language_has_its_own_search_index(reader_site):
    site, _ = reader_site
    vi = json.loads((site / "search" / "search_index.json").read_bytes())
    en = json.loads((site / "en" / "search" / "search_index.json").read_bytes())
    assert (vi["config"]["lang"], en["config"]["lang"]) == (["vi"], ["en"])
    assert vi["docs"] and en["docs"]
    assert not any(e["location"].startswith("en/") for e in vi["docs"])
    assert all(e["location"].startswith("en/") for e in en["docs"])
    assert en["config"]["fields"] == vi["config"]["fields"]


def test_heading_anchors_are_readable_ascii(reader_site):
    site, _ = reader_site
    assert 'id="duong-day-xuyen-bien-gioi"' in html(site, TRAFFICKING)


def test_front_matter_is_escaped_and_unsafe_source_links_dropped(reader_site):
    site, _ = reader_site
    page = html(site, UNTRANSLATED)
    assert "<b>về</b>" not in page and "<i>Thử</i>" not in page and "<script>alert(1)" not in page
    assert any(f"&lt;i&gt;Thử&lt;/i&gt; &amp; {q}Trích dẫn{q}" in page for q in ("&#34;", "&quot;"))
    assert "javascript:" not in page
    assert "Không rõ địa chỉ bài gốc" in page


def test_head_links_hreflang_canonical_and_feed(reader_site):
    site, base = reader_site
    page = html(site, TRAFFICKING)
    assert f'<link rel="alternate" hreflang="vi" href="{base}{TRAFFICKING}">' in page
    assert f'<link rel="alternate" hreflang="en" href="{base}en/{TRAFFICKING}">' in page
    assert f'<link rel="alternate" hreflang="x-default" href="{base}{TRAFFICKING}">' in page
    assert f'<link rel="canonical" href="{base}{TRAFFICKING}">' in page
    assert 'type="application/rss+xml"' in page
    fallback = html(site, "en/" + UNTRANSLATED)
    assert '<link rel="alternate" hreflang="en"' not in fallback  # a fallback copy is no alternate
    assert f'<link rel="canonical" href="{base}{UNTRANSLATED}">' in fallback
    assert '<html lang="en"' in fallback and '<div class="article" lang="vi">' in fallback


def test_feeds_parse_and_each_is_in_its_language(reader_site):
    site, base = reader_site
    vi = ET.parse(site / "feed.xml").getroot().find("channel")
    en = ET.parse(site / "en" / "feed.xml").getroot().find("channel")
    assert vi.findtext("language") == "vi" and en.findtext("language") == "en"
    vi_titles = [i.findtext("title") for i in vi.findall("item")]
    en_titles = [i.findtext("title") for i in en.findall("item")]
    assert "Triệt phá đường dây mua bán người qua biên giới" in vi_titles
    assert 'Bài chưa dịch <b>về</b> "hợp tác" & di cư' in vi_titles
    assert "Cross-border human trafficking ring dismantled" in en_titles
    descriptions = [i.findtext("description") for i in vi.findall("item")]
    assert 'Bài viết "chưa dịch" &lt;script&gt;alert(1)&lt;/script&gt; dùng để kiểm tra.' in descriptions
    assert not any(re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", t, re.I) for t in en_titles)
    assert all(i.findtext("link").startswith(base + "en/") for i in en.findall("item"))


def test_sitemaps_per_language_and_404_pages(reader_site):
    site, base = reader_site
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    en_locs = [e.text for e in ET.parse(site / "en" / "sitemap.xml").getroot().iter(ns + "loc")]
    assert en_locs and all(loc.startswith(base + "en/") for loc in en_locs)
    assert base + "en/" + LABOUR in en_locs
    assert base + "en/" + UNTRANSLATED not in en_locs  # a fallback copy is not an English page
    merged = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="en" href="{base}en/{UNTRANSLATED}"' not in merged
    assert f'hreflang="en" href="{base}en/{LABOUR}"' in merged
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == merged
    assert '<html lang="vi"' in (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en" / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in (site / "en" / "404.html").read_text(encoding="utf-8")


def test_generated_status_pages_list_every_article_with_its_status_by_year(reader_site):
    site, _ = reader_site
    index = html(site, "en/status")
    for words in ("machine draft", "reviewed", "outdated", "not yet translated", "human translation"):
        assert words in index  # the summary counts stay on the index page
    years = sorted(re.findall(r'href="(\d{4}|undated)/"', index))
    assert "2022" in years and "2023" in years and "<table>" not in index
    rows = {}
    for year in years:
        page = html(site, f"en/status/{year}")
        for link in re.findall(r'<td><a href="([^"]+)"', page):
            assert link.startswith(f"../../articles/{year}/"), (year, link)
            rows[link] = rows.get(link, 0) + 1
    articles = {p.parent.relative_to(site / "en").as_posix() for p in (site / "en" / "articles").glob("*/*/index.html")}
    assert {link.removeprefix("../../") .rstrip("/") for link in rows} == {a for a in articles}
    assert set(rows.values()) == {1}  # each article on exactly one year page
    year_pages = " ".join(html(site, f"en/status/{year}") for year in years)
    for words in ("machine draft", "87%", "reviewed", "outdated", "not yet translated", "human translation"):
        assert words in year_pages
    indexes = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("search_index.json"))
    assert "status/2023/" not in indexes  # year pages stay out of search, like the archive's


def test_no_page_loads_anything_from_another_host(reader_site):
    site, base = reader_site
    loads = re.compile(r'<(?:script|img|iframe|source|link)\b[^>]*?(?:src|href)="(https?:)?//([^"/]+)')
    offenders = set()
    for path in site.rglob("*.html"):
        for _, host in loads.findall(path.read_text(encoding="utf-8")):
            if f"//{host}/" not in base:
                offenders.add((path.relative_to(site).as_posix(), host))
    assert offenders == set()



def status_corpus(docs: Path, per_year: int) -> None:
    for year in (2022, 2023):
        for i in range(per_year):
            path = docs / "vi" / "articles" / str(year) / f"bai-{i}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\ntitle: Bài {year} số {i}\ndate: '{year}-03-0{i % 9 + 1}'\n---\n\n# Bài\n",
                            encoding="utf-8")


def test_the_status_index_does_not_grow_with_the_number_of_articles(tmp_path):
    from scripts.pages.status import status_pages

    import shutil

    from scripts.project import Project
    from tests.support.project import REPO, generation_inputs

    sizes = []
    for per_year in (3, 30):
        root = tmp_path / str(per_year)
        shutil.copytree(REPO / "config", root / "config")
        status_corpus(root / "docs", per_year)
        pages = status_pages(generation_inputs(Project(root)))
        assert sorted(pages) == ["en/status.md", "en/status/2022.md", "en/status/2023.md",
                                 "vi/status.md", "vi/status/2022.md", "vi/status/2023.md"]
        assert pages["en/status.md"].count("](status/2023.md)") == 1
        assert pages["en/status/2023.md"].count('href="../../articles/2023/bai-') == per_year
        assert pages["en/status/2023.md"].startswith("---\nsearch:\n  exclude: true\n---\n")
        sizes.append(len(re.sub(r"\d+", "N", pages["en/status.md"])))  # counts aside
    assert sizes[0] == sizes[1]


def test_status_summaries_read_as_english_for_one_and_many():
    from scripts.pages.model import Inputs
    from scripts.pages.status import status_summary
    from tests.support.project import checkout

    inputs = Inputs(None, checkout().labels(), None)
    rows = [("a", "b", "human")] * 2 + [("a", "b", "machine-draft")]
    assert status_summary(inputs, rows[:1], "en") == "1 article: 1 human translation."
    assert status_summary(inputs, rows, "en") == "3 articles: 1 machine draft, 2 human translations."
    assert status_summary(inputs, rows, "vi") == "3 bài viết: 1 bản dịch máy, 2 bản do người dịch."
    assert status_summary(inputs, [("a", "b", "untranslated")] * 2, "en") == "2 articles: 2 not yet translated."


# ─── Every page of the built site, as a reader sees it ───────────────────────────────────────

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def visible_text(path: Path) -> tuple[str, str]:
    """(language of the page, its visible text) without the parts marked as another language (a
    fallback copy's Vietnamese text, the other language's names, the offer of the other language)."""
    import lxml.html

    root = lxml.html.parse(str(path)).getroot()
    lang = root.get("lang")
    for element in root.xpath("//script | //style | //*[@lang]"):
        if element.tag in ("script", "style") or (element.get("lang") != lang and element is not root):
            element.drop_tree()
    return lang, " ".join(root.text_content().split())


def test_every_page_shows_text_once_escaped_one_date_format_and_no_notes_for_contributors(reader_site):
    """No visible entity ("&#40;GCM&#41;"), no ISO date, each language's own date format, English
    plurals, no note meant for contributors, on every HTML page of the site."""
    site, _ = reader_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 150
    for path in pages:
        lang, text = visible_text(path)
        where = path.relative_to(site).as_posix()
        assert not re.search(r"&#?\w+;", text), (where, re.search(r".{30}&#?\w+;.{30}", text))
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), (where, re.search(r".{30}\d{4}-\d{2}-\d{2}.{10}", text))
        assert "(s)" not in text and "Date unknown" not in text, where
        assert "do not edit" not in text and "đừng sửa" not in text, where
        if lang == "en":
            assert not re.search(r"\b\d{2}/\d{2}/\d{4}\b", text), (where, re.search(r".{30}\d{2}/\d{2}/\d{4}", text))
        else:
            assert not re.search(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}\b", text), where
            assert "Initializing search" not in text and "matching documents" not in text, where


def test_search_results_of_articles_carry_their_date_and_outlet(reader_site):
    site, _ = reader_site
    for prefix, date in (("", "20/09/2023 · "), ("en/", "20 September 2023 · ")):
        for name in ("search_index.json", "search_titles.json"):
            entries = json.loads((site / prefix / "search" / name).read_bytes())["docs"]
            labour = next(e for e in entries if e["location"] == prefix + LABOUR)
            assert labour["meta"].startswith(date) and len(labour["meta"]) > len(date), (prefix, name, labour["meta"])
            assert not [e for e in entries if "meta" in e and not re.match(rf"{prefix}articles/[^/]+/[^/]+/$", e["location"])]


SIDE = "articles/2021/ho-tro-lao-dong-di-cu-hoi-huong/"


def test_an_article_links_its_side_by_side_view_in_both_languages(reader_site):
    site, base = reader_site
    for prefix, words in (("", "Song ngữ"), ("en/", "Side by side")):
        page = html(site, prefix + SIDE)
        assert (f'<a class="article-facts__side-by-side" href="../../../side-by-side/?a={SIDE}">{words}</a>'
                in page), prefix
        view = html(site, prefix + "side-by-side")
        assert '<meta name="robots" content="noindex">' in view and 'id="side-by-side-view"' in view
        assert "side-by-side.js" in view and "side-by-side.js" not in page
    marked = html(site, "en/" + SIDE)
    assert marked.count("data-origin=") == 4 and 'data-origin="pending"' in marked
    assert html(site, SIDE).count("data-seg=") == 4
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8") + (site / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert "side-by-side" not in sitemap
    indexes = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("search_index.json"))
    assert '"side-by-side/' not in indexes and '"en/side-by-side/' not in indexes


def test_an_article_shows_where_it_is_and_the_articles_of_its_year(reader_site):
    site, _ = reader_site
    page = html(site, "en/" + MOFA)  # 2022: the Ministry's (March), then the returnees' (August)
    crumbs = page.split('class="site-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs) == [("../../", "Articles"), ("../", "2022")]
    footer = page.split('<footer class="md-footer">', 1)[1]
    assert 'rel="next"' in footer and 'rel="prev"' not in footer
    assert "Next article (2022)" in footer and "Helping returning migrants reintegrate" in footer
    returnees = html(site, RETURNEES).split('<footer class="md-footer">', 1)[1]
    assert 'rel="prev"' in returnees and "Bài trước (2022)" in returnees and 'rel="next"' not in returnees


def test_every_page_says_whose_site_it_is_where_articles_come_from_the_licence_and_how_to_contribute(reader_site):
    site, _ = reader_site
    for prefix, words in (("", ("không thuộc IOM", "báo điện tử Việt Nam", "CC BY 4.0", "Cách đóng góp")),
                          ("en/", ("not affiliated with IOM", "Vietnamese online newspapers", "CC BY 4.0",
                                   "How to contribute"))):
        for path in ("", "glossary/iom", LABOUR.rstrip("/"), "status/2023"):
            footer = html(site, prefix + path).split('<section class="site-footer"', 1)[1].split("</section>", 1)[0]
            assert all(w in footer for w in words), (prefix, path)
            assert 'rel="license"' in footer and "about/#contribute" in footer
    assert 'id="contribute"' in html(site, "about") and 'id="contribute"' in html(site, "en/about")
    assert "Made with" not in html(site, "")


def test_the_language_offer_is_in_the_other_language_and_only_where_the_page_exists_in_it(reader_site):
    site, _ = reader_site
    offer = re.compile(r'<div class="language-offer" data-language-offer="(\w+)" lang="(\w+)"[^>]*hidden>'
                       r'\s*<p>([^<]+)<a class="language-offer__go" href="([^"]+)" hreflang="(\w+)">')
    english = offer.search(html(site, "en/" + LABOUR))
    assert english.group(1, 2, 5) == ("vi", "vi", "vi") and "Trang này cũng có bằng tiếng Việt" in english.group(3)
    assert english.group(4) == "../../../../" + LABOUR
    vietnamese = offer.search(html(site, LABOUR))
    assert vietnamese.group(1) == "en" and "This page is also available in English" in vietnamese.group(3)
    assert 'class="language-offer"' not in html(site, UNTRANSLATED)  # no English page to offer
    assert offer.search(html(site, "glossary/iom")).group(1) == "en"


def test_english_pages_write_vietnamese_names_without_diacritics(reader_site):
    site, _ = reader_site
    assert "Thanh Binh" in html(site, "en/" + TRAFFICKING).split('class="article-facts"', 1)[1].split("</ul>", 1)[0]
    assert "Thanh Bình" in html(site, TRAFFICKING)
    feed = (site / "en" / "feed.xml").read_text(encoding="utf-8")
    assert "Thanh Binh" in feed and "Thanh Bình" not in feed


def test_every_link_between_pages_of_the_site_leads_to_a_page(reader_site):
    """Links written as HTML by the generators (term pages' article lists, status tables) are not
    checked by MkDocs: the built site's internal links all resolve."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    site, _ = reader_site
    broken = []
    for path in site.rglob("*.html"):
        folder = posixpath.dirname(path.relative_to(site).as_posix())
        # not "/…": the root links of the 404 pages, which are served at any address
        for href in re.findall(r'<a [^>]*href="([^"#?/][^"]*)"', path.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
            if not ((site / target).is_file() or (site / target / "index.html").is_file()):
                broken.append((path.relative_to(site).as_posix(), href))
    assert broken == []


def test_a_dirty_builds_index_updates_the_pages_it_built_and_keeps_the_others():
    """The preview's dirty build indexes only the pages it built again: their entries (page and
    sections) replace the old ones where they were, a new page comes last, the others stay."""
    from scripts.build.search_index import updated_index

    old = {"config": {"lang": ["vi"]}, "docs": [
        {"location": "a/", "title": "A"}, {"location": "a/#s", "title": "A, section"},
        {"location": "b/", "title": "B"}, {"location": "c/", "title": "C"}]}
    new = {"config": {"lang": ["vi"], "new": 1}, "docs": [
        {"location": "b/", "title": "B edited"}, {"location": "b/#t", "title": "B, new section"},
        {"location": "d/", "title": "D"}]}
    merged = updated_index(old, new)
    assert [e["title"] for e in merged["docs"]] == ["A", "A, section", "B edited", "B, new section", "C", "D"]
    assert merged["config"] == new["config"]
    # A page rebuilt without its sections loses the old ones.
    assert [e["location"] for e in updated_index(old, {"docs": [{"location": "a/", "title": "A2"}]})["docs"]] == \
        ["a/", "b/", "c/"]
