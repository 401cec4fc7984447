"""`mkdocs serve` as a contributor uses it: an edit is rebuilt and served; a settings edit made while it
runs reaches the next build."""
from __future__ import annotations

import pytest

from bench import serve as bench_serve
from scripts.core.content import article_paths
from tests.support.project import copy_project

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("language", [None, "vi"])
def test_serve_rebuild_measures_a_real_rebuild_that_shows_the_edit(tmp_path, language):
    """`mkdocs serve` rebuilds after an article is edited, the page it then serves has the new
    paragraph (measured by bench/serve.py), and the article is left as it was."""

    project = copy_project(tmp_path)
    article = article_paths(project / "docs", "vi")[0]
    before = article.read_bytes()
    result = bench_serve.serve_rebuild(project, article, language, timeout=120)
    assert result["edit_served"] is True
    assert 0 < result["rebuild_s"] <= result["edit_to_reload_s"] < 120
    assert result["initial_build_s"] > 0
    assert article.read_bytes() == before


def test_a_label_edited_while_serving_is_served_and_in_the_next_build(tmp_path):
    """Interface words edited while `mkdocs serve` runs: the served page shows them, and so does the
    next `python -m scripts build`, without deleting .cache/ (issue 13, P1)."""
    from tests.support.project import run_cli

    project = copy_project(tmp_path / "project")
    labels = project / "config" / "labels.yml"
    with bench_serve.Serving(project, "en", timeout=120) as server:
        assert server.get("/en/articles/").count("<h1") == 1 and ">Articles<" in server.get("/en/articles/")
        changes = server.changes()
        labels.write_text(labels.read_text(encoding="utf-8").replace("archive_title: Articles",
                                                                     "archive_title: News reports"), encoding="utf-8")
        server.wait_rebuild(changes)
        assert "News reports" in server.get("/en/articles/")
    assert (project / ".cache" / "pages.json").is_file()
    built = run_cli("build", "--site-dir", "site", root=project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "News reports" in (project / "site" / "en" / "articles" / "index.html").read_text(encoding="utf-8")


# ─── The preview (python -m scripts serve, make serve) ────────────────────────────────

def rebuild_lines(server) -> list[str]:
    return [line for line in server.text().splitlines() if line.startswith("rebuilt in ")]


def test_the_preview_serves_both_languages_and_an_edit_with_one_line_per_rebuild(tmp_path):
    """`make serve`: both languages served from one address; a paragraph added to an article is
    served, searchable (the whole index kept: the other pages stay in it), and said in one line."""
    import json

    project = copy_project(tmp_path)
    article = article_paths(project / "docs", "vi")[0]
    url = bench_serve.page_url(project / "docs", article)
    with bench_serve.Preview(project, timeout=180) as server:
        assert "<html" in server.get("/") and 'lang="en"' in server.get("/en/")
        index_before = json.loads(server.get("/search/search_index.json"))["docs"]
        english_index = server.get("/en/search/search_index.json")
        lines = len(rebuild_lines(server))
        marker = "kiemtrapreview"
        seconds = server.edit_served(article, article.read_bytes() + f"\nĐoạn thêm {marker}.\n".encode(), url, marker)
        assert seconds < 60
        added = rebuild_lines(server)[lines]
        assert article.relative_to(project).as_posix() in added and " s (vi " in added
        # The restore was rebuilt too: exactly two rebuilds, the edit's and the restore's.
        assert len(rebuild_lines(server)) == lines + 2
        index_after = json.loads(server.get("/search/search_index.json"))["docs"]
        assert sorted(e["location"] for e in index_after) == sorted(e["location"] for e in index_before)
        assert server.get("/en/search/search_index.json") == english_index  # untouched language
        assert "not included in the nav" not in server.text()  # quiet: no list of thousands of pages


def test_each_save_is_one_rebuild_whatever_the_pipeline_writes_for_it(tmp_path):
    """A term edited: its term page shows it; a sidecar edited: ingest rewrites the article and the
    page shows the new author. Each save is one rebuild: the files the pipeline writes for it
    (generated pages, the article, its English page and memory) are not taken for edits of their
    own (issue 18: a glossary or title edit caused two rebuilds and reloads)."""
    import os
    import time

    project = copy_project(tmp_path)
    term = project / "glossary" / "terms" / "iom.yml"
    sidecar = sorted((project / "sources").glob("*.meta.yml"))[0]
    article = project / "docs" / "vi" / "articles" / "undated" / sidecar.name.replace(".meta.yml", ".md")
    english = project / "docs" / "en" / article.relative_to(project / "docs" / "vi")
    assert article.is_file() and english.is_file()

    def saved_as_sed_does(path, text):
        """`sed -i` (and many editors): a temporary file beside the page, renamed over it."""
        temporary = path.parent / "sedQ1x9Zk"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)

    with bench_serve.Preview(project, timeout=180) as server:
        for path, text, url, marker, save in (
                (term, bench_serve._edited_term(term.read_text(encoding="utf-8"), "kiemtraterm"), "/glossary/iom/",
                 "kiemtraterm", None),
                (sidecar, sidecar.read_text(encoding="utf-8") + "author: Kiểm Tra Viên\n",
                 bench_serve.page_url(project / "docs", article), "Kiểm Tra Viên", None),
                (english, english.read_text(encoding="utf-8") + "\nA paragraph checkedpreview.\n",
                 bench_serve.page_url(project / "docs", english), "checkedpreview", saved_as_sed_does)):
            lines = len(rebuild_lines(server))
            (save or (lambda p, t: p.write_text(t, encoding="utf-8")))(path, text)
            server.wait_for(lambda _: server.shows(url, marker), url)
            time.sleep(3)  # a second rebuild, were there one, would have started
            assert len(rebuild_lines(server)) == lines + 1, rebuild_lines(server)[lines:]
            assert path.relative_to(project).as_posix() in rebuild_lines(server)[lines]
            assert "sedQ1x9Zk" not in rebuild_lines(server)[lines]  # the editor's temporary file is not a change
        assert "Kiểm Tra Viên" in article.read_text(encoding="utf-8")


def test_the_preview_starts_with_a_bad_sidecar_and_a_bad_term_and_says_so(tmp_path):
    """One bad sidecar and one bad term file: the preview starts, serves everything else and names
    both files; `update` and `check` still fail on them (issue 18)."""
    from tests.support.project import run_cli

    project = copy_project(tmp_path)
    sidecar = sorted((project / "sources").glob("*.meta.yml"))[0]
    sidecar.write_text("date: 11/11/2024\n", encoding="utf-8")
    (project / "glossary" / "terms" / "broken.yml").write_text("id: broken\nkind: [\n", encoding="utf-8")
    with bench_serve.Preview(project, timeout=180) as server:
        assert "<html" in server.get("/") and "<html" in server.get("/en/")
        assert server.shows("/glossary/iom/", "IOM")
        log = server.text()
        assert sidecar.name in log and "expected an ISO 8601 date" in log
        assert "left out of the preview" in log and "broken.yml" in log
    assert run_cli("check", root=project).returncode != 0
    assert run_cli("update", root=project).returncode != 0
