"""The real bilingual build: exact output pages in both languages, linked by the switcher."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

from scripts.build.i18n import BuildError, declared_languages
from tests.support.project import REPO as ROOT

CORE_PAGES = {"index.html", "about/index.html", "articles/index.html"}
SITE_FILES = {"404.html", "sitemap.xml", "search/search_index.json"}
SWITCH = re.compile(r'<a href="([^"]*)" hreflang="(vi|en)"[^>]* class="md-select__link"[^>]*>')


def html_of(md: Path, lang_root: Path) -> str:
    rel = md.relative_to(lang_root).with_suffix("")
    if rel.name == "index":
        rel = rel.parent
    return (PurePosixPath(rel.as_posix()) / "index.html").as_posix().lstrip("./") or "index.html"


def expected_pages(site: Path) -> set[str]:
    """Every Vietnamese page of the built project, generated ones included, gives one HTML page."""
    vi = site.parent / "docs" / "vi"
    pages = {html_of(p, vi) for p in vi.rglob("*.md")}
    return pages | CORE_PAGES


def vi_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if not p.relative_to(site).as_posix().startswith("en/") and p.name != "404.html"}


def test_exact_pages_exist_in_both_languages(built_site):
    expected = expected_pages(built_site)
    assert vi_pages(built_site) == expected
    en = {p.relative_to(built_site / "en").as_posix() for p in (built_site / "en").rglob("*.html")}
    assert en == expected | {"404.html"}
    for name in SITE_FILES:
        assert (built_site / name).is_file(), name


def test_language_switcher_links_each_page_to_its_counterpart(built_site):
    for page in sorted(vi_pages(built_site)):
        for lang_prefix, other_prefix, other in (("", "en/", "en"), ("en/", "", "vi")):
            url = f"/{lang_prefix}{page}"
            html = (built_site / (lang_prefix + page)).read_text(encoding="utf-8")
            links = dict((lang, href) for href, lang in SWITCH.findall(html))
            assert other in links, f"{url}: no link to the {other} version"
            target = urljoin(url, links[other])
            assert target in (f"/{other_prefix}{page}", f"/{other_prefix}{page}".removesuffix("index.html")), (
                f"{url}: switcher leads to {target}"
            )


def test_html_lang_and_absolute_hreflang_in_sitemap(built_site):
    assert '<html lang="vi"' in (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (built_site / "en" / "index.html").read_text(encoding="utf-8")
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r'hreflang="en" href="https?://[^"]+/en/about/"', sitemap)
    assert re.search(r'hreflang="vi" href="https?://[^"]+/about/"', sitemap)


def test_the_parallel_build_gives_the_same_site(built_site, tmp_path):
    """`python -m scripts build` (one process per language, then put together) gives the very
    files of `mkdocs build` (one process, static-i18n's nested builds)."""
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "scripts", "build", "--root", str(built_site.parent),
                             "--site-dir", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    files = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == files
    assert [f for f in files if (out / f).read_bytes() != (built_site / f).read_bytes()] == []
    assert "[vi]" in result.stdout and "[en]" in result.stdout


def test_a_build_replaces_the_site_it_built_before(built_site, tmp_path):
    """Every second `make build` replaces an existing site/: nothing of the old one is left, and
    no work folder either."""
    project = tmp_path / "project"
    shutil.copytree(built_site.parent, project, ignore=shutil.ignore_patterns("site"))
    out = project / "site"
    command = [sys.executable, "-m", "scripts", "build", "--root", str(project), "--site-dir", "site"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    (out / "left-over.html").write_text("from an older build", encoding="utf-8")
    about = project / "docs" / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA sentence added since.\n", encoding="utf-8")
    second = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stdout + second.stderr
    assert not (out / "left-over.html").exists()
    assert "A sentence added since." in (out / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert not list(project.glob(".site-build-*"))


def test_a_failed_language_leaves_the_site_as_it_was(built_site, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_site.parent, project, ignore=shutil.ignore_patterns("site"))
    (project / "docs" / "en" / "about.md").write_text("[broken](nowhere.md)\n", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the published site", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "scripts", "build", "--root", str(project), "--site-dir", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert "failed for en" in result.stdout and "nowhere.md" in result.stdout
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert not list(tmp_path.glob(".site-build-*"))


def test_the_404_language_switcher_leads_to_each_home(built_site):
    for page in ("404.html", "en/404.html"):
        links = SWITCH.findall((built_site / page).read_text(encoding="utf-8"))
        assert [(href.rstrip("./") or "/", lang) for href, lang in links] == [("/", "vi"), ("/en", "en")], links


def test_the_build_reads_its_languages_from_mkdocs_yml(tmp_path):
    languages = declared_languages
    assert languages(ROOT / "mkdocs.yml") == [("vi", ""), ("en", "en/")]
    (tmp_path / "mkdocs.yml").write_text("site_url: !ENV [X, y]\nplugins:\n  - search\n  - i18n:\n"
                                         "      languages:\n        - {locale: en, build: true}\n"
                                         "        - {locale: fr, default: true}\n        - {locale: de, build: false}\n")
    assert languages(tmp_path / "mkdocs.yml") == [("fr", ""), ("en", "en/")]
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - i18n:\n      languages:\n        - {locale: en}\n")
    with pytest.raises(BuildError, match="mkdocs.yml: plugins.i18n.languages must build a default language"):
        languages(tmp_path / "mkdocs.yml")
