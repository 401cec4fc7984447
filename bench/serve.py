"""A contributor's loop: the wait between saving a file and the served page showing it, under the
project's preview (`python -m scripts serve`) and under `mkdocs serve` (the project's configuration,
or a stock one over the same Vietnamese pages)."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.core.fsutil import write_atomic

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
SERVING = "Serving on "
RELOADED = "Reloading browsers"
CHANGED = "Detected file changes"
EDIT = "\nĐoạn văn thêm vào khi đo thời gian dựng lại.\n"  # a paragraph a contributor adds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_url(docs: Path, article: Path) -> str:
    """The path on the site of a page of docs/<language>/ (folder URLs; Vietnamese at the root)."""
    lang, *parts = Path(article).relative_to(docs).with_suffix("").parts
    if parts and parts[-1] == "index":
        parts.pop()
    return "/" + "".join(f"{part}/" for part in ([] if lang == "vi" else [lang]) + parts)


class Serving:
    """`mkdocs serve` running in `project` (with SITE_BUILD_LANGUAGE=`language` when given), its
    output in a temporary file; `with Serving(…) as server:` waits until it serves."""

    def __init__(self, project: Path, language: str | None = None, env: dict | None = None, timeout: float = 600):
        self.project, self.timeout = Path(project), timeout
        self.env = dict(os.environ, **(env or {}))
        self.env.pop("SITE_BUILD_LANGUAGE", None)
        if language:
            self.env["SITE_BUILD_LANGUAGE"] = language
        self.address = f"127.0.0.1:{free_port()}"

    ready = SERVING
    name = "mkdocs serve"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", self.address]

    def __enter__(self) -> Serving:
        self.log = tempfile.TemporaryFile()
        self.started = time.perf_counter()
        self.process = subprocess.Popen(self.command(), cwd=self.project, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        text = self.wait_for(lambda t: self.ready in t, "the first build")
        self.ready_s = time.perf_counter() - self.started
        self.initial = BUILT.findall(text)
        time.sleep(1.0)  # the watcher's first scan is done; edits from now on are seen as changes
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def text(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def wait_for(self, condition, what: str) -> str:
        """The log once condition(log) holds; an error with the log's end if the server exits or the
        timeout passes first."""
        deadline = time.monotonic() + self.timeout
        while True:
            text = self.text()
            if condition(text):
                return text
            if self.process.poll() is not None or time.monotonic() > deadline:
                state = "exited" if self.process.poll() is not None else f"did not get there in {self.timeout:.0f} s"
                raise RuntimeError(f"{self.name} {state} while waiting for {what}:\n{text[-3000:]}")
            time.sleep(0.05)

    def changes(self) -> int:
        return self.text().count(CHANGED)

    def wait_rebuild(self, changes: int) -> list[float]:
        """After `changes` changes were seen: wait until MkDocs rebuilt and told the browser to
        reload; the build times since (a save can be seen as more than one change)."""
        def rebuilt(text: str) -> bool:
            return any(RELOADED in part for part in text.split(CHANGED)[changes + 1:])

        text = self.wait_for(rebuilt, "the rebuild after the edit")
        return [float(s) for s in BUILT.findall(CHANGED.join(text.split(CHANGED)[changes + 1:]))]

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://{self.address}{path}", timeout=30) as response:
            return response.read().decode("utf-8")

    def shows(self, path: str, text: str) -> bool:
        """Whether the page at `path` is served and contains `text` (a page not there yet: False)."""
        try:
            return text in self.get(path)
        except OSError:  # 404 before a new page is built, or a connection cut during a rebuild
            return False

    def edit_served(self, path: Path, content: bytes, url: str, marker: str) -> float:
        """Save `content` to `path` (a new file, or an edit), and return the seconds from the save
        to the page at `url` being served with `marker` in it. The file is then restored (removed
        when it was new) and the page waited for without the marker, so the next measure starts
        from the same site."""
        original = path.read_bytes() if path.exists() else None
        try:
            start = time.perf_counter()
            write_atomic(path, content)
            self.wait_for(lambda _: self.shows(url, marker), f"{url} to show the edit of {path.name}")
            return time.perf_counter() - start
        finally:
            if original is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(path, original)
            if original is not None:
                self.wait_for(lambda _: not self.shows(url, marker), f"{url} to drop the edit of {path.name}")
            time.sleep(1.0)  # the restore's own rebuild is over before the next save


class Preview(Serving):
    """The project's preview, `python -m scripts serve`, both languages."""

    ready = "serving on "
    name = "python -m scripts serve"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "scripts", "serve", "--addr", self.address, "--root", str(self.project)]


def serve_rebuild(project: Path, article: Path, language: str | None = None, env: dict | None = None,
                  timeout: float = 600) -> dict:
    """Start `mkdocs serve` in `project`, add a paragraph to `article` (a page of docs/), and measure
    the rebuild: MkDocs' own build time and the wall time from the save to "Reloading browsers"
    (which adds the file watcher's polling, every 0.5 s). Then the page is fetched from the server:
    `edit_served` says whether it shows the paragraph. `article` is restored."""
    original = article.read_bytes()
    try:
        with Serving(project, language, env, timeout) as server:
            changes = server.changes()
            start = time.perf_counter()
            write_atomic(article, original + EDIT.encode("utf-8"))
            rebuild = server.wait_rebuild(changes)
            waited = time.perf_counter() - start
            served = EDIT.strip() in server.get(page_url(project / "docs", article))
            initial = server.initial
    finally:
        write_atomic(article, original)
    return {"initial_build_s": float(initial[-1]) if initial else None,
            "rebuild_s": rebuild[-1] if rebuild else None, "edit_to_reload_s": waited, "edit_served": served}


# ─── The contributor's loop, measured (make bench) ────────────────────────────────────

TOKEN = "kiemtrabench"  # in every edit: a word no page has


def _edited_term(text: str, marker: str) -> str:
    """A term file with `marker` at the start of its Vietnamese definition (a folded block or a
    one-line value)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("definition_vi:"):
            value = line.split(":", 1)[1].strip()
            if value in (">-", ">", "|", "|-"):
                indent = len(lines[index + 1]) - len(lines[index + 1].lstrip())
                lines[index + 1] = " " * indent + marker + " " + lines[index + 1].lstrip()
            else:
                lines[index] = f"definition_vi: {marker} {value}"
            return "\n".join(lines)
    raise ValueError("no definition_vi in the term file")


def new_source(settings: dict, marker: str) -> tuple[str, str, str]:
    """(file name, raw text, page path under docs/vi/) of an article a contributor adds to sources/:
    laid out as the corpus' dumps, with sentences of its own (none repeats another article's)."""
    import datetime as dt

    from bench.corpus import raw_text
    from scripts.core.slugs import page_slug

    when = dt.datetime(2024, 5, 17, 9, 30)
    title = f"Tập huấn về di cư an toàn cho cán bộ cơ sở {marker}"
    body = [f"Ngày 17/5, lớp tập huấn về di cư an toàn dành cho cán bộ cơ sở đã khai giảng ({marker}).",
            "Các học viên được giới thiệu quy trình hỗ trợ người lao động trở về và cách nhận biết dấu hiệu mua bán người.",
            "Ban tổ chức cho biết sẽ mở thêm ba lớp tương tự trong năm nay tại các huyện miền núi."]
    chrome = settings["chrome"]
    text = raw_text(title, when, body, [], [], chrome["bylines"][0], chrome)
    slug = page_slug(title)
    return f"{slug}.txt", text, f"articles/{when.year}/{slug}.md"


def preview_loop(project: Path, settings: dict, env: dict | None = None, timeout: float = 600) -> dict:
    """Under `python -m scripts serve`, from each save to the served page showing it: a paragraph
    added to a Vietnamese article, one added to an English page (a post-edit), a glossary term's
    definition edited (its term page), an article added to sources/ (its new page)."""
    from scripts.core.content import article_paths

    docs = project / "docs"
    vi = article_paths(docs, "vi")
    en = article_paths(docs, "en")
    article = vi[len(vi) // 2]
    english = en[len(en) // 2]
    term = sorted((project / "glossary" / "terms").glob("*.yml"))[0]
    with Preview(project, env=env, timeout=timeout) as server:
        row = {"preview_ready_s": server.ready_s}
        marker = f"{TOKEN}1"
        row["preview_vi_edit_s"] = server.edit_served(
            article, article.read_bytes() + f"\nĐoạn văn thêm vào ({marker}).\n".encode(), page_url(docs, article), marker)
        marker = f"{TOKEN}2"
        row["preview_en_edit_s"] = server.edit_served(
            english, english.read_bytes() + f"\nA sentence a translator added ({marker}).\n".encode(),
            page_url(docs, english), marker)
        marker = f"{TOKEN}3"
        row["preview_term_edit_s"] = server.edit_served(
            term, _edited_term(term.read_text(encoding="utf-8"), marker).encode(), f"/glossary/{term.stem}/", marker)
        marker = f"{TOKEN}4"
        name, text, rel = new_source(settings, marker)
        row["preview_new_article_s"] = server.edit_served(
            project / "sources" / name, text.encode(), page_url(docs, docs / "vi" / rel), marker)
    return row


def stock_loop(stock: Path, settings: dict, env: dict | None = None, timeout: float = 600) -> dict:
    """Under stock `mkdocs serve` over the same Vietnamese pages: a paragraph added to an article,
    and a new article page (stock MkDocs has no sources/: the page ingest would have written)."""
    docs = stock / "docs"
    articles = sorted(p for p in (docs / "articles").glob("*/*.md") if p.name != "index.md")
    article = articles[len(articles) // 2]
    with Serving(stock, env=env, timeout=timeout) as server:
        row = {"stock_serve_ready_s": server.ready_s}
        marker = f"{TOKEN}5"
        row["stock_serve_vi_edit_s"] = server.edit_served(
            article, article.read_bytes() + f"\nĐoạn văn thêm vào ({marker}).\n".encode(),
            "/" + article.relative_to(docs).with_suffix("").as_posix() + "/", marker)
        marker = f"{TOKEN}6"
        _, _, rel = new_source(settings, marker)
        page = docs / rel
        content = f"# Tập huấn về di cư an toàn cho cán bộ cơ sở {marker}\n\nĐoạn văn đầu.\n"
        row["stock_serve_new_article_s"] = server.edit_served(
            page, content.encode(), "/" + Path(rel).with_suffix("").as_posix() + "/", marker)
    return row
