"""Faults: a pipeline run killed at any write, a full disk, two runs at once and a garbage-speaking
engine leave every file old or new, lose nothing already done, and the next run finishes the job.

Engine timeouts, 429, 5xx, 403 and refused connections mid-run are covered in tests/test_translate.py
(test_an_engine_failure_loses_nothing_and_the_next_run_resumes, test_an_unreachable_engine_…) and
tests/test_engines.py; here only what they do not cover."""
from __future__ import annotations

import errno
import http.server
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from scripts.core import frontmatter, fsutil
from scripts.core.schema import Document
from scripts.ingest.batch import ingest as run_ingest
from scripts.project import Project
from scripts.translate import translate_all as run_translate
from scripts.translate.engines import make_engine, settings_from
from tests.support.project import CONTENT, REPO
from tests.support.libre_server import LibreServer, fake_translation
from tests.support.translation_project import FAST

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile" / "sources"
# What a pipeline run reads and writes (the code is the checkout's, run on the copy with --root).
PROJECT_PARTS = ["config", "docs", "sources", "glossary", "translations"]
EXTRA_SOURCES = ["markup-everywhere.txt", "markup-everywhere.txt.meta.yml", "dot-dot.txt", "etc-passwd.txt"]
WRITTEN = ["docs", "translations"]
KILL_POINTS = 8
# The child process: the real command line, with os.replace counting the renames of write_atomic
# and SIGKILLing the process just before or just after the N-th one (N = 0: never).
CHILD = r"""
import os, signal, sys
from scripts import cli
kill_at, when, url, root = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
real_replace, count = os.replace, [0]
def replace(src, dst):
    count[0] += 1
    if count[0] == kill_at and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)
    if count[0] == kill_at and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
codes = [cli.main(["ingest", "--root", root]),
         cli.main(["translate", "--engine", "libre", "--engine-url", url, "--api-key", "k", "--root", root]),
         cli.main(["update", "--root", root])]
print(f"renames={count[0]} codes={codes}")
"""


class ingest:  # noqa: N801 - reads as the stage
    @staticmethod
    def ingest(root):
        return run_ingest(Project(root))


def translate_all(root, engine):
    return run_translate(Project(root), engine)


def make_copy(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.tmp", ".pipeline.lock")
    for name in PROJECT_PARTS:
        source = REPO / name if name == "config" else CONTENT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
    for name in EXTRA_SOURCES:
        shutil.copy(HOSTILE / name, dest / "sources" / name)
    (dest / "config" / "translation.yml").write_text(yaml.safe_dump(FAST), encoding="utf-8")
    return dest


def run_child(project: Path, url: str, kill_at: int = 0, when: str = "after") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(kill_at), when, url, str(project)], cwd=REPO,
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1"))


def normalized(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return re.sub(r"(?m)^  time: .*\n", "", text) if path.suffix == ".yml" else text


def snapshot(project: Path) -> dict[str, str]:
    """Every file the pipeline writes (temporary files aside), memory timestamps left out."""
    files = {}
    for part in WRITTEN:
        for path in (project / part).rglob("*"):
            if path.is_file() and not path.name.endswith(".tmp"):
                files[path.relative_to(project).as_posix()] = normalized(path)
    return files


def temporaries(project: Path) -> list[Path]:
    return [p for p in project.rglob(".*.tmp")]


@pytest.fixture(scope="module")
def server():
    with LibreServer() as running:
        yield running


@pytest.fixture(scope="module")
def reference(tmp_path_factory, server):
    """(files before, files after, renames) of one uninterrupted run on a fresh copy."""
    project = make_copy(tmp_path_factory.mktemp("reference"))
    before = snapshot(project)
    result = run_child(project, server.url)
    assert result.returncode == 0, result.stderr
    renames = int(re.search(r"renames=(\d+)", result.stdout).group(1))
    assert renames > 10, result.stdout
    return before, snapshot(project), renames


def kill_points(renames: int) -> list[tuple[int, str]]:
    rng = random.Random(7)
    points = sorted(rng.sample(range(1, renames + 1), KILL_POINTS))
    return [(n, "before" if i % 2 else "after") for i, n in enumerate(points)]


def test_a_run_killed_at_any_write_leaves_old_or_new_files_and_the_next_run_finishes(
        tmp_path, server, reference):
    before, after, renames = reference
    for number, (kill_at, when) in enumerate(kill_points(renames)):
        project = make_copy(tmp_path / str(number))
        killed = run_child(project, server.url, kill_at, when)
        assert killed.returncode == -9, (kill_at, when, killed.stdout, killed.stderr)
        now = snapshot(project)
        for name in set(before) | set(after) | set(now):
            assert now.get(name) in (before.get(name), after.get(name)), (kill_at, when, name)
            if name.endswith(".md") and name in now:
                frontmatter.split(now[name], name)  # parses
            if name.endswith(".yml") and name in now:
                assert isinstance(yaml.safe_load(now[name]), dict), name
        assert len(temporaries(project)) == (1 if when == "before" else 0), (kill_at, when)
        resumed = run_child(project, server.url)
        assert resumed.returncode == 0, resumed.stderr
        final = snapshot(project)
        assert {k: v for k, v in final.items() if v != after.get(k)} == {}, (kill_at, when)
        assert final == after, (kill_at, when)
        assert temporaries(project) == [] and not (project / ".pipeline.lock").exists()


# ─── Full disk ───────────────────────────────────────────────────────────────────────────

def full_disk_after(monkeypatch, writes: int, where: str) -> None:
    """Make the `writes`+1-th write fail with ENOSPC, at fsync (data) or at the rename."""
    calls = [0]
    real = getattr(fsutil.os, where)

    def failing(*args):
        calls[0] += 1
        if calls[0] > writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args)

    monkeypatch.setattr(fsutil.os, where, failing)


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_a_full_disk_during_ingest_loses_nothing(tmp_path, monkeypatch, where):
    project = make_copy(tmp_path)
    before = snapshot(project)
    full_disk_after(monkeypatch, 1, where)
    with pytest.raises(OSError, match="No space left"):
        ingest.ingest(project)
    monkeypatch.undo()
    now = snapshot(project)
    assert temporaries(project) == []
    changed = [name for name in now if now[name] != before.get(name)]
    assert len(changed) == 1  # the one write that went through, complete
    frontmatter.split(now[changed[0]], changed[0])
    assert all(ingest.ingest(project))  # the next run completes
    assert all(r.status in ("created", "unchanged") for r in ingest.ingest(project))


def test_a_full_disk_on_the_command_line_is_one_clear_error(tmp_path):
    """The command line says what failed instead of printing a traceback."""
    project = make_copy(tmp_path)
    child = ("import errno, os, sys\nfrom scripts import cli\nfrom scripts.core import fsutil\n"
             "def full(*a):\n    raise OSError(errno.ENOSPC, 'No space left on device', a[1] if len(a) > 1 else None)\n"
             f"os.replace = full\nsys.exit(cli.main(['ingest', '--root', {str(project)!r}]))\n")
    result = subprocess.run([sys.executable, "-c", child], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"^error: .*No space left on device", result.stderr, re.M), result.stderr


def test_a_full_disk_during_translation_loses_no_draft(tmp_path, monkeypatch, server):
    project = make_copy(tmp_path)
    ingest.ingest(project)
    engine = make_engine("libre", settings_from(Document(FAST, 'test')), url=server.url, api_key="k", env={})
    full_disk_after(monkeypatch, 3, "replace")
    with pytest.raises(OSError):
        translate_all(project, engine)
    monkeypatch.undo()
    assert temporaries(project) == []
    translate_all(project, engine)
    for path in (project / "translations").rglob("*.yml"):
        for record in yaml.safe_load(path.read_text(encoding="utf-8")).get("segments", []):
            # an engine draft is never mistaken for a contributor's edit
            if record.get("draft") is None and "[en] " in (record.get("en") or ""):
                pytest.fail(f"{path.name}: engine output recorded as a human translation: {record}")


# ─── Two runs at once ────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("command", [["ingest"], ["translate"], ["update"]])
def test_a_second_run_is_refused_with_the_locks_message_and_changes_nothing(tmp_path, command):
    project = make_copy(tmp_path)
    before = snapshot(project)
    with fsutil.repository_lock(project):
        result = subprocess.run([sys.executable, "-m", "scripts", *command, "--root", str(project)], cwd=REPO,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 3
    assert result.stderr.strip() == (f"error: {project / '.pipeline.lock'}: another pipeline run (pid {os.getpid()}) "
                                      "is working on this repository; wait for it to finish")
    assert snapshot(project) == before


def test_two_runs_started_together_give_the_result_of_one(tmp_path, server, reference):
    _, after, _ = reference
    project = make_copy(tmp_path)
    runs = [subprocess.Popen([sys.executable, "-c", CHILD, "0", "after", server.url, str(project)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    refused = sum(out[1].count("another pipeline run") for out in outputs)
    assert all(run.returncode == 0 for run in runs) or refused, outputs
    resumed = run_child(project, server.url)  # whatever was refused is done now
    assert resumed.returncode == 0
    assert snapshot(project) == after


# ─── An engine answering garbage ─────────────────────────────────────────────────────────

class _Garbage(http.server.BaseHTTPRequestHandler):
    """Answers 200 with something that is not a LibreTranslate answer after `good` requests."""

    good = 0
    answers = [b"<html>502 Bad Gateway</html>", b'{"translated": 1}', b'{"translatedText": ""}', b"\xff\xfe\x00"]
    count = 0

    def do_POST(self):  # noqa: N802
        type(self).count += 1
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8")
        fields = parse_qs(urlsplit(self.path).query)
        fields.update(json.loads(raw) if raw.startswith("{") else parse_qs(raw))
        text = fields["q"][0] if isinstance(fields["q"], list) else fields["q"]
        if self.count <= self.good:
            body = json.dumps({"translatedText": fake_translation(text)}).encode()
        else:
            body = self.answers[self.count % len(self.answers)]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_garbage_answers_mid_run_lose_nothing_already_done(tmp_path):
    project = make_copy(tmp_path)
    ingest.ingest(project)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Garbage)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        _Garbage.good = 5
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        engine = make_engine("libre", settings_from(Document(FAST, 'test')), url=url, api_key="k", env={})
        reports = translate_all(project, engine)
    finally:
        httpd.shutdown()
        httpd.server_close()
    drafted = sum(r.drafted for r in reports)
    assert drafted == 5 and any("malformed answer" in p for r in reports for p in r.problems)
    kept = [rec for path in (project / "translations").rglob("*.yml")
            for rec in yaml.safe_load(path.read_text(encoding="utf-8")).get("segments", [])
            if rec.get("origin") == "libre" and rec.get("draft") and rec.get("en")]
    assert len(kept) == 5  # every answer received before the garbage is in the memory
    for path in (project / "docs" / "en").rglob("*.md"):
        frontmatter.read(path)
