"""Articles as data: order, and the per-process cache of parsed pages that must never be stale."""
from __future__ import annotations

from scripts.core import frontmatter
from scripts.core.content import load_articles
from scripts.core.fsutil import write_atomic


def write(docs, rel, title, date):
    write_atomic(docs / "vi" / rel, frontmatter.join({"title": title, "date": date}, f"# {title}\n"))


def test_newest_first_then_undated(tmp_path):
    write(tmp_path, "articles/2023/a.md", "A", "2023-05-01")
    write(tmp_path, "articles/2024/b.md", "B", "2024-01-01T08:00:00+07:00")
    write(tmp_path, "articles/undated/c.md", "C", None)
    assert [a.title for a in load_articles(tmp_path, "vi")] == ["B", "A", "C"]


def test_a_changed_page_is_read_again(tmp_path):
    write(tmp_path, "articles/2024/a.md", "Old title", "2024-01-01")
    assert load_articles(tmp_path, "vi")[0].title == "Old title"
    write(tmp_path, "articles/2024/a.md", "New", "2024-01-01")  # same size class, new file
    assert load_articles(tmp_path, "vi")[0].title == "New"
    (tmp_path / "vi" / "articles" / "2024" / "a.md").unlink()
    assert load_articles(tmp_path, "vi") == []


def test_callers_cannot_change_what_the_next_caller_reads(tmp_path):
    write(tmp_path, "articles/2024/a.md", "Title", "2024-01-01")
    first = load_articles(tmp_path, "vi")[0]
    first.meta["title"] = "changed by a caller"
    assert load_articles(tmp_path, "vi")[0].title == "Title"


def test_an_edit_that_keeps_the_size_and_the_time_is_read_again(tmp_path):
    """The per-process cache is keyed on the bytes, not on the file's size and time (a contributor's
    editor can save within the same clock tick, in place)."""
    import os

    write(tmp_path, "articles/2024/a.md", "Title A", "2024-01-01")
    path = tmp_path / "vi" / "articles" / "2024" / "a.md"
    stat = path.stat()
    assert load_articles(tmp_path, "vi")[0].title == "Title A"
    with open(path, "r+b") as handle:  # the same inode, the same size
        handle.write(path.read_bytes().replace(b"Title A", b"Title B"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert load_articles(tmp_path, "vi")[0].title == "Title B"
