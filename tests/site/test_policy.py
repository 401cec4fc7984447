"""What the site accepts from each input (scripts/core/policy.py), end to end: the findings of the
security probe (../shared/reviews/security-2026-11.md) tried again as it describes them. Front matter
is data, page text holds no live markup, nothing outside the repository is read or written, no cache
runs code, and one bad input never stops the site."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest

from scripts.core import frontmatter
from tests.support.project import FIXTURES, REPO, copy_project, mkdocs_build, run_cli

EN = "docs/en/articles/2024/iom-tiep-tuc-ho-tro-viet-nam-trien-khai-thoa-thuan-gcm.md"
VI = "docs/vi/articles/2024/iom-tiep-tuc-ho-tro-viet-nam-trien-khai-thoa-thuan-gcm.md"
VI_UNDATED = "docs/vi/articles/undated/viet-nam-danh-gia-cao-vai-tro-cua-iom-trong-cac-van-de-di-cu.md"
HTML_EN = "en/articles/2024/iom-tiep-tuc-ho-tro-viet-nam-trien-khai-thoa-thuan-gcm/index.html"
HTML_VI = "articles/2024/iom-tiep-tuc-ho-tro-viet-nam-trien-khai-thoa-thuan-gcm/index.html"
POST_EDIT = "Edited <img src=x onerror=alert(document.title)> and [a link](javascript:alert(1))."


def set_meta(path: Path, **values) -> None:
    text = path.read_text(encoding="utf-8")
    head = "".join(f"{key}: {value}\n" for key, value in values.items())
    path.write_text(text.replace("---\n", "---\n" + head, 1), encoding="utf-8")


def add_paragraph(path: Path, paragraph: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{paragraph}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    """The fixture site with hostile front matter and post-edits (F1, F2, F6, F8, F10), built for real."""
    project = copy_project(tmp_path_factory.mktemp("policy"), translations=True)
    en, vi, undated = project / EN, project / VI, project / VI_UNDATED
    set_meta(en, template="redirect.html", location="'javascript:alert(document.domain)'")  # F1
    set_meta(vi, hide="[navigation]")
    en.write_text(en.read_text(encoding="utf-8").replace(
        "title: IOM", "title: {x: '<img src=x onerror=alert(2)>'}\nold_title: IOM", 1), encoding="utf-8")  # F2
    undated.write_text(undated.read_text(encoding="utf-8").replace(
        "title: ", "title: ['<img src=x onerror=alert(document.domain)>']\nold_title: ", 1), encoding="utf-8")
    add_paragraph(en, POST_EDIT)  # F6
    add_paragraph(vi, "Một đoạn có <script>alert(1)</script> và <iframe src=\"javascript:alert(2)\"></iframe>.")
    site = project / "site"
    mkdocs_build(project, site)
    return project, site


def test_front_matter_cannot_change_a_pages_template_or_redirect_it(hostile_pages):
    """F1: `template: redirect.html` and `location: javascript:…` are not acted on."""
    _, site = hostile_pages
    html = (site / HTML_EN).read_text(encoding="utf-8")
    assert "location.replace" not in html and "javascript:alert(document.domain)" not in html
    assert 'class="md-content"' in html  # the article's own template


def test_a_title_that_is_not_text_is_never_printed(hostile_pages):
    """F2: a list or mapping title is not printed raw (nor as escaped text: it is not a title)."""
    _, site = hostile_pages
    for page in (HTML_EN, "articles/undated/viet-nam-danh-gia-cao-vai-tro-cua-iom-trong-cac-van-de-di-cu/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "onerror=alert" not in html.replace("&lt;", "<").replace("&#39;", "'") or "<img src=x" not in html, page
        root = lxml.html.fromstring(html)
        assert not root.xpath("//img[@onerror]"), page


def test_raw_html_and_script_links_in_page_text_are_inert(hostile_pages):
    """F6: a post-edit's raw HTML and javascript: link, and a Vietnamese edit's script and frame, are
    not live: no element, attribute or link of theirs reaches the page; the rest of the text stays."""
    _, site = hostile_pages
    for page in (HTML_EN, HTML_VI):
        root = lxml.html.parse(str(site / page)).getroot()
        article = root.xpath("//article")[0]
        assert not article.xpath(".//script | .//iframe | .//img[@onerror] | .//*[@onerror]"), page
        assert not [a for a in article.xpath(".//a/@href") if a.strip().lower().startswith("javascript:")], page
    english = lxml.html.parse(str(site / HTML_EN)).getroot().xpath("//article")[0].text_content()
    assert "Edited" in english and "a link" in english


def test_check_names_each_page_and_what_it_may_not_hold(hostile_pages):
    project, _ = hostile_pages
    result = run_cli("check", "--only", "pages", "--json", root=project)
    assert result.returncode == 1
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    by_file: dict[str, list[str]] = {}
    for finding in findings:
        by_file.setdefault(finding["file"], []).append(f"{finding['field']}: {finding['message']}")
    en, vi = " | ".join(by_file[EN]), " | ".join(by_file[VI])
    assert "template: not a field of this page" in en
    assert "location: not a field" in en and "title: expected text, found dict" in en
    assert "raw HTML <img…>" in en and "a link to javascript:" in en
    assert "hide: not a field" in vi and "raw HTML <script…>" in vi and "raw HTML <iframe…>" in vi
    assert "title: expected text, found list" in " | ".join(by_file[VI_UNDATED])


@pytest.mark.slow
def test_a_page_linked_to_a_file_outside_the_repository_is_not_published(tmp_path):
    """F3: a docs/ link to /proc/self/environ stops the build with one line, and `check` names it."""
    project = copy_project(tmp_path / "p")
    link = project / "docs" / "vi" / "articles" / "2024" / "ghi-chu.md"
    link.symlink_to("/proc/self/environ")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", FAKE_CI_TOKEN="ghp_FAKE_0123"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/vi/articles/2024/ghi-chu.md: a symbolic link (to /proc/" in result.stderr
    assert not any("ghp_FAKE_0123" in p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*.*")
                   if p.is_file()) if (tmp_path / "site").exists() else True
    check = run_cli("check", "--only", "pages", root=project)
    assert check.returncode == 1 and "docs/vi/articles/2024/ghi-chu.md: a symbolic link" in check.stdout


@pytest.mark.parametrize("linked", ["docs/en/articles/2024", "translations/memory/articles/undated"])
def test_the_pipeline_never_writes_through_a_folder_linked_out_of_the_repository(tmp_path, linked):
    """F3, write side: a committed folder link under docs/en or translations/ is refused, nothing is
    written outside."""
    project = copy_project(tmp_path / "p", translations=True)
    outside = tmp_path / "outside"
    folder = project / linked
    shutil.copytree(folder, outside)
    before = {p.name: p.read_bytes() for p in outside.iterdir()}
    shutil.rmtree(folder)
    folder.symlink_to(outside, target_is_directory=True)
    for page in (project / "docs" / "vi" / "articles").rglob("*.md"):  # every article changes: all rewritten
        page.write_text(page.read_text(encoding="utf-8").replace("Việt Nam", "Viet-Nam"), encoding="utf-8")
    result = run_cli("update", root=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "through a symbolic link" in result.stderr and "remove the link" in result.stderr
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(tmp_path):
    """F4: a committed `.pipeline.lock -> .git/HEAD` must not be truncated."""
    project = copy_project(tmp_path / "p")
    target = tmp_path / "HEAD"
    target.write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / ".pipeline.lock").symlink_to(target)
    for command in ("update", "ingest"):
        result = run_cli(command, root=project)
        assert result.returncode == 2, result.stderr
        assert ".pipeline.lock: a symbolic link where the lock file goes; remove it" in result.stderr
    assert target.read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (project / ".pipeline.lock").is_symlink()


def test_no_cache_is_loaded_as_code(tmp_path):
    """F5: the site data is cached as JSON; a planted pickle is never read, a tampered JSON is
    only data that fails its digest and is read afresh."""
    project = copy_project(tmp_path / "p")
    (project / ".cache").mkdir()
    marker = tmp_path / "pwned"
    payload = (f"import os, pickle\nclass P:\n    def __reduce__(self): return (os.system, ('touch {marker}',))\n"
               f"open({str(project / '.cache' / 'site-data.pickle')!r}, 'wb').write(pickle.dumps(P()))\n")
    subprocess.run([sys.executable, "-c", payload], check=True)
    (project / ".cache" / "site-data.json").write_text('{"digest": "x", "data": {"__class__": "os.system"}}')
    result = run_cli("pages", root=project)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert json.loads((project / ".cache" / "site-data.json").read_text(encoding="utf-8"))["digest"] != "x"


def bomb(depth: int) -> str:
    """A YAML alias bomb (the probe's): a few hundred bytes that stand for 10**depth strings."""
    lines = ["x: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, depth + 1)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_once_wherever_it_is(tmp_path):
    """F7: in a sidecar, a term file, a memory file and front matter: one line each, in seconds."""
    project = copy_project(tmp_path / "p", translations=True)
    shutil.copy(FIXTURES / "ingest" / "dump_chrome.txt", project / "sources" / "a.txt")
    (project / "sources" / "a.txt.meta.yml").write_text(bomb(9).replace("x9:", "author:"), encoding="utf-8")
    (project / "glossary" / "terms" / "bom.yml").write_text(bomb(9), encoding="utf-8")
    memory = next((project / "translations" / "memory").rglob("*.yml"))
    memory.write_text(memory.read_text(encoding="utf-8") + bomb(9).replace("x", "extra_x"), encoding="utf-8")
    started = time.monotonic()
    ingest = run_cli("ingest", root=project, timeout=60)
    check = run_cli("check", root=project, timeout=60)
    update = run_cli("update", root=project, timeout=60)
    assert time.monotonic() - started < 30
    assert "a.txt.meta.yml:" in ingest.stderr and "YAML aliases (*name) are not accepted" in ingest.stderr
    assert "glossary/terms/bom.yml:2: field 'x1[0]': YAML aliases (*name) are not accepted" in check.stdout
    assert update.returncode == 2 and "aliases" in update.stderr
    for output in (ingest.stderr, check.stdout, update.stderr, update.stdout):
        assert len(output) < 10_000 and "Traceback" not in output
    page = project / VI_UNDATED
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\n" + bomb(9).replace("x", "y"), 1))
    with pytest.raises(frontmatter.FrontMatterError, match="YAML aliases"):
        frontmatter.read(page)


@pytest.mark.slow
def test_a_date_far_in_the_past_is_refused_at_ingest_and_cannot_stop_the_site(tmp_path):
    """F8: a scraped dateline of year 1 is one error line; a page that holds one anyway (committed by
    hand) is reported by `check`, and update and build go on."""
    project = copy_project(tmp_path / "p")
    raw = (FIXTURES / "ingest" / "dump_chrome.txt").read_text(encoding="utf-8")
    (project / "sources" / "y1.txt").write_text(re.sub(r"\d\d/\d\d/\d{4}", "01/01/0001", raw), encoding="utf-8")
    ingest = run_cli("ingest", root=project)
    assert ingest.returncode == 1
    assert "error: sources/y1.txt: date 0001-01-01" in ingest.stderr and "outside 1900" in ingest.stderr
    page = project / VI_UNDATED
    page.write_text(page.read_text(encoding="utf-8").replace("date: null", "date: 0001-01-01"), encoding="utf-8")
    assert run_cli("update", root=project).returncode == 1  # the ingest error of y1.txt, the rest goes on
    build = run_cli("build", "--site-dir", "site", root=project)
    assert build.returncode == 0, build.stdout
    check = run_cli("check", "--only", "pages", root=project)
    assert f"{VI_UNDATED}: field 'date': the year 1 is outside 1900" in check.stdout


def test_an_html_page_dated_year_1_is_an_error_not_an_invented_date(tmp_path):
    """F23: a saved page whose only date reads 01/01/0001 is refused with the date named, never filed
    under a date nobody printed (htmldate's guess was 2001-01-01)."""
    project = copy_project(tmp_path / "p")
    html = (FIXTURES / "ingest" / "page.html").read_text(encoding="utf-8")
    (project / "sources" / "y1.html").write_text(html.replace("09:05 - 02/06/2023", "00:00 - 01/01/0001"),
                                                 encoding="utf-8")
    ingest = run_cli("ingest", root=project)
    assert ingest.returncode == 1 and "error: sources/y1.html: date 0001-01-01" in ingest.stderr
    assert not list((project / "docs" / "vi" / "articles").glob("2001/*.md"))


@pytest.mark.slow
def test_characters_xml_cannot_hold_never_reach_the_feeds_or_exports(tmp_path):
    """F10 (and F9, F22 for text taken in): U+FFFF in a scraped title, a control character and a
    lone surrogate from a sidecar, a bidi override: dropped; the feeds and the TMX parse as XML."""
    project = copy_project(tmp_path / "p", translations=True)
    raw = (FIXTURES / "ingest" / "dump_chrome.txt").read_text(encoding="utf-8")
    raw = raw.replace("Hợp tác về di cư lao động được thúc đẩy", "Hợp tác \uffff về di cư \u202elao động được thúc đẩy", 1)
    (project / "sources" / "x.txt").write_text(raw, encoding="utf-8")
    (project / "sources" / "x.txt.meta.yml").write_text('author: "Nguyễn \\x01 Văn A"\n', encoding="utf-8")
    shutil.copy(FIXTURES / "ingest" / "dump_runon.txt", project / "sources" / "s.txt")  # F9: a lone surrogate
    (project / "sources" / "s.txt.meta.yml").write_text('title: "Tiêu đề \\uD800 lỗi"\n', encoding="utf-8")
    update = run_cli("update", root=project)
    assert update.returncode == 1 and "Traceback" not in update.stderr  # s.txt refused, the rest goes on
    assert "error sources/s.txt.meta.yml:1: not valid YAML" in update.stderr
    page = next((project / "docs" / "vi" / "articles").rglob("hop-tac-ve-di-cu-lao-dong*.md"))
    meta, _ = frontmatter.read(page)
    assert meta["title"] == "Hợp tác về di cư lao động được thúc đẩy" and meta["author"] == "Nguyễn Văn A"
    assert run_cli("build", "--site-dir", "site", root=project).returncode == 0
    assert run_cli("export", "tmx", root=project).returncode == 0
    for path in ("site/feed.xml", "site/en/feed.xml", "exports/memory.tmx"):
        ET.parse(project / path)


@pytest.mark.parametrize("make", ["dev-zero", "fifo", "outside"])
def test_a_sidecar_or_term_file_that_is_not_a_regular_file_is_one_line(tmp_path, make):
    """F12: a link to /dev/zero, a FIFO, a link out of the repository: refused before reading."""
    project = copy_project(tmp_path / "p")
    shutil.copy(FIXTURES / "ingest" / "dump_chrome.txt", project / "sources" / "z.txt")
    sidecar, term = project / "sources" / "z.txt.meta.yml", project / "glossary" / "terms" / "zero.yml"
    for path in (sidecar, term):
        if make == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero" if make == "dev-zero" else REPO / "config" / "pages.yml")
    ingest = run_cli("ingest", root=project, timeout=60)
    check = run_cli("check", "--only", "glossary", root=project, timeout=60)
    why = "not a regular file" if make == "fifo" else "a symbolic link"
    assert f"error: sources/z.txt: sources/z.txt.meta.yml: {why}" in ingest.stderr
    assert f"glossary/terms/zero.yml: {why}" in check.stdout


def test_a_page_linked_out_of_the_repository_is_never_read_by_the_pipeline(tmp_path):
    """F3 (the pipeline's side): a Vietnamese page linked to a file outside holding a secret, and an
    English page linked likewise: `update` says so in one line and copies nothing of the secret into
    docs/en/ or the memory (where a later build would publish it); the build refuses too."""
    secret = tmp_path / "environ"
    secret.write_text("---\ntitle: GITHUB_TOKEN=ghp_SECRETSECRET\n---\n\n# GITHUB_TOKEN=ghp_SECRETSECRET\n",
                      encoding="utf-8")
    for lang in ("vi", "en"):
        project = copy_project(tmp_path / lang, translations=True)
        page = project / (VI_UNDATED if lang == "vi" else EN)
        page.unlink()
        page.symlink_to(secret)
        update = run_cli("update", root=project, timeout=120)
        assert update.returncode != 0 and "Traceback" not in update.stderr
        assert f"{page.relative_to(project).as_posix()}: a symbolic link (to {secret})" in update.stderr
        page.unlink()  # the link gone, nothing of what it led to is left to publish
        assert not [p for folder in ("docs", "translations") for p in (project / folder).rglob("*")
                    if p.is_file() and b"ghp_SECRET" in p.read_bytes()]
    # a year folder that links out of the repository, to a folder holding such a page
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(secret, outside / "bai.md")
    project = copy_project(tmp_path / "folder", translations=True)
    (project / "docs" / "vi" / "articles" / "2030").symlink_to(outside, target_is_directory=True)
    update = run_cli("update", root=project, timeout=120)
    assert update.returncode != 0 and "Traceback" not in update.stderr
    assert "docs/vi/articles/2030/bai.md: its folder leads outside the repository" in update.stderr
    assert not [p for folder in ("docs", "translations") for p in (project / folder).rglob("*")
                if p.is_file() and not p.is_relative_to(project / "docs" / "vi" / "articles" / "2030")
                and b"ghp_SECRET" in p.read_bytes()]


@pytest.mark.parametrize("make", ["dev-zero", "fifo"])
def test_pages_memory_and_term_files_that_are_not_regular_files_are_one_line_and_never_opened(tmp_path, make):
    """F12 for the files the other commands read: a term file, a memory file and a page that are a
    link to /dev/zero or a FIFO: `update` and `build` end at once with one line naming the file
    (opened, /dev/zero would fill the memory and a FIFO block for ever)."""
    def made(path: Path) -> None:
        path.unlink(missing_ok=True)
        os.mkfifo(path) if make == "fifo" else path.symlink_to("/dev/zero")

    why = "not a regular file" if make == "fifo" else "a symbolic link (to /dev/zero)"
    memory_file = "translations/memory/articles/2024/iom-tiep-tuc-ho-tro-viet-nam-trien-khai-thoa-thuan-gcm.yml"
    for name in ("glossary/terms/zero.yml", memory_file, VI_UNDATED):
        project = copy_project(tmp_path / name.replace("/", "_"), translations=True)
        made(project / name)
        for command in ("update", "build"):
            result = run_cli(command, root=project, timeout=60)  # a hang is a TimeoutExpired
            assert "Traceback" not in result.stderr + result.stdout, (command, name)
            if command == "build" and name == memory_file:
                continue  # the build reads the memory only for the side-by-side marks: none, as for no memory
            assert result.returncode != 0, (command, name)
            assert f"{name}: {why}" in result.stderr + result.stdout, (command, name, result.stderr[-400:])


def test_a_memory_file_over_the_size_limit_is_refused(tmp_path):
    """README: memory files are regular files under 2 MB (core/policy.py MAX_DATA_FILE_BYTES)."""
    project = copy_project(tmp_path / "p", translations=True)
    memory = next((project / "translations" / "memory" / "articles" / "2024").glob("*.yml"))
    memory.write_text(memory.read_text(encoding="utf-8") + "# " + "x" * 3_000_000 + "\n", encoding="utf-8")
    update = run_cli("update", root=project, timeout=120)
    assert update.returncode != 0 and "bytes, the limit is 2,000,000" in update.stderr


def test_ids_that_would_replace_generated_pages_are_refused(tmp_path):
    """F14: a topic `index` would replace the topics index; a term `kind-place` a group anchor."""
    project = copy_project(tmp_path / "p")
    topic = (project / "glossary" / "topics" / "thoa-thuan-gcm.yml").read_text(encoding="utf-8")
    (project / "glossary" / "topics" / "index.yml").write_text(topic.replace("id: thoa-thuan-gcm", "id: index"))
    term = (project / "glossary" / "terms" / "geneva.yml").read_text(encoding="utf-8")
    (project / "glossary" / "terms" / "kind-place.yml").write_text(
        term.replace("id: geneva", "id: kind-place").replace("vi: Geneva", "vi: Giơ-ne-vơ"))
    check = run_cli("check", root=project)
    assert "glossary/topics/index.yml:" in check.stdout and "'index' is the name of a generated page" in check.stdout
    assert "glossary/terms/kind-place.yml:" in check.stdout and "'kind-place' is the name of" in check.stdout


def test_memory_records_and_front_matter_of_the_wrong_type_are_one_line(tmp_path):
    """F16: `en: 2024` in a memory file, `source_file: [a, b]` on a page: one error line, no traceback."""
    project = copy_project(tmp_path / "p", translations=True)
    (project / EN).unlink()
    memory = next((project / "translations" / "memory" / "articles" / "2024").glob("*.yml"))
    text = memory.read_text(encoding="utf-8")
    memory.write_text(re.sub(r"(?m)^  en: .*$", "  en: 2024", text, count=1), encoding="utf-8")
    update = run_cli("update", root=project)
    assert update.returncode == 2 and "Traceback" not in update.stderr
    assert "draft, en and time texts or null, found dict" in update.stderr
    page = project / VI_UNDATED
    page.write_text(page.read_text(encoding="utf-8").replace("source_file: ", "source_file: [a, b]\nx_source: "))
    ingest = run_cli("ingest", root=project)
    assert "Traceback" not in ingest.stderr
    assert "front matter 'source_file' must be the raw file's path, found list" in ingest.stderr


@pytest.mark.parametrize("command", [pytest.param(["build", "--site-dir", "site"], marks=pytest.mark.slow), ["pages"],
                                     ["export", "csv"]])
def test_an_invalid_glossary_is_one_line_for_every_command(tmp_path, command):
    """F17."""
    project = copy_project(tmp_path / "p")
    (project / "glossary" / "terms" / "bom.yml").write_text("id: bom\nkind: concept\nvi: Bom\nen: Bomb\n")
    result = run_cli(*command, root=project)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "glossary/terms/bom.yml: field 'definition_vi': missing or empty" in result.stdout + result.stderr


@pytest.mark.slow
def test_a_killed_build_leaves_no_process_and_its_work_folder_goes_at_the_next(tmp_path):
    """F18: `kill -9` of `python -m scripts build` stops its language builds; the next build
    removes the folder it left."""
    project = copy_project(tmp_path / "p")
    build = subprocess.Popen([sys.executable, "-m", "scripts", "build", "--root", str(project), "--site-dir", "site"],
                             cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    deadline, children = time.monotonic() + 60, []
    while time.monotonic() < deadline and len(children) < 2:  # both language builds running
        children = subprocess.run(["pgrep", "-P", str(build.pid)], capture_output=True, text=True).stdout.split()
        time.sleep(0.01)
    assert len(children) == 2
    build.kill()
    build.wait()
    time.sleep(1.0)
    alive = [pid for pid in children if Path(f"/proc/{pid}").exists()
             and "zombie" not in Path(f"/proc/{pid}/status").read_text()]
    assert alive == []
    assert list(project.glob(".site-build-*"))
    assert run_cli("build", "--site-dir", "site", root=project).returncode == 0
    assert not list(project.glob(".site-build-*"))


def test_the_sweep_after_a_killed_run_removes_only_its_own_temporary_files(tmp_path):
    """F19: `.notes.tmp` is a contributor's file: a killed run's sweep leaves it."""
    project = copy_project(tmp_path / "p")
    notes = project / "docs" / "en" / ".glossary-notes.tmp"
    notes.write_text("mine", encoding="utf-8")
    left = project / "docs" / "en" / ".about.md.k3j_x9qa.tmp"
    left.write_text("half", encoding="utf-8")
    (project / ".pipeline.lock").write_text("4242", encoding="utf-8")  # what a killed run leaves
    assert run_cli("update", root=project).returncode == 0
    assert notes.read_text(encoding="utf-8") == "mine" and not left.exists()


def test_the_pipelines_own_pages_fit_the_policy(tmp_path):
    """Every page ingest, translate and the generators write (articles, archive, glossary and term
    pages, topics, status, the side-by-side view) passes the page check."""
    project = copy_project(tmp_path / "p", translations=True)
    assert run_cli("update", root=project).returncode == 0
    check = run_cli("check", "--only", "pages", root=project)
    assert check.returncode == 0, check.stdout
