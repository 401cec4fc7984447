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
