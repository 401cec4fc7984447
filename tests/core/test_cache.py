"""scripts.core.cache: digests of files and code, and the JSON caches under .cache/."""
from scripts.core import cache


def test_file_digests_tell_content_and_absence_apart(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("x", encoding="utf-8")
    assert cache.file_digest(a) == cache.text_digest("x")
    assert cache.file_digest(b) == cache.ABSENT and cache.file_digest(a / "x") == cache.ABSENT
    assert cache.file_digest(tmp_path) == cache.FOLDER
    b.write_text("", encoding="utf-8")
    assert cache.file_digest(b) not in (cache.ABSENT, cache.file_digest(a))


def test_a_files_digest_changes_with_a_name_a_content_or_the_order(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("x", encoding="utf-8")
    b.write_text("x", encoding="utf-8")
    both = cache.files_digest([a, b], tmp_path)
    assert both != cache.files_digest([b, a], tmp_path)
    assert cache.files_digest([a], tmp_path) != cache.files_digest([b], tmp_path)  # same text, other name
    b.write_text("y", encoding="utf-8")
    assert cache.files_digest([a, b], tmp_path) != both
    assert cache.combined("ab", "c") != cache.combined("a", "bc")


def test_a_missing_or_corrupt_cache_reads_as_empty_and_an_unchanged_one_is_not_rewritten(tmp_path):
    assert cache.read_cache(tmp_path, "x.json") == {}
    assert cache.write_cache(tmp_path, "x.json", {"k": [1, "v"]})
    assert cache.read_cache(tmp_path, "x.json") == {"k": [1, "v"]}
    assert not cache.write_cache(tmp_path, "x.json", {"k": [1, "v"]})
    cache.cache_path(tmp_path, "x.json").write_text("[1, 2", encoding="utf-8")
    assert cache.read_cache(tmp_path, "x.json") == {}
    cache.cache_path(tmp_path, "x.json").write_text("[1, 2]", encoding="utf-8")
    assert cache.read_cache(tmp_path, "x.json") == {}


def test_the_code_digest_follows_the_packages_asked_for_and_the_shared_code(tmp_path, monkeypatch):
    for name in ("core/fsutil.py", "project.py", "ingest/run.py", "ingest/deep/rules.py", "pages/archive.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "SCRIPTS_DIR", tmp_path)

    def digest(*packages):
        cache.code_digest.cache_clear()
        return cache.code_digest(*packages)

    ingest, pages = digest("ingest"), digest("pages")
    assert ingest != pages
    (tmp_path / "pages" / "archive.py").write_text("x = 2\n", encoding="utf-8")
    assert digest("ingest") == ingest and digest("pages") != pages  # another stage's code: no effect
    for name in ("ingest/deep/rules.py", "core/fsutil.py", "project.py"):  # subpackages, shared code
        (tmp_path / name).write_text(f"changed = {name!r}\n", encoding="utf-8")
        assert digest("ingest") != ingest
        ingest = digest("ingest")
    cache.code_digest.cache_clear()
