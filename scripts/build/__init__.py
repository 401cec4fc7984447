"""`build`: the site built one language per process, in parallel, then put together in site/."""
from __future__ import annotations

import argparse
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

import yaml

from scripts import pages
from scripts.build.feeds import merged_sitemaps
from scripts.core.fsutil import ROOT

LANGUAGE_VARIABLE = "SITE_BUILD_LANGUAGE"  # read by hooks/language.py
TEMP_PREFIX = ".site-build-"


@dataclass
class Built:
    """One language's build process: its exit code, wall seconds, peak memory (MB) and output."""

    lang: str
    code: int
    seconds: float
    peak_mb: float
    output: str


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags (!ENV, !!python/name) read as nothing: only the languages are wanted."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def languages(root: Path) -> list[tuple[str, str]]:
    """[(locale, URL prefix)] of the languages mkdocs.yml builds, the default one ("" prefix) first.
    Read from the i18n plugin's settings without loading MkDocs (the language processes start
    sooner); MkDocs itself checks those settings in each of them."""
    path = Path(root) / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"{path}: cannot be read: {exc}") from None
    plugins = config.get("plugins") or [] if isinstance(config, dict) else []
    i18n = next((p["i18n"] for p in plugins if isinstance(p, dict) and isinstance(p.get("i18n"), dict)), None)
    if i18n is None:  # one language: one process
        theme = config.get("theme") if isinstance(config, dict) else None
        return [((theme or {}).get("language", "en") if isinstance(theme, dict) else "en", "")]
    declared = [x for x in i18n.get("languages") or [] if isinstance(x, dict) and x.get("locale")]
    default = next((x["locale"] for x in declared if x.get("default")), None)
    built = [x["locale"] for x in declared if x.get("build", True)]
    if default is None or default not in built:
        raise BuildError(f"{path}: plugins.i18n.languages must build a default language")
    return [(code, "" if code == default else f"{code}/") for code in sorted(built, key=lambda c: c != default)]


class BuildError(ValueError):
    """The site cannot be built as asked; the message names the file."""


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


def build(root: Path, site_dir: Path, strict: bool = True, log=print) -> int:
    root = Path(root)
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        prefixes = dict(languages(root))
    except BuildError as exc:
        log(f"build: {exc}")
        return 1
    pages.generate(root / "docs")  # once, before both builds (their hooks then find it current)
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


def register(commands: argparse._SubParsersAction) -> None:
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
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return build(args.root, args.site_dir, args.strict)
