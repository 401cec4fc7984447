"""The benchmark's report: machine description, targets with pass/fail, Markdown table."""
from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from importlib import metadata

PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "pymdown-extensions",
            "Jinja2", "PyYAML", "playwright")

# Rows of the table: (label, key of a run's figures, format).
ROWS = [
    ("Ingest: articles/s (in process)", "ingest_per_s", "{:.1f}"),
    ("Ingest: seconds in process / whole process", ("ingest_s", "ingest_process_s"), "{:.2f} / {:.2f}"),
    ("Ingest: peak memory (MB)", "ingest_peak_mb", "{:.0f}"),
    ("Vietnamese / English article pages", ("vi_articles", "en_articles"), "{:.0f} / {:.0f}"),
    ("Translate from memory, no engine (s)", "translate_s", "{:.2f}"),
    ("Translate: peak memory (MB)", "translate_peak_mb", "{:.0f}"),
    ("Generated pages stage (s)", "pages_s", "{:.2f}"),
    ("First `python -m scripts update` after the stages (s)", "first_update_s", "{:.2f}"),
    ("**No-op rerun**, `python -m scripts update` (s)", "noop_s", "{:.2f}"),
    ("No-op rerun: pages rewritten", "noop_files_written", "{:.0f}"),
    ("**Bilingual build** `python -m scripts build` (s)", "build_s", "{:.1f}"),
    ("Bilingual build: HTML pages / ms per page", ("html_pages", "build_per_page_ms"), "{:.0f} / {:.1f}"),
    ("Bilingual build: peak memory, both processes (MB)", "build_peak_mb", "{:.0f}"),
    ("One-process bilingual build `mkdocs build --strict` (s)", "sequential_build_s", "{:.1f}"),
    ("One-process build: ms per page / peak memory (MB)", ("sequential_per_page_ms", "sequential_build_peak_mb"),
     "{:.1f} / {:.0f}"),
    ("**`make serve`** (`python -m scripts serve`): a Vietnamese article edited → served (s)", "preview_vi_edit_s", "{:.1f}"),
    ("`make serve`: an English page post-edited → served (s)", "preview_en_edit_s", "{:.1f}"),
    ("`make serve`: a glossary term edited → its term page served (s)", "preview_term_edit_s", "{:.1f}"),
    ("`make serve`: an article added to sources/ → its page served (s)", "preview_new_article_s", "{:.1f}"),
    ("`make serve`: start → serving both languages (s)", "preview_ready_s", "{:.1f}"),
    ("Stock `mkdocs serve`, Vietnamese only: an article edited → served (s)", "stock_serve_vi_edit_s", "{:.1f}"),
    ("Stock `mkdocs serve`: a new article page → served (s)", "stock_serve_new_article_s", "{:.1f}"),
    ("Stock `mkdocs serve`: start → serving (s)", "stock_serve_ready_s", "{:.1f}"),
    ("`mkdocs serve` with the project's configuration: an article edited → browser reloads (s)", "serve_reload_s", "{:.1f}"),
    ("**Stock build**, Vietnamese only (s)", "stock_s", "{:.1f}"),
    ("Stock build: HTML pages / ms per page", ("stock_html_pages", "stock_per_page_ms"), "{:.0f} / {:.1f}"),
    ("Stock build: peak memory (MB)", "stock_peak_mb", "{:.0f}"),
    ("**Bilingual / stock** wall time", "bilingual_over_stock", "{:.2f}×"),
    ("One-process bilingual / stock wall time", "sequential_over_stock", "{:.2f}×"),
    ("site/ size (MB)", "site_mb", "{:.1f}"),
    ("Median article page (KB; stock)", ("median_article_kb", "stock_median_article_kb"), "{:.1f} ({:.1f})"),
    ("Largest page (KB)", "largest_page_kb", "{:.1f}"),
    ("Search index raw / gzip (MB)", ("search_raw_mb", "search_gzip_mb"), "{:.2f} / {:.2f}"),
    ("Search indexes gzip per article, both languages, as measured (KB)", "search_gzip_per_article_kb", "{:.2f}"),
    ("Search index of one language, gzip per article, projected for real text (KB)", "search_gzip_projected_per_article_kb",
     "{:.2f}"),
    ("Browser: home page load (s)", "page_load_s", "{:.2f}"),
    ("**Browser: first search answered** (s)", "first_search_s", "{:.2f}"),
    ("Browser: search answering from the whole text (s)", "whole_text_search_s", "{:.2f}"),
]


def machine() -> dict:
    """CPU model, cores, memory, OS, Python and the versions of the packages that build the site."""
    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(int(line.split()[1]) for line in open("/proc/meminfo", encoding="utf-8")
                         if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        memory_kb = 0
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
            "commit": _commit(),
            "os": platform.platform(), "python": platform.python_version(), "packages": versions,
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


def _commit() -> str:
    """The repository's commit, with "+ uncommitted changes" when the tree differs from it."""
    from scripts.project import CODE_ROOT as ROOT

    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head} + uncommitted changes" if dirty else head


def busy_processes(limit: int = 5) -> list[str]:
    """The processes using most CPU at the end of the run (were other jobs competing?)."""
    try:
        out = subprocess.run(["ps", "-eo", "pcpu,etime,comm", "--sort=-pcpu"], capture_output=True,
                             text=True, timeout=10).stdout.splitlines()
    except OSError:
        return []
    return [" ".join(line.split()) for line in out[1:limit + 1]]


def one_line(row: dict) -> str:
    """A progress line for one run."""
    def value(key: str, fmt: str) -> str:
        return "–" if row.get(key) is None else format(row[key], fmt)

    return (f"ingest {value('ingest_per_s', '.1f')}/s, no-op {value('noop_s', '.2f')} s, "
            f"build {value('build_s', '.1f')} s vs stock {value('stock_s', '.1f')} s "
            f"({value('bilingual_over_stock', '.2f')}×), search {value('first_search_s', '.2f')} s")


def _at(report: dict, n: int) -> dict | None:
    block = report["results"].get(str(n))
    return block["median"] if block else None


def _ratio(a, b):
    return a / b if a is not None and b else None


def targets(report: dict, settings: dict) -> list[dict]:
    """Each target of bench/bench.yml with the measured median at target_size and pass/fail
    (passed is None when that size was not run)."""
    goal = settings["targets"]
    n = settings["target_size"]
    at = _at(report, n) or {}
    smallest = _at(report, min(report["sizes"])) if report["sizes"] else None
    growth = None
    if at and smallest and min(report["sizes"]) != n:
        growth = at["build_per_page_ms"] / smallest["build_per_page_ms"]
    checks = [
        ("No-op rerun of the pipeline", "s", at.get("noop_s"), "<", goal["noop_rerun_s"]),
        ("Ingest throughput", "articles/s", at.get("ingest_per_s"), ">=", goal["ingest_articles_per_s"]),
        ("Bilingual build / stock monolingual", "×", at.get("bilingual_over_stock"), "<=",
         goal["bilingual_over_stock"]),
        (f"Per-page build time at N={n} / at N={min(report['sizes'])}", "×", growth, "<=",
         goal["per_page_growth"]),
        ("Median article page", "KB", at.get("median_article_kb"), "<", goal["median_article_page_kb"]),
        ("Largest page", "KB", at.get("largest_page_kb"), "<=", goal["largest_page_kb"]),
        ("Search index gzip per article (one language's, projected for real text)", "KB",
         at.get("search_gzip_projected_per_article_kb"), "<", goal["search_gzip_per_article_kb"]),
        ("First search in the browser", "s", at.get("first_search_s"), "<", goal["first_search_s"]),
        ("Peak memory of the build", "MB", at.get("build_peak_mb"), "<", goal["build_peak_memory_mb"]),
        ("`make serve`: a Vietnamese article edited → served", "s", at.get("preview_vi_edit_s"), "<",
         goal["preview_edit_served_s"]),
        ("`make serve` / stock `mkdocs serve` (Vietnamese only), the same edit", "×",
         _ratio(at.get("preview_vi_edit_s"), at.get("stock_serve_vi_edit_s")), "<", 1.0),
    ]
    compare = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b}
    return [{"name": name, "unit": unit, "measured": value, "op": op, "threshold": limit,
             "passed": None if value is None else compare[op](value, limit)}
            for name, unit, value, op, limit in checks]


def _cell(row: dict, key, fmt: str) -> str:
    keys = key if isinstance(key, tuple) else (key,)
    values = [row.get(k) for k in keys]
    if any(v is None for v in values):
        return "–"
    return fmt.format(*values)


def table(report: dict) -> list[str]:
    """The figures as a Markdown table, one column per N (medians of the runs)."""
    sizes = report["sizes"]
    lines = ["| median of runs | " + " | ".join(f"N = {n:,}" for n in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for label, key, fmt in ROWS:
        cells = [_cell(report["results"][str(n)]["median"], key, fmt) for n in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def target_lines(report: dict) -> list[str]:
    lines = ["| target | threshold | measured | holds |", "|---|---|---:|---|"]
    for t in report["targets"]:
        measured = "not run" if t["measured"] is None else f"{t['measured']:.2f} {t['unit']}"
        verdict = {True: "yes", False: "**no**", None: "–"}[t["passed"]]
        lines.append(f"| {t['name']} | {t['op']} {t['threshold']} {t['unit']} | {measured} | {verdict} |")
    return lines


def markdown(report: dict, settings: dict) -> str:
    """benchmarks/latest.md: what was run, the table, the targets, the machine."""
    m = report["machine"]
    n = settings["target_size"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
    lines = [
        "# Benchmark: pipeline and build at scale", "",
        f"Generated by `make bench` (`python -m bench --sizes {','.join(map(str, report['sizes']))} "
        f"--runs {report['runs']}{ingest_flag(report)}`) on {m['date']}; medians of {report['runs']} runs"
        f"{ingest_note(report)}; N = articles per language. "
        "Each run copies the repository into a temporary folder, writes N synthetic raw articles "
        "(seed sentences recombined in the seed's scraped format) into its sources/, and runs there: "
        "ingest, a translation-memory prefill (segments marked `bench-fixture`, synthetic text, no engine), "
        "translate from memory, generated pages, `python -m scripts update` once (it checks every "
        "article once: translate remembers an article only after a run that wrote nothing for it), "
        "then the no-op rerun `python -m scripts update`, "
        "the site's build in one process (`mkdocs build --strict`: static-i18n builds the languages one "
        "after the other) and as `make build` does it (`python -m scripts build`: one process per "
        "language at the same time, the same files), the same Vietnamese pages built with a stock "
        "configuration (plain Material, search plugin, no hooks, no i18n, same nav and Markdown "
        "extensions), and a first search in headless Chromium. Times are wall clock; memory is the "
        "peak RSS of the child process (of both language processes, added, for the parallel build). "
        "The bilingual / stock target is checked on the parallel build: it uses the second core, which "
        "the one-process figures show.", "",
        *table(report), "",
        *marginal_lines(report),
        f"## Targets (N = {n:,})", "", *target_lines(report), "",
        "Why a target is missed, measured, and the change proposed for each: [NOTES.md](NOTES.md).", "",
        "Each language has its own search index, and a reader's browser loads only their language's: the "
        "raw / gzip row adds both, the per-article rows are for the larger index (Vietnamese, which also "
        "carries the accent-free words) divided by the articles it covers. Gzip at level 6, as a static host "
        "serves it. The synthetic articles repeat a few hundred seed sentences, so their index compresses "
        "much better than real news; the projected figure divides the raw size by the gzip ratio of the "
        "seeds' own prose encoded as the index is, and is the one the target is checked against.", "",
        *detail_lines(report, n),
        *profile_lines(report.get("profile")),
        "## Machine", "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_gb']} GB; {m['os']}",
        f"- Python {m['python']}; {packages}",
        f"- Repository at commit {m.get('commit', 'unknown')}",
        f"- Load average before / after: {_load(report['load_before'])} / {_load(report['load_after'])}; "
        f"busiest processes at the end: {'; '.join(report.get('busy_processes', [])) or 'n/a'}",
        f"- Whole benchmark: {report['total_s'] / 60:.1f} minutes", "",
    ]
    return "\n".join(lines)


def marginal_lines(report: dict) -> list[str]:
    """Build time per extra page between consecutive sizes: constant when the build is linear."""
    sizes = report["sizes"]
    lines = []
    for small, large in zip(sizes, sizes[1:]):
        a, b = report["results"][str(small)]["median"], report["results"][str(large)]["median"]
        for label, time_key, pages_key in (("bilingual", "build_s", "html_pages"),
                                           ("stock", "stock_s", "stock_html_pages")):
            pages = b[pages_key] - a[pages_key]
            if pages > 0:
                lines.append(f"- {label} build, N = {small:,} → {large:,}: "
                             f"{1e3 * (b[time_key] - a[time_key]) / pages:.1f} ms per extra page")
    return (["Marginal build cost (a linear build costs the same per extra page at every size; the "
             "per-page figures in the table also carry the fixed cost of a build):", "", *lines, ""]
            if lines else [])


def ingest_flag(report: dict) -> str:
    runs = report.get("ingest_runs", report["runs"])
    return f" --ingest-runs {runs}" if runs < report["runs"] else ""


def ingest_note(report: dict) -> str:
    runs = report.get("ingest_runs", report["runs"])
    if runs >= report["runs"]:
        return ""
    return (f" (ingest figures: median of the first {runs} run(s) only; the other runs start from the "
            "pages that run's ingest wrote from the same corpus, because ingest is too slow to repeat)")


def detail_lines(report: dict, n: int) -> list[str]:
    """Largest pages and what the search index holds, at `n` (or the largest size run)."""
    size = n if str(n) in report["results"] else max(report["sizes"])
    first = report["results"][str(size)]["runs"][0]
    lines = [f"### Largest pages and search index by part of the site (N = {size:,}, first run)", "",
             "| largest pages | KB |", "|---|---:|"]
    lines += [f"| `{rel}` | {kb:.1f} |" for rel, kb in first.get("largest_pages", [])]
    lines += ["", "| search index entries of | MB (raw) |", "|---|---:|"]
    lines += [f"| {part} | {size / 1e6:.2f} |" for part, size in first.get("search_bytes_by_section", {}).items()]
    return lines + [""]


def profile_lines(profile: dict | None) -> list[str]:
    """Where the bilingual build spends its time, from one build under cProfile."""
    if not profile:
        return []
    lines = [f"## Where the bilingual build spends its time (N = {profile['size']:,}, one build under cProfile)",
             "", f"cProfile slows the build down (the profiled build took {profile['build_s']:.1f} s); shares "
             "are what to read. Parts include what they call, so they overlap.", "",
             "| part | seconds | share of the build |", "|---|---:|---:|"]
    for item in profile["parts"] + profile["own"]:
        lines.append(f"| {item['part']} | {item['seconds']:.1f} | {100 * item['share']:.0f}% |")
    return lines + [""]


def _load(values) -> str:
    return " ".join(f"{v:.2f}" for v in values)
