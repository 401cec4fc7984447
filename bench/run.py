"""`make bench`: run the real pipeline and build on a synthetic corpus in a temporary copy of the site."""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import corpus as bench_corpus, report as bench_report, site_stats as bench_site
from scripts.core.fsutil import write_atomic
from scripts.project import CODE_ROOT as ROOT
from scripts.project import Project

# Paths of the repository that a benchmark copy leaves out: the real raw articles and their pages
# are replaced by the synthetic corpus; tests, CI files and old reports are not read by a build.
NOT_COPIED = ("sources/", "docs/vi/articles/", "docs/en/articles/", "tests/", "benchmarks/", ".ci/", ".git/")
RESULT_MARK = "BENCH-RESULT "
CHILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass(frozen=True)
class Measured:
    """One child process: wall seconds, peak resident memory (MB), exit code and output."""

    seconds: float
    peak_mb: float
    code: int
    stdout: str
    stderr: str

    def result(self) -> dict:
        """The JSON a stage child printed after RESULT_MARK ({} when none)."""
        for line in reversed(self.stdout.splitlines()):
            if line.startswith(RESULT_MARK):
                return json.loads(line[len(RESULT_MARK):])
        return {}


def measure(command: list[str], cwd: Path) -> Measured:
    """Run `command` in `cwd`; its wall time and its own peak RSS (os.wait4, so that earlier
    children do not count: RUSAGE_CHILDREN keeps the maximum over the whole bench)."""
    env = dict(os.environ, **CHILD_ENV)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(seconds, usage.ru_maxrss / 1024, process.returncode,
                        out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def repository_files(root: Path = ROOT) -> list[str]:
    """Files of the repository as a clone would have them (tracked and new, not ignored),
    minus NOT_COPIED; outside git, the site inputs that a build reads."""
    try:
        listing = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others",
                                  "--exclude-standard"], capture_output=True, check=True).stdout
        names = [n for n in listing.decode("utf-8").split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
                 and ".venv" not in p.parts and "__pycache__" not in p.parts]
    return sorted(n for n in names if not n.startswith(NOT_COPIED) and (root / n).is_file())


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """A private copy of the repository (code included, as a clone has it) in `dest`, without its
    content: the stages run in it work on the copy (the project their code is in)."""
    for name in repository_files(root):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    (dest / "sources").mkdir(exist_ok=True)
    return dest


def stage_command(name: str) -> list[str]:
    return [sys.executable, "-m", "bench.run", "--stage", name]


def run_stage(name: str) -> dict:
    """In a child whose code is a benchmark copy's: run one pipeline stage on it (or the memory
    prefill) and time it inside the process (so the figure excludes interpreter start-up and imports)."""
    from bench.memory_fixture import prefill_memory
    from scripts import update

    stage = {**dict(update.STAGES), "prefill": prefill_memory}[name]
    start = time.perf_counter()
    code = stage(Project())
    return {"seconds": time.perf_counter() - start, "code": int(code or 0)}


def docs_state(docs: Path) -> dict[str, int]:
    """Modification time of every page under docs/, to tell whether a rerun wrote anything."""
    return {p.as_posix(): p.stat().st_mtime_ns for p in Path(docs).rglob("*.md")}


def stage_in(project: Path, name: str) -> tuple[Measured, dict]:
    measured = measure(stage_command(name), project)
    result = measured.result()
    if measured.code != 0 or result.get("code", 0) != 0:
        raise RuntimeError(f"stage {name} failed in {project} (exit {measured.code}):\n"
                           f"{measured.stdout[-3000:]}\n{measured.stderr[-3000:]}")
    return measured, result


_PEAK = re.compile(r"\(peak (\d+) MB\)")


def build(project: Path, strict: bool = True, parallel: bool = False) -> Measured:
    """`mkdocs build` in one process, or with `parallel` the site's `python -m scripts build` (one
    process per language); the latter's peak memory is the sum of its processes' peaks."""
    if parallel:
        command = [sys.executable, "-m", "scripts", "build", "--site-dir", "site"] + ([] if strict else ["--no-strict"])
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"] + (["--strict"] if strict else [])
    measured = measure(command, project)
    if measured.code != 0:
        raise RuntimeError(f"{' '.join(command[2:4])} failed in {project}:\n{measured.stdout[-2000:]}\n"
                           f"{measured.stderr[-4000:]}")
    if parallel:
        peaks = [int(m) for m in _PEAK.findall(measured.stdout)]
        measured = Measured(measured.seconds, measured.peak_mb + sum(peaks), measured.code, measured.stdout,
                            measured.stderr)
    return measured


def stock_project(project: Path) -> Path:
    """The same Vietnamese pages (generated ones included) with a stock configuration."""
    stock = project / "stock"
    shutil.copytree(project / "docs" / "vi", stock / "docs")
    config = bench_site.stock_config((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (stock / "mkdocs.yml").write_text(config, encoding="utf-8")
    return stock


def run_once(n: int, articles: list, workdir: Path, settings: dict, browser: bool, prose: str,
             profile: bool = False, serve: bool = True, ingested: Path | None = None,
             keep_ingested: Path | None = None) -> dict:
    """One pass over the whole pipeline and both builds at size `n`; returns its figures. With
    `serve`, also a contributor's rebuild under `mkdocs serve` after editing an article.

    With `ingested` (the docs/ an earlier run's ingest wrote from the same corpus), the ingest
    stage is not run again and its figures are None; `keep_ingested` saves docs/ after ingest."""
    project = copy_project(Path(tempfile.mkdtemp(prefix=f"n{n}-", dir=workdir)))
    try:
        bench_corpus.write_corpus(articles, project / "sources")
        row: dict = {}
        if ingested is None:
            ingest, result = stage_in(project, "ingest")
            row.update(ingest_s=result["seconds"], ingest_process_s=ingest.seconds, ingest_peak_mb=ingest.peak_mb,
                       ingest_per_s=n / result["seconds"])
            if keep_ingested is not None:
                shutil.copytree(project / "docs", keep_ingested)
        else:
            shutil.rmtree(project / "docs")
            shutil.copytree(ingested, project / "docs")
            row.update(ingest_s=None, ingest_process_s=None, ingest_peak_mb=None, ingest_per_s=None)
        from scripts.core.content import article_paths
        row["vi_articles"] = len(article_paths(project / "docs", "vi"))
        stage_in(project, "prefill")
        row["memory_prefilled"] = True
        translate, result = stage_in(project, "translate")
        row.update(translate_s=result.get("seconds"), translate_peak_mb=translate.peak_mb)
        row["en_articles"] = len(article_paths(project / "docs", "en"))
        _, result = stage_in(project, "pages")
        row["pages_s"] = result.get("seconds")
        # The stages above wrote the pages; the first `update` after them checks every article once
        # (translate remembers an article only after a run that wrote nothing for it) and is
        # reported apart; the no-op rerun is the next one.
        first = measure([sys.executable, "-m", "scripts", "update"], project)
        if first.code != 0:
            raise RuntimeError(f"`python -m scripts update` failed in {project}:\n{first.stderr[-3000:]}")
        row["first_update_s"] = first.seconds
        before = docs_state(project / "docs")
        noop = measure([sys.executable, "-m", "scripts", "update"], project)
        if noop.code != 0:
            raise RuntimeError(f"`python -m scripts update` failed in {project}:\n{noop.stderr[-3000:]}")
        after = docs_state(project / "docs")
        row.update(noop_s=noop.seconds, noop_files_written=sum(before.get(k) != v for k, v in after.items()))
        sequential = build(project)
        row.update(sequential_build_s=sequential.seconds, sequential_build_peak_mb=sequential.peak_mb)
        shutil.rmtree(project / "site")
        built = build(project, parallel=True)
        stats = bench_site.site_stats(project / "site", row["vi_articles"], prose)
        row.update(build_s=built.seconds, build_peak_mb=built.peak_mb, **stats)
        row["build_per_page_ms"] = 1e3 * built.seconds / max(1, stats["html_pages"])
        row["sequential_per_page_ms"] = 1e3 * sequential.seconds / max(1, stats["html_pages"])
        stock = stock_project(project)
        stock_built = build(stock, strict=False)
        stock_stats = bench_site.site_stats(stock / "site", row["vi_articles"])
        row.update(stock_s=stock_built.seconds, stock_peak_mb=stock_built.peak_mb,
                   stock_html_pages=stock_stats["html_pages"],
                   stock_median_article_kb=stock_stats["median_article_kb"],
                   stock_per_page_ms=1e3 * stock_built.seconds / max(1, stock_stats["html_pages"]))
        row["bilingual_over_stock"] = built.seconds / stock_built.seconds
        row["sequential_over_stock"] = sequential.seconds / stock_built.seconds
        if browser:
            from bench.browser import first_search
            row.update(first_search(project / "site", settings))
        if profile:
            from bench import profiling as bench_profile
            output = project / "build.prof"
            if measure(bench_profile.profile_command(output), project).code == 0:
                row["profile"] = bench_profile.hotspots(output, project)
        if serve:  # last: the edits it makes (then undoes) leave the caches of the other measures cold
            from bench import serve as bench_serve
            articles_vi = article_paths(project / "docs", "vi")
            edited = articles_vi[len(articles_vi) // 2]
            served = bench_serve.serve_rebuild(project, edited, None, env=CHILD_ENV)
            if not served["edit_served"]:
                raise RuntimeError(f"mkdocs serve rebuilt without the edit of {edited}")
            row["serve_reload_s"] = served["edit_to_reload_s"]
            row.update(bench_serve.stock_loop(stock, settings, env=CHILD_ENV))
            row.update(bench_serve.preview_loop(project, settings, env=CHILD_ENV))
        return row
    finally:
        shutil.rmtree(project, ignore_errors=True)


def medians(rows: list[dict]) -> dict:
    """Median of every numeric figure over the runs that measured it (None: not measured in that
    run); other values from the first run."""
    summary = {}
    for key, value in rows[0].items():
        values = [r.get(key) for r in rows if r.get(key) is not None]
        numeric = bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        summary[key] = statistics.median(values) if numeric else value
    return summary


def benchmark(sizes: list[int], runs: int, settings: dict, workdir: Path, log=print, profile: bool = True,
              ingest_runs: int | None = None) -> dict:
    """Every size, `runs` times; the per-run figures, their medians and the load around them;
    with `profile`, the last run of the largest size also builds once under cProfile. Only the
    first `ingest_runs` runs ingest (default: all); later ones start from the first run's pages."""
    seeds = bench_corpus.seed_texts()
    prose = " ".join(bench_corpus.pools_of(seeds).sentences)
    report = {"machine": bench_report.machine(), "sizes": sizes, "runs": runs,
              "load_before": os.getloadavg(), "results": {}, "profile": None,
              "ingest_runs": min(runs, ingest_runs or runs)}
    started = time.perf_counter()
    for n in sizes:
        articles = bench_corpus.corpus(n, settings, seeds)
        rows = []
        for run in range(runs):
            log(f"N={n} run {run + 1}/{runs} …")
            last = profile and n == max(sizes) and run == runs - 1
            saved = workdir / f"n{n}-ingested-docs"
            reuse = saved if run >= report["ingest_runs"] else None
            keep = saved if run == 0 and report["ingest_runs"] < runs else None
            row = run_once(n, articles, workdir, settings, browser=True, prose=prose, profile=last,
                           ingested=reuse, keep_ingested=keep)
            if "profile" in row:
                report["profile"] = dict(row.pop("profile"), size=n)
            rows.append(row)
            log("  " + bench_report.one_line(row))
        report["results"][str(n)] = {"runs": rows, "median": medians(rows)}
    report["load_after"] = os.getloadavg()
    report["busy_processes"] = bench_report.busy_processes()
    report["total_s"] = time.perf_counter() - started
    report["targets"] = bench_report.targets(report, settings)
    return report


def parse_args(argv: list[str] | None, settings: dict) -> argparse.Namespace:
    defaults = settings["defaults"]
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark ingest, translate (memory only), the no-op rerun and the bilingual build "
                    "against a stock build, on synthetic corpora; writes benchmarks/latest.md and .json.")
    parser.add_argument("--sizes", default=",".join(map(str, defaults["sizes"])),
                        help="comma-separated corpus sizes, articles per language (default: %(default)s)")
    parser.add_argument(f"--with-{defaults['optional_size']}", dest="with_optional", action="store_true",
                        help=f"also run N={defaults['optional_size']} (long)")
    parser.add_argument("--runs", type=int, default=defaults["runs"], help="runs per size (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks", help="report folder (default: benchmarks/)")
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a new temporary one)")
    parser.add_argument("--no-profile", dest="profile", action="store_false",
                        help="skip the extra build under cProfile at the largest size")
    parser.add_argument("--ingest-runs", type=int, default=None,
                        help="runs per size that ingest (default: all); later runs reuse the first run's "
                             "pages, for when ingest is too slow to repeat")
    parser.add_argument("--translate-llm", type=int, metavar="N", default=None,
                        help="only translate N synthetic articles with the language-model engine through a "
                             "stand-in server (bench/translation.py; writes benchmarks/translation.json)")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.with_optional:
        args.size_list.append(defaults["optional_size"])
    return args


def main(argv: list[str] | None = None) -> int:
    settings = bench_corpus.load_settings()
    args = parse_args(argv, settings)
    if args.stage:
        print(RESULT_MARK + json.dumps(run_stage(args.stage)))
        return 0
    if args.translate_llm:
        from bench import translation

        return translation.main(args.translate_llm, args.out, args.workdir)
    workdir = Path(tempfile.mkdtemp(prefix="bench-", dir=args.workdir))
    try:
        report = benchmark(args.size_list, args.runs, settings, workdir, profile=args.profile,
                           ingest_runs=args.ingest_runs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    write_atomic(args.out / "latest.json", json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    write_atomic(args.out / "latest.md", bench_report.markdown(report, settings))
    print(f"wrote {args.out / 'latest.md'} and {args.out / 'latest.json'}")
    failed = [t["name"] for t in report["targets"] if t["passed"] is False]
    unchecked = [t["name"] for t in report["targets"] if t["passed"] is None]
    print("targets missed: " + (", ".join(failed) or "none") + "; not checked: " + (", ".join(unchecked) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
