"""A contributor's rebuild under `mkdocs serve`: the wait between saving an article and the
browser being told to reload, as MkDocs' own log shows it."""
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


def _wait_for(log, condition, process: subprocess.Popen, timeout: float, what: str) -> str:
    """The log's text once condition(text) holds; an error with the log's end if the server exits
    or `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    while True:
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
        if condition(text):
            return text
        if process.poll() is not None or time.monotonic() > deadline:
            state = "exited" if process.poll() is not None else f"did not get there in {timeout:.0f} s"
            raise RuntimeError(f"mkdocs serve {state} while waiting for {what}:\n{text[-3000:]}")
        time.sleep(0.05)


def page_url(docs: Path, article: Path) -> str:
    """The path on the site of a page of docs/<language>/ (folder URLs; Vietnamese at the root)."""
    lang, *parts = Path(article).relative_to(docs).with_suffix("").parts
    if parts and parts[-1] == "index":
        parts.pop()
    return "/" + "".join(f"{part}/" for part in ([] if lang == "vi" else [lang]) + parts)


def serve_rebuild(project: Path, article: Path, language: str | None = None, env: dict | None = None,
                  timeout: float = 600) -> dict:
    """Start `mkdocs serve` in `project` (with SITE_BUILD_LANGUAGE=`language` when given: that
    language only), wait for it to serve, add a paragraph to `article` (a page of docs/), and
    measure the rebuild: MkDocs' own build time and the wall time from the save to "Reloading
    browsers" (which adds the file watcher's polling, every 0.5 s). Then the page is fetched from
    the server: `edit_served` says whether it shows the paragraph. `article` is restored."""
    env = dict(os.environ, **(env or {}))
    env.pop("SITE_BUILD_LANGUAGE", None)
    if language:
        env["SITE_BUILD_LANGUAGE"] = language
    address = f"127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address]
    original = article.read_bytes()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            text = _wait_for(log, lambda t: SERVING in t, process, timeout, "the first build")
            initial = BUILT.findall(text)
            time.sleep(1.0)  # the watcher's first scan is done; edits from now on are seen as changes
            log.seek(0)
            changes = log.read().decode("utf-8", "replace").count(CHANGED)
            start = time.perf_counter()
            write_atomic(article, original + EDIT.encode("utf-8"))

            def rebuilt(t: str) -> bool:
                after = t.split(CHANGED)[changes + 1:] if t.count(CHANGED) > changes else []
                return any(RELOADED in part for part in after)

            text = _wait_for(log, rebuilt, process, timeout, "the rebuild after the edit")
            waited = time.perf_counter() - start
            rebuild = BUILT.findall(text.split(CHANGED)[changes + 1])
            url = f"http://{address}{page_url(project / 'docs', article)}"
            with urllib.request.urlopen(url, timeout=30) as response:
                served = EDIT.strip() in response.read().decode("utf-8")
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            write_atomic(article, original)
    return {"initial_build_s": float(initial[-1]) if initial else None,
            "rebuild_s": float(rebuild[-1]) if rebuild else None, "edit_to_reload_s": waited,
            "edit_served": served}
