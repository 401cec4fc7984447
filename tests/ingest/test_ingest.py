"""scripts.ingest: files in sources/ become pages; statuses, idempotence, duplicates, edits, bad input."""
import json
import os
from html import unescape
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from scripts.core import frontmatter
from scripts.ingest import page as ingest_page
from scripts.ingest import batch as ingest_run
from scripts.ingest.site_index import Site
from scripts.ingest.state import FINGERPRINTS
from scripts.project import Project
from tests.ingest.test_decode import cp1258
from tests.support.project import CONTENT, REPO, run_cli

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
CHROME = "dump_chrome.txt"
PAGE = "docs/vi/articles/2024/hop-tac-ve-di-cu-lao-dong-duoc-thuc-day.md"


@pytest.fixture
def repo(tmp_path):
    """A repository with its settings, one raw dump in sources/ and an empty article folder."""
    shutil.copytree(REPO / "config", tmp_path / "config")
    (tmp_path / "sources").mkdir()
    (tmp_path / "docs" / "vi" / "articles").mkdir(parents=True)
    shutil.copy(FIXTURES / CHROME, tmp_path / "sources" / CHROME)
    return tmp_path


def statuses(records):
    return [r.status for r in records]


class ingest:  # noqa: N801 - reads as the stage: ingest.ingest(root)
    @staticmethod
    def ingest(root, paths=None, force=False):
        return ingest_run.ingest(Project(root), paths, force)


def cli(root, *args):
    return run_cli("ingest", *args, root=root, timeout=120)


def test_a_dump_becomes_a_page_with_front_matter(repo):
    assert statuses(ingest.ingest(repo)) == ["created"]
    meta, body = frontmatter.read(repo / PAGE)
    assert meta["title"] == "Hợp tác về di cư lao động được thúc đẩy"
    assert meta["date"] == "2024-03-05T08:15:00+07:00"
    assert meta["author"] == "Thanh Hà"
    assert meta["outlet"] == "Báo điện tử Đảng Cộng sản Việt Nam"
    assert meta["source_url"] is None
    assert meta["source_file"] == f"sources/{CHROME}"
    assert len(meta["source_sha256"]) == 64
    assert meta["description"].startswith("Hai bên nhất trí")
    assert set(meta["ingest"]) == {"generated_sha256"}
    assert body.lstrip("\n").startswith("# Hợp tác về di cư lao động được thúc đẩy\n\nHai bên nhất trí")
    assert "\n## Kết quả bước đầu\n" in body


def test_running_twice_changes_nothing(repo):
    ingest.ingest(repo)
    before = (repo / PAGE).stat().st_mtime_ns
    assert statuses(ingest.ingest(repo)) == ["unchanged"]
    assert (repo / PAGE).stat().st_mtime_ns == before


def test_undated_article_goes_to_undated_and_says_unknown(repo):
    (repo / "sources" / CHROME).unlink()
    shutil.copy(FIXTURES / "dump_runon.txt", repo / "sources" / "runon.txt")
    [record] = ingest.ingest(repo)
    assert record.page.startswith("docs/vi/articles/undated/")
    meta, _ = frontmatter.read(repo / record.page)
    assert meta["date"] is None and meta["outlet"] is None and meta["author"] == "Minh Châu"


def test_pages_use_one_tone_mark_style(repo):
    raw = (FIXTURES / CHROME).read_text(encoding="utf-8").replace("Buổi làm việc", "Thoả thuận và hoà bình")
    (repo / "sources" / CHROME).write_text(raw, encoding="utf-8")
    ingest.ingest(repo)
    text = (repo / PAGE).read_text(encoding="utf-8")
    assert "Thỏa thuận và hòa bình" in text and "Thoả" not in text


def test_sidecar_wins_and_null_means_unknown(repo):
    (repo / "sources" / "dump_chrome.meta.yml").write_text(
        "source_url: https://example.vn/a.html\ndate: 2023-01-02\nauthor: null\noutlet: Báo Khác\n", encoding="utf-8")
    [record] = ingest.ingest(repo)
    meta, _ = frontmatter.read(repo / record.page)
    assert record.page.startswith("docs/vi/articles/2023/")
    assert (meta["source_url"], meta["date"], meta["author"], meta["outlet"]) == \
        ("https://example.vn/a.html", "2023-01-02", None, "Báo Khác")


def test_invalid_sidecar_is_an_error_naming_file_and_field(repo):
    (repo / "sources" / "dump_chrome.meta.yml").write_text("source_url: ftp://x\n", encoding="utf-8")
    [record] = ingest.ingest(repo)
    assert record.status.startswith("error") and "dump_chrome.meta.yml" in record.status
    assert "source_url" in record.status
    assert not (repo / PAGE).exists()


def test_the_same_article_in_another_file_and_encoding_is_a_duplicate(repo):
    raw = (FIXTURES / CHROME).read_text(encoding="utf-8")
    (repo / "sources" / "z-copy.txt").write_bytes(cp1258(raw.replace("zalo-icon\n", "")))
    assert statuses(ingest.ingest(repo)) == ["created", f"duplicate-of {PAGE}"]
    assert len(list((repo / "docs" / "vi" / "articles").rglob("*.md"))) == 1


LOOK_ALIKES = str.maketrans({"a": "а", "o": "о", "e": "е", "i": "і", "c": "с", "p": "р"})  # Cyrillic


@pytest.mark.parametrize("order", ["original first", "copy first"])
def test_a_copy_spelled_with_look_alike_letters_is_a_duplicate(repo, order):
    """Security review F22: Cyrillic а, о, е, і, с, р for the Latin letters still make a copy (UTS #39
    skeleton); a title that mixes scripts within a word is flagged for review."""
    raw = (FIXTURES / CHROME).read_text(encoding="utf-8")
    name = "0-copy.txt" if order == "copy first" else "z-copy.txt"  # sources are ingested in name order
    (repo / "sources" / name).write_text(raw.translate(LOOK_ALIKES), encoding="utf-8")
    records = ingest.ingest(repo)
    pages = list((repo / "docs" / "vi" / "articles").rglob("*.md"))
    assert len(pages) == 1 and statuses(records)[1].startswith("duplicate-of ")
    meta = frontmatter.read(pages[0])[0]
    flagged = "title" in (meta.get("needs_review") or {})
    if order == "copy first":  # the page is the copy's: its title says so
        assert flagged and "Cyrillic or Greek letters among Latin ones" in meta["needs_review"]["title"]
    else:
        assert not flagged and meta["title"] == "Hợp tác về di cư lao động được thúc đẩy"


def test_an_edited_page_is_skipped_and_force_shows_the_change(repo):
    ingest.ingest(repo)
    page = repo / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("Hai bên nhất trí", "Hai bên đã nhất trí"),
                    encoding="utf-8")
    assert statuses(ingest.ingest(repo)) == ["skipped-edited"]
    assert "Hai bên đã nhất trí" in page.read_text(encoding="utf-8")
    result = cli(repo, "--force")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("updated")
    assert "-Hai bên đã nhất trí" in result.stdout and "+Hai bên nhất trí" in result.stdout
    assert "Hai bên đã nhất trí" not in page.read_text(encoding="utf-8")


def test_contributor_topics_are_kept_and_are_not_an_edit(repo):
    ingest.ingest(repo)
    meta, body = frontmatter.read(repo / PAGE)
    meta["topics"] = ["di-cu-lao-dong"]
    (repo / PAGE).write_text(frontmatter.join(meta, body), encoding="utf-8")
    raw = (FIXTURES / CHROME).read_text(encoding="utf-8").replace("sáng nay", "chiều nay")
    (repo / "sources" / CHROME).write_text(raw, encoding="utf-8")
    assert statuses(ingest.ingest(repo)) == ["updated"]
    assert frontmatter.read(repo / PAGE)[0]["topics"] == ["di-cu-lao-dong"]


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x00\x01\x02\x03" * 50, "binary"),
    ("short.txt", "Tiêu đề\n\nMột câu thôi.\n".encode("utf-8"), "not an article"),
    ("cut.html", (FIXTURES / "page.html").read_bytes()[:900], "truncated"),
])
def test_bad_input_is_an_error_and_the_others_go_through(repo, name, data, reason):
    (repo / "sources" / name).write_bytes(data)
    result = cli(repo, "--json")
    assert result.returncode == 1
    records = {r["source"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert records[f"sources/{name}"]["status"].startswith(f"error {reason}")
    assert records[f"sources/{CHROME}"]["status"] == "created"
    assert len(list((repo / "docs" / "vi" / "articles").rglob("*.md"))) == 1


def test_error_is_one_line_naming_the_file(repo):
    (repo / "sources" / "empty.txt").write_bytes(b"")
    result = cli(repo)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["error: sources/empty.txt: empty: the file holds no text"]


def test_json_records_have_every_field(repo):
    result = cli(repo, "--json")
    [record] = map(json.loads, result.stdout.splitlines())
    assert set(record) == {"source", "page", "title", "date", "author", "outlet", "status", "confidence", "new_names"}
    assert set(record["confidence"]) == {"title", "date", "author", "outlet"}
    assert all(0.6 <= value <= 1 for value in record["confidence"].values())  # nothing to review: no needs_review
    assert record["new_names"] == [{"name": "Hà Nội", "kind": "place"}]  # this repository's glossary is empty


def test_markup_in_the_source_stays_text(repo):
    shutil.copy(FIXTURES / "dump_markup.txt", repo / "sources" / "markup.txt")
    records = ingest.ingest(repo, [str(repo / "sources" / "markup.txt")])
    _, body = frontmatter.read(repo / records[0].page)
    html = markdown.markdown(body, extensions=["toc", "abbr", "admonition", "attr_list", "md_in_html",
                                                "pymdownx.details"])
    for tag in ("<b>", "<script", "<ul", "<ol", "<blockquote", "<table", "<hr", "<!--", "<a ", "<strong",
                "<code", "<details", 'class="admonition'):
        assert tag not in html, tag
    assert html.count("<h1") == 1
    visible = unescape(html)
    assert "<script>alert(1)</script>" in visible and "# không phải tiêu đề" in visible
    assert "[liên kết](http://example.com) và **chữ đậm** và `mã`" in visible


def test_the_fixture_seed_pages_are_what_ingest_writes(tmp_path):
    """Re-running ingest on the fixture site's sources/ is a no-op."""
    shutil.copytree(REPO / "config", tmp_path / "config")
    shutil.copytree(CONTENT / "sources", tmp_path / "sources")
    shutil.copytree(CONTENT / "docs" / "vi" / "articles", tmp_path / "docs" / "vi" / "articles")
    records = ingest.ingest(tmp_path)
    assert records and statuses(records) == ["unchanged"] * len(records)


def _no_cleaning(*args, **kwargs):
    raise AssertionError("a no-op run cleaned a raw file again")


def test_a_no_op_rerun_does_not_clean_files_again(repo, monkeypatch):
    assert statuses(ingest.ingest(repo)) == ["created"]
    monkeypatch.setattr(ingest_page, "clean_dump", _no_cleaning)
    assert statuses(ingest.ingest(repo)) == ["unchanged"]


def test_the_rules_fingerprint_is_the_same_in_every_process():
    # The skip above only helps the next run, which is another process: with a set's repr in the
    # fingerprint, each process (its own string hash seed) re-cleaned every source.
    code = "from scripts.ingest.state import rules_fingerprint; from scripts.project import Project; " \
           "print(rules_fingerprint(Project().cleaning_rules()))"
    prints = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(prints) == 1 and len(prints.pop().strip()) == 64


def test_a_changed_sidecar_or_a_lost_cache_cleans_again(repo, monkeypatch):
    assert statuses(ingest.ingest(repo)) == ["created"]
    (repo / "sources" / (CHROME + ".meta.yml")).write_text("source_url: https://example.org/a\n")
    assert statuses(ingest.ingest(repo)) == ["updated"]
    assert frontmatter.read(repo / PAGE)[0]["source_url"] == "https://example.org/a"
    (repo / ".cache" / FINGERPRINTS).unlink()
    assert statuses(ingest.ingest(repo)) == ["unchanged"]  # cleaned again, same page
    assert (repo / ".cache" / FINGERPRINTS).is_file()


def test_an_older_page_restored_over_the_current_one_is_rewritten(repo):
    assert statuses(ingest.ingest(repo)) == ["created"]
    current = (repo / PAGE).read_text(encoding="utf-8")
    (repo / "sources" / (CHROME + ".meta.yml")).write_text("author: Người Khác\n")
    assert statuses(ingest.ingest(repo)) == ["updated"]
    (repo / "sources" / (CHROME + ".meta.yml")).unlink()
    assert statuses(ingest.ingest(repo)) == ["updated"]
    assert (repo / PAGE).read_text(encoding="utf-8") == current
    # A page that ingest wrote from other inputs (as `git checkout` of an old version would leave
    # it) is not mistaken for the current one: its generated hash differs from the cached one.
    (repo / "sources" / (CHROME + ".meta.yml")).write_text("author: Người Khác\n")
    assert statuses(ingest.ingest(repo)) == ["updated"]
    edited_by_ingest = (repo / PAGE).read_text(encoding="utf-8")
    (repo / PAGE).write_text(current, encoding="utf-8")
    assert statuses(ingest.ingest(repo)) == ["updated"]
    assert (repo / PAGE).read_text(encoding="utf-8") == edited_by_ingest


def test_changing_how_front_matter_is_written_does_not_make_untouched_pages_edited(repo, monkeypatch):
    """Edit detection compares the bytes ingest wrote, never a new serialisation of the front matter:
    another YAML width (a code change, a PyYAML upgrade) leaves every untouched page untouched."""
    assert statuses(ingest.ingest(repo)) == ["created"]
    original = frontmatter.join

    def narrow(meta, body):
        if not meta:
            return body
        import yaml
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=30)
        return f"---\n{head}---\n\n{body.lstrip(chr(10))}"

    monkeypatch.setattr(frontmatter, "join", narrow)
    assert narrow(*frontmatter.read(repo / PAGE)) != (repo / PAGE).read_text(encoding="utf-8")
    site = Site(Project(repo))
    assert not site.edited(PAGE)
    (repo / ".cache" / FINGERPRINTS).unlink()  # cleaned again: written in the new form, not skipped
    assert statuses(ingest.ingest(repo)) == ["updated"]
    assert statuses(ingest.ingest(repo)) == ["unchanged"]
    monkeypatch.setattr(frontmatter, "join", original)


def test_an_edited_page_whose_source_changes_is_still_never_overwritten(repo):
    ingest.ingest(repo)
    page = repo / PAGE
    edited = page.read_text(encoding="utf-8").replace("Hai bên nhất trí", "Hai bên đã nhất trí")
    page.write_text(edited, encoding="utf-8")
    raw = (FIXTURES / CHROME).read_text(encoding="utf-8").replace("trong năm nay", "trong năm tới")
    (repo / "sources" / CHROME).write_text(raw, encoding="utf-8")
    assert statuses(ingest.ingest(repo)) == ["skipped-edited"]
    assert page.read_text(encoding="utf-8") == edited
    result = cli(repo, "--force")
    assert result.returncode == 0 and "-Hai bên đã nhất trí" in result.stdout and "+Hai bên nhất trí" in result.stdout
    assert "trong năm tới" in page.read_text(encoding="utf-8")


def test_topics_exclude_is_a_contributor_field_too(repo):
    ingest.ingest(repo)
    text = (repo / PAGE).read_text(encoding="utf-8")
    text = text.replace("\nsource_file:", "\ntopics_exclude: [di-cu-lao-dong]  # anywhere, in any style\nsource_file:", 1)
    (repo / PAGE).write_text(text, encoding="utf-8")
    assert statuses(ingest.ingest(repo)) == ["unchanged"]  # not an edit: the page still follows its source
    (repo / ".cache" / FINGERPRINTS).unlink()  # cleaned again (a new clone): the page is left as it is
    assert statuses(ingest.ingest(repo)) == ["unchanged"]
    assert (repo / PAGE).read_text(encoding="utf-8") == text
    ingest.ingest(repo, force=True)
    assert frontmatter.read(repo / PAGE)[0]["topics_exclude"] == ["di-cu-lao-dong"]  # --force keeps it


def test_a_duplicate_is_not_cleaned_again_while_it_and_its_original_are_unchanged(repo, monkeypatch):
    raw = (FIXTURES / CHROME).read_text(encoding="utf-8")
    copy = repo / "sources" / "z-copy.txt"
    copy.write_bytes(cp1258(raw.replace("zalo-icon\n", "")))
    first = ingest.ingest(repo)
    assert statuses(first) == ["created", f"duplicate-of {PAGE}"]

    def forbidden(*args, **kwargs):
        raise AssertionError("a known duplicate was cleaned or compared again")

    monkeypatch.setattr(ingest_run, "cleaned_article", forbidden)
    monkeypatch.setattr(Site, "duplicate_of", forbidden)
    again = ingest.ingest(repo)
    assert statuses(again) == ["unchanged", f"duplicate-of {PAGE}"] and again[1] == first[1]
    monkeypatch.undo()
    # a changed duplicate is cleaned and compared again
    cleaned, original_clean = [], ingest_run.cleaned_article
    monkeypatch.setattr(ingest_run, "cleaned_article", lambda *a: cleaned.append(1) or original_clean(*a))
    copy.write_bytes(cp1258(raw.replace("zalo-icon\n", "").replace("trong năm nay", "trong năm tới")))
    assert statuses(ingest.ingest(repo)) == ["unchanged", f"duplicate-of {PAGE}"] and len(cleaned) == 1
    monkeypatch.undo()
    # its original rewritten by ingest (new generated hash): compared again
    (repo / "sources" / (CHROME + ".meta.yml")).write_text("author: Người Khác\n", encoding="utf-8")
    calls = []
    original = Site.duplicate_of
    monkeypatch.setattr(Site, "duplicate_of", lambda site, page, t: calls.append(page) or original(site, page, t))
    assert statuses(ingest.ingest(repo)) == ["updated", f"duplicate-of {PAGE}"]
    assert len(calls) == 1


def test_an_edited_heading_or_first_paragraph_becomes_the_title_or_description(repo):
    """A contributor fixes the heading and the first paragraph of a page: its title and description,
    which ingest wrote the same, follow (the archive, <title>, feed and search show the fix); the
    body stays byte for byte, and the next run changes nothing (issue 18)."""
    ingest.ingest(repo)
    page = repo / PAGE
    meta, body = frontmatter.read(page)
    body = body.lstrip("\n")
    paragraph = next(b for b in body.split("\n\n") if b.strip() and not b.startswith("#"))
    assert meta["description"] == unescape(paragraph)
    fixed = body.replace(f"# {body.split('# ', 1)[1].split(chr(10), 1)[0]}", "# Hợp tác về di cư lao động (đã sửa)", 1)
    fixed = fixed.replace(paragraph, "Đoạn mở đầu do người biên tập viết lại.", 1)
    page.write_text(frontmatter.join(meta, fixed), encoding="utf-8")
    assert statuses(ingest.ingest(repo)) == ["followed-edit"]
    after, after_body = frontmatter.read(page)
    assert after["title"] == "Hợp tác về di cư lao động (đã sửa)"
    assert after["description"] == "Đoạn mở đầu do người biên tập viết lại."
    assert after_body.lstrip("\n") == fixed
    text = page.read_bytes()
    assert statuses(ingest.ingest(repo)) == ["skipped-edited"]
    assert page.read_bytes() == text


def test_a_title_the_contributor_changed_is_theirs_whatever_the_heading_says(repo):
    """The contributor set a title of their own (and later changed the heading too): neither run
    replaces the title they wrote."""
    ingest.ingest(repo)
    page = repo / PAGE
    meta, body = frontmatter.read(page)
    page.write_text(frontmatter.join({**meta, "title": "Tiêu đề riêng"}, body), encoding="utf-8")
    assert statuses(ingest.ingest(repo)) == ["skipped-edited"]
    heading = body.lstrip("\n").split("\n", 1)[0]
    assert heading.startswith("# ")
    page.write_text(frontmatter.join({**meta, "title": "Tiêu đề riêng"}, body.replace(heading, "# Tiêu đề khác", 1)),
                    encoding="utf-8")
    assert statuses(ingest.ingest(repo)) == ["skipped-edited"]
    assert frontmatter.read(page)[0]["title"] == "Tiêu đề riêng"
