"""A contributor's rebuild under `mkdocs serve`: the wait between saving a file and the browser being
told to reload, as MkDocs' own log shows it."""
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

    def __enter__(self) -> Serving:
        self.log = tempfile.TemporaryFile()
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", self.address]
        self.process = subprocess.Popen(command, cwd=self.project, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        text = self.wait_for(lambda t: SERVING in t, "the first build")
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
                raise RuntimeError(f"mkdocs serve {state} while waiting for {what}:\n{text[-3000:]}")
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
