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


def start(root: Path, lang: str, site: Path, strict: bool, output) -> subprocess.Popen:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)] + (["--strict"] if strict else [])
    env = dict(os.environ, **{LANGUAGE_VARIABLE: lang, "NO_MKDOCS_2_WARNING": "1"})
    return subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)


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
    work = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=site_dir.parent))
    try:
        started = time.perf_counter()
        with contextlib.ExitStack() as files:
            logs = {lang: files.enter_context((work / f"{lang}.log").open("wb")) for lang in prefixes}
            processes = {lang: start(root, lang, work / lang, strict, logs[lang]) for lang in prefixes}
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
