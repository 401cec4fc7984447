"""Build: the site, one `mkdocs build` per language in parallel, put together in site/ (`make build`).
The MkDocs hooks (hooks/) route the build's events to this package: i18n (every static-i18n touch
point), article (header and translation banner), footer (topics, related articles), navigation
(breadcrumbs, the previous and next article of a year), bilingual (the marks of the side-by-side
view), feeds, sitemaps and search_index (per-language, accent-free search, articles' date and outlet)."""
from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scripts import pages
from scripts.build.i18n import LANGUAGE_VARIABLE, BuildError, declared_languages
from scripts.build.sitemaps import merged_sitemaps

TEMP_PREFIX = ".site-build-"


@dataclass
class Built:
    """One language's build process: its exit code, wall seconds, peak memory (MB) and output."""

    lang: str
    code: int
    seconds: float
    peak_mb: float
    output: str


def die_with_parent() -> None:
    """In a language's build process: be stopped when the build that started it dies, even by
    kill -9 (Linux's PR_SET_PDEATHSIG); elsewhere nothing."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass


def start(root: Path, lang: str, site: Path, strict: bool, output) -> subprocess.Popen:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)] + (["--strict"] if strict else [])
    env = dict(os.environ, **{LANGUAGE_VARIABLE: lang, "NO_MKDOCS_2_WARNING": "1"})
    return subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT,
                            preexec_fn=die_with_parent)


def remove_stale_work(parent: Path) -> list[Path]:
    """Work folders of builds that were killed before they could remove them (their pid file names
    a process that is gone)."""
    removed = []
    for folder in parent.glob(f"{TEMP_PREFIX}*"):
        try:
            pid = int((folder / "pid").read_text(encoding="ascii"))
            os.kill(pid, 0)
            continue  # that build still runs
        except (OSError, ValueError):
            pass
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


@contextlib.contextmanager
def stopped_on_signals(processes: dict[str, subprocess.Popen]):
    """While the builds run: SIGTERM or SIGINT to this process stops them too (a CI job's timeout,
    Ctrl-C), then ends this one as the signal would (the work folder is still removed)."""
    def stop(number, frame):
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        raise KeyboardInterrupt if number == signal.SIGINT else SystemExit(128 + number)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def wait_all(processes: dict[str, subprocess.Popen], started: float) -> dict[str, tuple[int, float, float]]:
    """{language: (exit code, seconds since `started`, peak MB)} of every build, each taken when it
    ends (its own resource usage: os.wait4 on its pid)."""
    ended: dict[str, tuple[int, float, float]] = {}
    while len(ended) < len(processes):
        for lang, process in processes.items():
            if lang in ended:
                continue
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                ended[lang] = (process.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024)
        time.sleep(0.02)
    return ended


def assemble(parts: dict[str, Path], prefixes: dict[str, str]) -> Path:
    """The default language's site with each other language's folder moved in, and one sitemap
    listing every language's pages."""
    default = next(lang for lang, prefix in prefixes.items() if not prefix)
    site = parts[default]
    sitemaps = [(site / "sitemap.xml").read_text(encoding="utf-8")]
    for lang, prefix in prefixes.items():
        if not prefix:
            continue
        shutil.rmtree(site / prefix, ignore_errors=True)
        os.replace(parts[lang] / prefix, site / prefix)
        sitemaps.append((parts[lang] / "sitemap.xml").read_text(encoding="utf-8"))
    text = merged_sitemaps(sitemaps)
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return site


def build(project, site_dir: Path, strict: bool = True, log=print) -> int:
    root = project.root
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        prefixes = dict(declared_languages(project.mkdocs_yml))
        pages.generate(project)  # once, before both builds (their hooks then find it current)
    except (BuildError, ValueError) as exc:
        log(f"build: {exc}")
        return 1
    remove_stale_work(site_dir.parent)
    work = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=site_dir.parent))
    (work / "pid").write_text(str(os.getpid()), encoding="ascii")
    processes: dict[str, subprocess.Popen] = {}
    try:
        started = time.perf_counter()
        with contextlib.ExitStack() as files, stopped_on_signals(processes):
            logs = {lang: files.enter_context((work / f"{lang}.log").open("wb")) for lang in prefixes}
            processes.update({lang: start(root, lang, work / lang, strict, logs[lang]) for lang in prefixes})
            ended = wait_all(processes, started)
        results = [Built(lang, *ended[lang], (work / f"{lang}.log").read_text("utf-8", "replace")) for lang in prefixes]
        for built in results:
            for line in built.output.splitlines():
                log(f"[{built.lang}] {line}")
        failed = [b.lang for b in results if b.code != 0]
        if failed:
            log(f"build: failed for {', '.join(failed)}; {site_dir} left as it was")
            return 1
        site = assemble({lang: work / lang for lang in prefixes}, prefixes)
        if site_dir.exists():
            os.replace(site_dir, work / "previous")
        os.replace(site, site_dir)
        log("build: " + ", ".join(f"{b.lang} {b.seconds:.1f} s (peak {b.peak_mb:.0f} MB)" for b in results)
            + f"; site in {site_dir}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def register(commands) -> None:
    parser = commands.add_parser(
        "build",
        help="build the site into site/, each language in its own process, in parallel",
        description="Build every language of the site at the same time (one `mkdocs build` per "
                    "language, SITE_BUILD_LANGUAGE set), then put them together in the site folder: "
                    "the same pages as a plain `mkdocs build`, in about the time of one language. "
                    "The site folder is replaced only when every language built.",
    )
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder (default: site)")
    parser.add_argument("--no-strict", dest="strict", action="store_false",
                        help="do not stop on warnings (default: strict, as `make build`)")
    parser.set_defaults(func=run)


def run(project, args) -> int:
    return build(project, args.site_dir, args.strict)
