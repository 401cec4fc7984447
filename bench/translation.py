"""`python -m bench --translate-llm N`: N synthetic articles translated with the language-model engine
through a stand-in Chat Completions server on 127.0.0.1 that answers at once (tests/support/llm_server.py),
in a private copy of the site: requests per article on the first run (batching: at most 2), the
pipeline's own wall time (the stand-in costs next to nothing), and requests on an unchanged rerun (0)."""
from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from pathlib import Path

from bench import corpus as bench_corpus
from bench.run import copy_project
from scripts.core.fsutil import write_atomic
from scripts.project import CODE_ROOT as ROOT
from scripts.project import Project


def measure(n: int, workdir: Path, log=print) -> dict:
    """Ingest N synthetic articles, translate them twice with the stand-in; the figures of both runs."""
    from scripts.glossary.terms import load_terms
    from scripts.ingest.batch import ingest
    from scripts.translate import translate_all
    from scripts.translate.engines import make_engine
    from tests.support.llm_server import LLMServer

    project = Project(copy_project(workdir / "site"))
    config = project.config_file("translation")  # the stand-in has no rate limit: measure the pipeline
    config.write_text(re.sub(r"(?m)^rate_limit: .*$", "rate_limit: 100000", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    settings = bench_corpus.load_settings()
    bench_corpus.write_corpus(bench_corpus.corpus(n, settings, bench_corpus.seed_texts()), project.sources)
    started = time.monotonic()
    ingest(project)
    log(f"ingested {n} articles in {time.monotonic() - started:.1f} s")
    terms = load_terms(project)
    runs = []
    with LLMServer() as server:
        for label in ("first", "rerun"):
            engine = make_engine("llm", project.translation_settings(), url=server.url, model="stand-in",
                                 env={}, project=project)
            before = server.requests
            started = time.monotonic()
            reports = translate_all(project, engine, terms)
            seconds = time.monotonic() - started
            requests = server.requests - before
            runs.append({"run": label, "articles": len(reports), "seconds": round(seconds, 2),
                         "requests": requests, "requests_per_article": round(requests / max(1, len(reports)), 3),
                         "max_requests_one_article": max((r.engine_requests for r in reports), default=0),
                         "segments": sum(r.segments for r in reports), "drafted": sum(r.drafted for r in reports),
                         "pending": sum(r.pending for r in reports)})
            log(f"{label}: {runs[-1]}")
    return {"n": n, "concurrency": project.translation_settings().concurrency, "runs": runs}


def main(n: int, out: Path = ROOT / "benchmarks", workdir: Path | None = None) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="bench-llm-", dir=workdir))
    try:
        result = measure(n, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    write_atomic(out / "translation.json", json.dumps(result, indent=1) + "\n")
    first, rerun = result["runs"]
    print(f"wrote {out / 'translation.json'}: {first['requests_per_article']} request(s) per article "
          f"(at most {first['max_requests_one_article']}), {first['seconds']} s for {n} articles; "
          f"rerun {rerun['requests']} request(s) in {rerun['seconds']} s")
    return 0 if first["max_requests_one_article"] <= 2 and rerun["requests"] == 0 and not first["pending"] else 1
