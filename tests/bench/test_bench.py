"""The benchmark's corpus, site measurements and targets; one real pipeline pass at N=5."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml

from bench import run as bench, corpus as bench_corpus, report as bench_report, site_stats as bench_site
from scripts.core.slugs import page_slug
from scripts.core.vietnamese import normalize
from tests.support.project import REPO as ROOT

N = 5


@pytest.fixture(scope="module")
def settings():
    return bench_corpus.load_settings()


@pytest.fixture(scope="module")
def articles(settings):
    return bench_corpus.corpus(N, settings, bench_corpus.seed_texts())


def test_corpus_has_distinct_titles_files_and_slugs(articles):
    assert len(articles) == N
    assert len({a.title for a in articles}) == N
    assert len({a.name for a in articles}) == N
    assert len({page_slug(a.title) for a in articles}) == N


def test_corpus_is_deterministic_and_depends_on_the_seed(settings, articles):
    seeds = bench_corpus.seed_texts()
    assert bench_corpus.corpus(N, settings, seeds) == articles
    other = dict(settings, corpus=dict(settings["corpus"], seed=settings["corpus"]["seed"] + 1))
    assert [a.text for a in bench_corpus.corpus(N, other, seeds)] != [a.text for a in articles]


def test_raw_article_has_the_seed_layout(articles, settings):
    chrome = settings["chrome"]
    for article in articles:
        lines = article.text.splitlines()
        assert lines[0] == chrome["logo"]
        assert lines[2] == article.title
        weekday, day = re.fullmatch(r"(.+), (\d\d/\d\d/\d{4}) \d\d:\d\d \(GMT\+0\)", lines[4]).groups()
        date = dt.datetime.strptime(day, "%d/%m/%Y")
        assert weekday == bench_corpus.WEEKDAYS[date.weekday()]
        assert date.date() == article.date.date()
        assert lines[5:8] == [*chrome["share"], chrome["audio"]]
        assert lines[9].startswith(chrome["lead_prefix"] + " ")
        assert lines[-1] == chrome["tail"][-1]


def test_dates_spread_over_the_configured_years(settings):
    seeds = bench_corpus.seed_texts()
    years = {a.date.year for a in bench_corpus.corpus(200, settings, seeds)}
    assert min(years) >= settings["corpus"]["first_year"] and max(years) <= settings["corpus"]["last_year"]
    assert len(years) >= 5


def test_paragraphs_come_from_the_seeds(articles):
    seeds = normalize(" ".join(bench_corpus.seed_texts()))
    pools = bench_corpus.pools_of([seeds])
    assert all(sentence in seeds for sentence in pools.sentences)
    body = articles[0].text
    assert sum(sentence in body for sentence in pools.sentences) >= 3


def test_settings_errors_name_the_file_and_key(tmp_path):
    path = tmp_path / "bench.yml"
    path.write_text(yaml.safe_dump({"corpus": {"seed": 1}}), encoding="utf-8")
    with pytest.raises(bench_corpus.SettingsError, match=r"bench\.yml: section 'corpus' lacks first_year"):
        bench_corpus.load_settings(path)


def test_site_stats_measure_pages_and_index(tmp_path):
    sizes = {"index.html": 5000, "articles/2024/a/index.html": 1000, "articles/2024/b/index.html": 3000,
             "en/articles/undated/a/index.html": 2000, "articles/index.html": 4000}
    for rel, size in sizes.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * size)
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_bytes(b'{"docs": []}')
    (tmp_path / "en" / "search").mkdir(parents=True)
    (tmp_path / "en" / "search" / "search_index.json").write_bytes(b'{"docs": [{"location": "en/"}]}')
    (tmp_path / "en" / "search" / "search_titles.json").write_bytes(b'{"docs": []}')
    stats = bench_site.site_stats(tmp_path, articles=2, reference_text="một hai ba " * 50)
    assert stats["html_pages"] == 5
    assert stats["article_pages"] == 3
    assert stats["median_article_kb"] == 2.0
    assert (stats["largest_page"], stats["largest_page_kb"]) == ("index.html", 5.0)
    assert stats["search_raw_per_article_kb"] == (12 + 31 + 12) / 1e3 / 2  # titles-only index counted
    assert set(stats["search_indexes"]) == {"/", "en/"}
    assert stats["search_gzip_projected_per_article_kb"] == stats["search_indexes"]["en/"]["projected_gzip_per_article_kb"]
    assert stats["search_bytes_by_section"] == {"home": len(json.dumps({"location": "en/"}).encode())}


def test_stock_config_keeps_nav_and_extensions_but_no_hooks_or_i18n():
    project = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    stock = bench_site.stock_config(project)
    loader = type("L", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)
    ours, theirs = yaml.load(project, loader), yaml.load(stock, loader)
    assert theirs["nav"] == ours["nav"]
    assert theirs["markdown_extensions"] == ours["markdown_extensions"]
    assert theirs["plugins"] == ["search"]
    assert "hooks" not in theirs and "custom_dir" not in theirs["theme"]


def test_targets_pass_and_fail_on_the_thresholds(settings):
    median = {"noop_s": 2.9, "ingest_per_s": 49.0, "bilingual_over_stock": 2.2, "build_per_page_ms": 6.0,
              "median_article_kb": 20, "largest_page_kb": 301, "search_gzip_projected_per_article_kb": 1.9,
              "first_search_s": None, "build_peak_mb": 500}
    report = {"sizes": [100, settings["target_size"]],
              "results": {"100": {"median": dict(median, build_per_page_ms=5.0)},
                          str(settings["target_size"]): {"median": median}}}
    verdicts = {t["name"].split(" (")[0]: t["passed"] for t in bench_report.targets(report, settings)}
    assert verdicts["No-op rerun of the pipeline"] is True
    assert verdicts["Ingest throughput"] is False
    assert verdicts["Bilingual build / stock monolingual"] is True
    assert verdicts["Largest page"] is False
    assert verdicts["First search in the browser"] is None


@pytest.mark.slow
def test_one_pipeline_pass_ingests_n_distinct_pages(tmp_path, articles):
    project = bench.copy_project(tmp_path / "project")
    bench_corpus.write_corpus(articles, project / "sources")
    bench.stage_in(project, "ingest")
    pages = sorted((project / "docs" / "vi" / "articles").glob("*/*.md"))
    pages = [p for p in pages if p.name != "index.md"]
    assert len(pages) == N
    assert len({p.stem for p in pages}) == N
    years = {p.parent.name for p in pages}
    assert years <= {str(a.date.year) for a in articles}


def test_index_breakdown_sums_entries_by_part_of_the_site():
    entries = [{"location": "articles/2024/a/", "text": "x" * 100}, {"location": "en/articles/2024/a/#s", "text": ""},
               {"location": "articles/2024/", "text": ""}, {"location": "en/glossary/#iom", "text": "y" * 50}]
    raw = json.dumps({"docs": entries}).encode()
    parts = bench_site.index_breakdown({"": raw})
    size = {k: len(json.dumps(e, ensure_ascii=False).encode()) for k, e in enumerate(entries)}
    assert parts == {"article": size[0] + size[1], "glossary": size[3], "archive": size[2]}
    assert list(parts) == ["article", "glossary", "archive"]


def test_medians_skip_runs_that_did_not_measure_a_figure():
    rows = [{"ingest_s": 4.0, "build_s": 1.0, "largest_page": "a"},
            {"ingest_s": None, "build_s": 3.0, "largest_page": "b"},
            {"ingest_s": None, "build_s": 2.0, "largest_page": "c"}]
    assert bench.medians(rows) == {"ingest_s": 4.0, "build_s": 2.0, "largest_page": "a"}


@pytest.mark.slow
def test_bench_events_times_a_real_build_by_event(tmp_path):
    """bench/events.py (the per-event timing quoted in benchmarks/NOTES.md) runs a real build of
    one language of a fixture project and names the parts it timed."""
    import os
    import subprocess
    import sys

    from tests.support.project import copy_project

    project = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "bench.events", str(tmp_path / "out")], cwd=project,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "SITE_BUILD_LANGUAGE": "vi", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "whole build" in result.stdout and "_populate_page" in result.stdout
    assert (tmp_path / "out" / "index.html").is_file()


def test_page_url_of_a_page_in_each_language(tmp_path):
    from bench.serve import page_url

    docs = tmp_path / "docs"
    assert page_url(docs, docs / "vi" / "articles" / "2024" / "a.md") == "/articles/2024/a/"
    assert page_url(docs, docs / "en" / "articles" / "2024" / "a.md") == "/en/articles/2024/a/"
    assert page_url(docs, docs / "en" / "articles" / "2024" / "index.md") == "/en/articles/2024/"
    assert page_url(docs, docs / "vi" / "index.md") == "/"
