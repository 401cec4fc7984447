"""The built site: an English page translate wrote for an article not yet translated changes nothing a
reader gets; the site is, file for file and byte for byte, the one without that page."""
from __future__ import annotations

import json
import shutil

import pytest

from scripts.project import Project
from scripts.translate import translate_all
from tests.pages.test_untranslated import REL, without_english
from tests.support.project import run_cli


def files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_an_english_page_not_yet_translated_builds_as_an_article_without_one(tmp_path):
    missing = without_english(tmp_path / "missing")
    written = Project(tmp_path / "written")
    shutil.copytree(missing.root, written.root)
    translate_all(written, None)
    assert written.page("en", REL).is_file()
    sites = {}
    for project in (missing, written):
        result = run_cli("build", "--site-dir", str(project.root / "site"), root=project.root,
                         env={"SITE_URL": "https://example.org/"})
        assert result.returncode == 0, result.stdout + result.stderr
        sites[project] = files(project.root / "site")
    before, after = sites[missing], sites[written]
    assert sorted(before) == sorted(after)
    assert [name for name in before if before[name] != after[name]] == []
    # what that is: the Vietnamese article under /en/, out of the English search and sitemap
    page = after["en/" + REL.removesuffix(".md") + "/index.html"].decode("utf-8")
    assert 'data-status="untranslated"' in page and '<div class="article" lang="vi">' in page
    assert "Not yet translated" not in page  # the translator's notice is on the work file only
    locations = [d["location"] for d in json.loads(after["en/search/search_index.json"])["docs"]]
    assert not any(REL.removesuffix(".md") in location for location in locations)
    assert REL.removesuffix(".md") not in after["en/sitemap.xml"].decode("utf-8")
