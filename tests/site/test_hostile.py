"""Hostile input end to end: dumps full of markup go through ingest, translate and a real strict
build; the HTML is scanned for scripts, event handlers and dangerous links, and every hostile
string must be visible as text. Broken files: one error line each, the rest of the batch goes on."""
from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from html import unescape
from pathlib import Path

import lxml.html
import pytest
import yaml

from scripts.core import frontmatter
from scripts.core.schema import Document
from scripts.ingest.batch import ingest as run_ingest
from scripts.ingest.rules import load_rules
from scripts.project import Project
from scripts.translate import translate_all as run_translate
from scripts.translate.engines import make_engine, settings_from
from tests.support.project import REPO as ROOT
from tests.support.project import copy_project, mkdocs_build, rules
from tests.support.libre_server import LibreServer
from tests.support.translation_project import FAST

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"
MARKUP_SOURCE = "sources/markup-everywhere.txt"
MARKUP_TITLE = ("Cảnh báo <script>alert(1)</script> và <img src=x onerror=alert(1)> trong tiêu đề "
                "<b>bold</b>")
MARKUP_AUTHOR = "<img src=x onerror=alert(1)> Nguyễn {{ config.site_name }}"
MARKUP_OUTLET = '<script>alert("outlet")</script> Báo [x](javascript:alert(1))'
# What the body of sources/markup-everywhere.txt must show, character for character. "&lt;" in a
# scraped dump is the character "<" (the scraper copied HTML source), so it shows as "<".
BODY_STRINGS = [
    "Đoạn mở đầu có <script>alert(1)</script> và <img src=x onerror=alert(1)> cùng <b>bold</b>",
    "Một liên kết [x](javascript:alert(1)) và ảnh "
    "![](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) nằm giữa câu.",
    "# Dòng bắt đầu bằng dấu thăng không được thành tiêu đề",
    "title: giả mạo phần đầu trang bằng ba gạch ngang",
    "| cột một | cột hai | là một dòng bảng",
    "Chú thích <!-- không phải chú thích HTML --> nằm giữa câu",
    'Mẫu {{ config }} và {% include "base.html" %} không được chạy',
    "Danh sách thuộc tính {: .cls onclick=x } không được gắn",
    "Thực thể <script> đã mã hóa và dấu &lt; kép",
    'Liên kết <a href="javascript:alert(1)">bấm vào đây</a> và <svg onload=alert(1)> phải là chữ.',
    'Khung <iframe src="javascript:alert(1)"></iframe> và <style>body{display:none}</style> cũng là chữ.',
    "Địa chỉ <javascript:alert(1)> và [tham chiếu][r] với dấu gạch chéo ngược \\ vẫn là chữ.",
    "[r]: javascript:alert(1)",
    "*[IOM]: <script>alert(1)</script> định nghĩa viết tắt giả",
    '!!! note "khối cảnh báo giả mạo nằm trong bài viết này."',
]
# Titles of the bad-path dumps (first line of each file).
PATH_TITLES = {
    "dot-dot.txt": "../../x",
    "etc-passwd.txt": "/etc/passwd",
    "punctuation.txt": "!!! ??? ... ---",
    "con.txt": "CON",
    "index.txt": "index",
    "same-title-1.txt": "Cùng một tiêu đề",
    "same-title-2.txt": "Cùng một tiêu đề",
    "template-title.txt": "{{ config }} {% include 'x' %} {: .cls onclick=x } <!-- c -->",
    "link-title.txt": "[x](javascript:alert(1)) ![](data:text/html;base64,PHNjcmlwdD4=) <",
}
RESERVED = {"index", "con", "prn", "aux", "nul", "search", "assets", "404", "sitemap", "en", "vi"}
DANGEROUS = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset"}


class ingest:  # noqa: N801 - reads as the stage
    @staticmethod
    def ingest(root, paths=None):
        return run_ingest(Project(root), paths)


def translate_all(root, engine, paths=None):
    return run_translate(Project(root), engine, paths=paths)


def bare_project(root: Path) -> Project:
    """A project with the checkout's settings, an empty sources/ and no articles."""
    shutil.copytree(ROOT / "config", root / "config")
    (root / "sources").mkdir()
    (root / "docs" / "vi" / "articles").mkdir(parents=True)
    return Project(root)


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", *args, "--root", str(root)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def heading_text(root) -> str:
    """The text of the article's <h1>, without the permalink sign."""
    [h1] = copy.deepcopy(root.xpath("//div[@class='article']/h1"))
    for link in h1.xpath(".//a[contains(@class, 'headerlink')]"):
        link.drop_tree()
    return text_of(h1)


# ─── The hostile site: ingest, translate (engine answers with markup), build ─────────────

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(project, site, {source: record}) of the project plus the hostile dumps, built for real."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for path in (HOSTILE / "sources").iterdir():
        shutil.copy(path, project / "sources" / path.name)
    shutil.copy(HOSTILE / "glossary" / "terms" / "chuyen-gia.yml", project / "glossary" / "terms" / "chuyen-gia.yml")
    result = cli(project, "ingest", "--json")
    records = {r["source"]: r for r in map(json.loads, result.stdout.splitlines())}
    refused = [source for source, r in records.items() if r["status"].startswith("error")]
    assert refused == ["sources/long-title.txt"], result.stdout  # a 504-character title is not a title (F26)
    assert records["sources/long-title.txt"]["status"].startswith("error the title is 504 characters long, the limit is 300")
    page = project / records[MARKUP_SOURCE]["page"]
    meta, body = frontmatter.read(page)  # a contributor files the article under a topic
    page.write_text(frontmatter.join({**meta, "topics": ["thoa-thuan-gcm"]}, body), encoding="utf-8")
    with LibreServer() as server:
        engine = make_engine("libre", settings_from(Document(FAST, 'test')), url=server.url, api_key="k", env={})
        server.set("markup")
        translate_all(project, engine, paths=[str(page)])
        server.set("lose-placeholder")
        link_page = project / records["sources/link-title.txt"]["page"]
        translate_all(project, engine, paths=[str(link_page)])
    site = project / "site"
    mkdocs_build(project, site)
    return project, site, records


def built_page(site: Path, page_rel: str, lang: str = "vi") -> lxml.html.HtmlElement:
    """The parsed HTML of the page built from docs/vi/<…>.md in `lang`."""
    rel = Path(page_rel).relative_to("docs/vi").with_suffix("")
    folder = site / ("en" if lang == "en" else "") / rel
    return lxml.html.parse(str(folder / "index.html")).getroot()


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def script_signature(script) -> str:
    """What identifies a <script> of the theme regardless of the page's depth."""
    if script.get("src"):
        return "src:" + re.sub(r"^(\.\./)+|^\./", "", script.get("src"))
    if script.get("id"):
        return f"id:{script.get('id')}:{script.get('type')}"
    return "inline:" + re.sub(r'"(\.\./)*\.\.?/?"', '"."', script.text or "")[:200]


def scripts_of(site: Path) -> set[str]:
    return {script_signature(s) for p in html_pages(site) for s in lxml.html.parse(str(p)).getroot().iter("script")}


def test_the_only_scripts_are_the_themes_own(hostile, built_site):
    _, site, _ = hostile
    assert scripts_of(site) <= scripts_of(built_site)


def test_no_event_handler_attributes_and_no_dangerous_links(hostile):
    _, site, _ = hostile
    found = []
    for path in html_pages(site):
        for element in lxml.html.parse(str(path)).getroot().iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in {"iframe", "object", "embed", "base"} or (element.tag == "form" and not (
                    element.get("name") == "search" or element.get("data-md-component") == "palette")):
                found.append((path, element.tag))  # Material's own forms: the search box and the palette
            for name, value in element.attrib.items():
                if name.lower().startswith("on"):
                    found.append((path, element.tag, name))
                if name.lower() in URL_ATTRIBUTES and DANGEROUS.match(unescape(value)):
                    found.append((path, element.tag, name, value))
    assert found == []


def test_every_hostile_string_of_the_article_is_visible_text(hostile):
    _, site, records = hostile
    root = built_page(site, records[MARKUP_SOURCE]["page"])
    article = " ".join(root.xpath("string(//div[@class='article'])").split())
    for text in BODY_STRINGS:
        assert " ".join(text.split()) in article, text
    assert heading_text(root) == MARKUP_TITLE
    assert text_of(root.find(".//title")).startswith(MARKUP_TITLE + " - ")
    assert text_of(root.xpath("//*[@data-md-component='header-topic']")[0]) == MARKUP_TITLE
    facts = text_of(root.xpath("//ul[@class='article-facts']")[0])
    assert MARKUP_AUTHOR in facts and MARKUP_OUTLET in facts
    assert root.xpath("//meta[@name='author']/@content") == [MARKUP_AUTHOR]
    assert root.xpath("//meta[@name='description']/@content")[0].startswith("Đoạn mở đầu có <script>")
    assert root.xpath("//a[@class='article-facts__source']/@href") == ["https://example.org/bai?a=1&b=2#x"]


def test_bad_path_titles_are_visible_on_their_pages_and_in_the_archive(hostile):
    _, site, records = hostile
    archive = text_of(lxml.html.parse(str(site / "articles" / "undated" / "index.html")).getroot())
    for name, title in PATH_TITLES.items():
        root = built_page(site, records[f"sources/{name}"]["page"])
        assert heading_text(root) == " ".join(title.split()), name
        assert text_of(root.find(".//title")).startswith(" ".join(title.split())), name
        assert " ".join(title.split()) in archive, name


def test_the_topic_page_lists_the_hostile_title_as_text(hostile):
    _, site, _ = hostile
    topic = lxml.html.parse(str(site / "topics" / "thoa-thuan-gcm" / "index.html")).getroot()
    assert MARKUP_TITLE in text_of(topic)


def test_a_hostile_glossary_term_is_text_in_tooltips_and_on_its_glossary_pages(hostile):
    _, site, records = hostile
    term = yaml.safe_load((HOSTILE / "glossary" / "terms" / "chuyen-gia.yml").read_text(encoding="utf-8"))
    root = built_page(site, records["sources/con.txt"]["page"])
    assert term["definition_vi"] in root.xpath("//div[@class='article']//a[contains(@href, 'glossary/chuyen-gia/')]/@title")
    glossary = text_of(lxml.html.parse(str(site / "glossary" / "chuyen-gia" / "index.html")).getroot())
    assert term["definition_vi"] in glossary
    english = text_of(lxml.html.parse(str(site / "en" / "glossary" / "chuyen-gia" / "index.html")).getroot())
    assert term["definition_en"] in english and term["en"] in english
    assert term["en"] in text_of(lxml.html.parse(str(site / "en" / "glossary" / "index.html")).getroot())


def test_search_index_titles_are_escaped_text(hostile):
    _, site, _ = hostile
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = [d["title"] for d in docs if "alert" in d["title"]]
    assert titles
    for title in titles:  # Material renders these as HTML: no element may come out of them
        fragment = lxml.html.fragment_fromstring(f"<p>{title}</p>")
        assert len(fragment) == 0, title
    shown = {" ".join(lxml.html.fragment_fromstring(f"<p>{t}</p>").text_content().split()) for t in titles}
    assert MARKUP_TITLE in shown


def test_rss_titles_are_text_and_parse_as_xml(hostile):
    _, site, _ = hostile
    feed = ET.parse(site / "feed.xml").getroot()
    titles = [item.findtext("title") for item in feed.iter("item")]
    assert MARKUP_TITLE in titles


def test_rss_descriptions_are_html_escaped(hostile):
    _, site, _ = hostile
    feed = ET.parse(site / "feed.xml").getroot()
    for item in feed.iter("item"):
        html = item.findtext("description") or ""
        assert len(lxml.html.fragment_fromstring(f"<p>{html}</p>")) == 0, html


def test_engine_markup_and_a_lost_placeholder_stay_text_in_english(hostile):
    project, site, records = hostile
    root = built_page(site, records[MARKUP_SOURCE]["page"], "en")
    article = " ".join(root.xpath("string(//div[@class='article'])").split())
    assert "<script>alert(1)</script> **bold** [click](javascript:alert(1))" in article
    assert "# Heading" in article
    link_rel = records["sources/link-title.txt"]["page"]
    meta, body = frontmatter.read(project / link_rel.replace("docs/vi/", "docs/en/"))
    assert meta["translation"]["pending"] >= 1 and "⟦" not in body  # the segment failed, shown in Vietnamese
    root = built_page(site, link_rel, "en")
    assert heading_text(root).endswith(PATH_TITLES["link-title.txt"])


def test_slugs_are_safe_bounded_unique_and_inside_docs(hostile):
    project, _, records = hostile
    docs = (project / "docs").resolve()
    pages = [r["page"] for r in records.values() if r["status"] == "created"]
    assert len(pages) == len(set(pages)) == len(PATH_TITLES) + 1
    for page in pages:
        path = (project / page).resolve()
        assert docs in path.parents
        assert re.fullmatch(r"docs/vi/articles/(\d{4}|undated)/[a-z0-9]+(-[a-z0-9]+)*\.md", page), page
        stem = Path(page).stem
        assert len(stem) <= 100 and stem not in RESERVED, page


def test_a_contributors_javascript_source_url_is_never_a_link(hostile, tmp_path):
    project, _, records = hostile
    (tmp_path / "p").mkdir()
    other = copy_project(tmp_path / "p")
    rel = records["sources/con.txt"]["page"]
    shutil.copy(project / rel, other / rel)
    meta, body = frontmatter.read(other / rel)
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", " JaVaScRiPt:alert(1)",
                "https://x.org/\"><script>alert(1)</script>"):
        (other / rel).write_text(frontmatter.join({**meta, "source_url": url}, body), encoding="utf-8")
        mkdocs_build(other, tmp_path / "site")
        root = built_page(tmp_path / "site", rel)
        assert root.xpath("//a[@class='article-facts__source']") == [], url
        assert not root.xpath("//script[contains(., 'alert')]"), url


# ─── Hostile sidecars ────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("name, reason", [
    ("javascript-url", "field 'source_url': expected an http:// or https:// address"),
    ("markup-url", "field 'source_url': expected an http:// or https:// address"),
    ("python-tag", "a.txt.meta.yml:3: not valid YAML"),
    ("malformed", "a.txt.meta.yml:"),
    ("not-text", "field 'author': expected"),
])
def test_a_hostile_sidecar_is_refused_naming_the_file(tmp_path, name, reason):
    bare_project(tmp_path)
    raw = tmp_path / "sources" / "a.txt"
    shutil.copy(HOSTILE / "sources" / "con.txt", raw)
    shutil.copy(HOSTILE / "bad_sidecars" / f"{name}.meta.yml", tmp_path / "sources" / "a.txt.meta.yml")
    result = cli(tmp_path, "ingest")
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: sources/a.txt: ") and "a.txt.meta.yml" in line and reason in line, line
    assert not list((tmp_path / "docs").rglob("*.md"))


# ─── Broken files ────────────────────────────────────────────────────────────────────────

GOOD = (HOSTILE / "sources" / "etc-passwd.txt").read_bytes()


def broken_files(limit: int) -> dict[str, tuple[bytes | None, str]]:
    """name → (bytes, or None for a special entry, expected start of the reason)."""
    text = GOOD.decode("utf-8")
    return {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b" \n\t\n", "empty"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary: the file is a PNG image"),
        "random.txt": (bytes((i * 7919 + 13) % 256 for i in range(4096)), "binary"),
        "oversize.txt": (GOOD + b"x" * (limit + 1 - len(GOOD)), "too large"),
        "truncated.txt": (text.encode("utf-8") + "ư".encode("utf-8")[:1], "truncated"),
        "mixed.txt": (text.encode("utf-8") + "\nMột dòng cp1258: ".encode("utf-8") + "đâu".encode("cp1258"),
                      "invalid UTF-8"),
        "nul.txt": (text.encode("utf-8").replace(b"\n\n", b"\n\x00\n", 1), "binary"),
        "long-line.txt": (text.encode("utf-8") + b"\n" + "Ảnh: ".encode("utf-8") * 20_000,
                          f"line {len(GOOD.splitlines()) + 2} is 100,000 characters long, the limit is 50,000"),
        "folder.txt": (None, "a directory, not a file"),
        "cut.html": (b"<html><body><p>" + "Một câu dài. ".encode("utf-8") * 50, "truncated"),
    }


def test_each_broken_file_is_one_error_line_and_the_batch_goes_on(tmp_path):
    bare_project(tmp_path)
    (tmp_path / "sources" / "good.txt").write_bytes(GOOD)
    cases = broken_files(rules().max_input_bytes)
    for name, (data, _) in cases.items():
        if data is None:
            (tmp_path / "sources" / name).mkdir()
        else:
            (tmp_path / "sources" / name).write_bytes(data)
    result = cli(tmp_path, "ingest")
    assert result.returncode == 1
    errors = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in result.stderr.splitlines()}
    assert set(errors) == {f"sources/{name}" for name in cases}, result.stderr
    for name, (_, reason) in cases.items():
        assert errors[f"sources/{name}"].startswith(reason), (name, errors[f"sources/{name}"])
    written = list((tmp_path / "docs").rglob("*.md"))
    assert [p.name for p in written] == ["etc-passwd.md"]


def test_the_size_limit_is_a_setting(tmp_path):
    bare_project(tmp_path)
    (tmp_path / "a.txt").write_bytes(GOOD)
    from scripts.ingest.batch import ingest_file
    from scripts.ingest.site_index import Site

    small = replace(rules(), max_input_bytes=len(GOOD) - 1)
    record = ingest_file(tmp_path / "a.txt", Site(Project(tmp_path)), small)
    assert record.status == f"error too large: {len(GOOD):,} bytes, the limit is {len(GOOD) - 1:,}"


def test_special_files_are_refused_without_reading_them(tmp_path):
    bare_project(tmp_path)
    os.mkfifo(tmp_path / "sources" / "pipe.txt")  # reading it would block for ever
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_bytes(GOOD)
    (tmp_path / "sources" / "escape.txt").symlink_to(outside)
    (tmp_path / "sources" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    try:
        result = cli(tmp_path, "ingest")
    finally:
        outside.unlink()
    assert result.returncode == 1
    assert sorted(result.stderr.splitlines()) == [
        "error: sources/dangling.txt: no such file",
        f"error: sources/escape.txt: not under the repository {tmp_path}: copy it into sources/ first",
        "error: sources/pipe.txt: not a regular file (a pipe, socket or device)",
    ]
    assert not list((tmp_path / "docs").rglob("*.md"))


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root (CI): chmod 000 does not stop root from "
                                               "reading a file, so an unreadable file cannot be made")
def test_an_unreadable_file_is_one_error_line(tmp_path):
    bare_project(tmp_path)
    locked = tmp_path / "sources" / "locked.txt"
    locked.write_bytes(GOOD)
    locked.chmod(0)
    try:
        result = cli(tmp_path, "ingest")
    finally:
        locked.chmod(0o644)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["error: sources/locked.txt: cannot read the file: permission denied"]


# ─── YAML: safe loaders, errors with file and line ──────────────────────────────────────

def test_a_glossary_term_with_a_python_tag_is_refused_with_file_and_line(tmp_path):
    from scripts.glossary.terms import GlossaryError, load_terms

    (tmp_path / "glossary" / "terms").mkdir(parents=True)
    shutil.copy(HOSTILE / "yaml" / "term-python-tag.yml", tmp_path / "glossary" / "terms" / "term-python-tag.yml")
    with pytest.raises(GlossaryError, match=r"term-python-tag\.yml:4: not valid YAML: could not determine a constructor"):
        load_terms(Project(tmp_path))


def test_a_malformed_topic_is_refused_with_file_and_line(tmp_path):
    from scripts.glossary.terms import GlossaryError
    from scripts.glossary.topics import load_topics

    (tmp_path / "glossary" / "topics").mkdir(parents=True)
    shutil.copy(HOSTILE / "yaml" / "topic-malformed.yml", tmp_path / "glossary" / "topics" / "topic-malformed.yml")
    with pytest.raises(GlossaryError, match=r"topic-malformed\.yml:4: not valid YAML"):
        load_topics(Project(tmp_path), set())


def test_a_glossary_file_that_is_not_utf8_is_refused_with_its_name(tmp_path):
    from scripts.glossary.terms import GlossaryError, load_terms

    (tmp_path / "glossary" / "terms").mkdir(parents=True)
    (tmp_path / "glossary" / "terms" / "latin.yml").write_bytes("id: latin\nvi: Vi\xeat\n".encode("latin-1"))
    with pytest.raises(GlossaryError, match=r"latin\.yml"):
        load_terms(Project(tmp_path))


def test_malformed_front_matter_and_cleaning_rules_name_file_and_line():
    from scripts.ingest.rules import RulesError

    with pytest.raises(frontmatter.FrontMatterError, match=r"page-malformed\.md: front matter is not valid YAML: line 4,"):
        frontmatter.read(HOSTILE / "yaml" / "page-malformed.md")
    with pytest.raises(RulesError, match=r"cleaning-malformed\.yml:4: not valid YAML: "):
        load_rules(HOSTILE / "yaml" / "cleaning-malformed.yml")


def test_a_page_with_broken_front_matter_stops_ingest_for_that_page_only(tmp_path):
    bare_project(tmp_path)
    (tmp_path / "docs" / "vi" / "articles" / "2024").mkdir(parents=True)
    broken = tmp_path / "docs" / "vi" / "articles" / "2024" / "hong.md"
    shutil.copy(HOSTILE / "yaml" / "page-malformed.md", broken)
    before = broken.read_bytes()
    (tmp_path / "sources" / "good.txt").write_bytes(GOOD)
    result = cli(tmp_path, "ingest")
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["error: docs/vi/articles/2024/hong.md: front matter is not valid YAML: "
                                          "line 4, column 9: did not find expected ',' or ']'"]
    assert broken.read_bytes() == before and (tmp_path / "docs/vi/articles/undated/etc-passwd.md").is_file()


def test_a_build_with_broken_front_matter_fails_with_one_clear_line(tmp_path):
    project = copy_project(tmp_path)
    shutil.copy(HOSTILE / "yaml" / "page-malformed.md", project / "docs" / "vi" / "articles" / "2024" / "hong.md")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "hong.md: front matter is not valid YAML: line 4, column 9" in result.stderr
