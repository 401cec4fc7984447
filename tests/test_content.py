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
