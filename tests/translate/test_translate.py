"""translate: memory first, the real LibreTranslator for new segments, post-edits kept, honest status."""
import json
import subprocess
import sys

import pytest

from scripts.core.schema import Document

from scripts.project import Project

from scripts.core import frontmatter
from scripts.translate import memory
from scripts import translate
from scripts.translate.engines import make_engine, settings_from
from scripts.translate import translate_all, update_stage
from tests.support.project import REPO as ROOT
from tests.support.libre_server import FAKE_PREFIX, LibreServer, unaccented
from tests.support.translation_project import ARTICLE, FAST, en_page, fixture_terms, make_project, vi_page

# The fake "[en] " prefix as it appears in Markdown: an engine's brackets are shown, never markup.
SHOWN_PREFIX = "&#91;en&#93; "
SEGMENTS = 9  # title, description, 2 headings, 3 paragraphs, 2 list items in the fixture article


@pytest.fixture
def server():
    with LibreServer() as running:
        yield running


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def engine_for(server):
    return make_engine("libre", settings_from(Document(FAST, 'test settings')), url=server.url, api_key="k", env={})


def run(project, server=None, terms=None):
    [report] = translate_all(Project(project), engine_for(server) if server else None, terms)
    return report


def english(project):
    return frontmatter.read(en_page(project))


def records(project):
    return memory.load_page(Project(project), ARTICLE).records


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(project):
    """Every content file (not the .cache/, where the run that first writes nothing records that)."""
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in project.rglob("*")
            if p.is_file() and ".cache" not in p.relative_to(project).parts}


def test_first_translation_drafts_every_segment_once(project, server):
    report = run(project, server)
    assert (report.segments, report.drafted, report.pending, report.engine_requests) == (SEGMENTS, SEGMENTS, 0, SEGMENTS)
    assert server.requests == SEGMENTS
    meta, body = english(project)
    assert meta["translation"] == {"status": "machine-draft", "unmodified_mt": 1.0,
                                   "source_sha256": meta["translation"]["source_sha256"], "reviewed": False}
    assert meta["title"] == FAKE_PREFIX + unaccented("Việt Nam và IOM tăng cường hợp tác về di cư")
    assert "](https://www.iom.int/vi/di-cu)" in body and "`GCM`" in body and "**" in body
    assert "1,234.5" in body and "11/11/2024" in body
    assert all(r.origin == "libre" and r.draft == r.en for r in records(project).values())


def test_a_second_run_with_nothing_changed_costs_nothing(project, server):
    run(project, server)
    before = snapshot(project)
    report = run(project, server)
    assert (report.engine_requests, report.drafted, report.from_memory, report.written) == (0, 0, SEGMENTS, [])
    assert server.requests == SEGMENTS
    assert snapshot(project) == before


def test_one_changed_paragraph_is_one_request_and_the_rest_stays(project, server):
    run(project, server)
    old = records(project)
    edit(vi_page(project), "Phòng, chống mua bán người.", "Phòng, chống mua bán người và lao động cưỡng bức.")
    report = run(project, server)
    assert (report.engine_requests, report.drafted, report.from_memory) == (1, 1, SEGMENTS - 1)
    assert server.texts[-1] == "Phòng, chống mua bán người và lao động cưỡng bức."
    new = records(project)
    assert all(new[i] == old[i] for i in old)  # untouched, timestamps included; the old record is kept
    assert english(project)[0]["translation"]["status"] == "machine-draft"


def test_post_edits_are_recorded_as_human_and_never_overwritten(project, server):
    run(project, server)
    edit(en_page(project), SHOWN_PREFIX + "Ho tro nguoi lao dong di cu.", "Support for migrant workers.")
    report = run(project, server)
    assert (report.post_edits, report.engine_requests) == (1, 0)
    edited = [r for r in records(project).values() if r.origin == "human"]
    assert [(r.vi, r.en) for r in edited] == [("Hỗ trợ người lao động di cư.", "Support for migrant workers.")]
    assert edited[0].draft == SHOWN_PREFIX + "Ho tro nguoi lao dong di cu."  # the engine's draft is kept
    # a later change elsewhere re-drafts that segment only; the post-edit stays on the page
    edit(vi_page(project), "## Các ưu tiên", "## Những ưu tiên")
    report = run(project, server)
    assert report.engine_requests == 1
    meta, body = english(project)
    assert "- Support for migrant workers." in body
    assert 0 < meta["translation"]["unmodified_mt"] < 1


def test_reviewed_is_set_by_the_contributor_and_reset_by_a_source_change(project, server):
    run(project, server)
    edit(en_page(project), "reviewed: false", "reviewed: true")
    assert run(project, server).status == "reviewed"
    assert english(project)[0]["translation"]["status"] == "reviewed"
    edit(vi_page(project), "## Các ưu tiên", "## Những ưu tiên")
    report = run(project, server)
    assert report.status == "machine-draft" and english(project)[0]["translation"]["reviewed"] is False


def test_a_restructured_page_becomes_human_owned_and_is_flagged_outdated(project, server):
    run(project, server)
    page = en_page(project)
    text = page.read_text(encoding="utf-8")
    merged = text.replace("\n\n" + SHOWN_PREFIX + "Dai dien", " Dai dien")  # two paragraphs made one
    assert merged != text
    page.write_text(merged, encoding="utf-8")
    report = run(project, server)
    assert report.status == "human" and report.engine_requests == 0
    assert memory.load_page(Project(project), ARTICLE).owner == "human"
    body = english(project)[1]
    assert body == frontmatter.split(merged)[1]
    edit(vi_page(project), "## Các ưu tiên", "## Những ưu tiên")
    report = run(project, server)
    assert report.status == "outdated" and report.engine_requests == 0
    meta, again = english(project)
    assert again == body and meta["translation"]["status"] == "outdated"
    # the contributor brings it up to date and says so
    edit(page, "reviewed: false", "reviewed: true")
    assert run(project, server).status == "reviewed"
    assert run(project, server).status == "reviewed"


def test_a_changed_source_without_an_engine_is_outdated_with_the_vietnamese_shown(project, server):
    run(project, server)
    edit(vi_page(project), "Phòng, chống mua bán người.", "Phòng, chống mua bán người và lao động cưỡng bức.")
    report = run(project)  # offline
    assert (report.pending, report.status, report.engine_requests) == (1, "outdated", 0)
    meta, body = english(project)
    assert meta["translation"]["status"] == "outdated" and meta["translation"]["pending"] == 1
    assert "- Phòng, chống mua bán người và lao động cưỡng bức." in body
    assert '!!! warning "Translation incomplete"' in body and "1 of 9 passages" in body
    assert body.lstrip().startswith("# ") and body.index("\n# ") < body.index("!!! warning")  # after the title
    # back online: only the pending segment is drafted, the notice goes
    report = run(project, server)
    assert (report.drafted, report.engine_requests, report.status) == (1, 1, "machine-draft")
    assert "!!! warning" not in english(project)[1]


@pytest.mark.parametrize("behaviour", ["429", "500", "403", "slow"])
def test_an_engine_failure_loses_nothing_and_the_next_run_resumes(project, server, behaviour):
    edit(vi_page(project), "## Các ưu tiên", "## Các ưu tiên hàng đầu")
    run(project, server)  # everything translated
    translated = records(project)
    edit(vi_page(project), "Phòng, chống mua bán người.", "Phòng, chống buôn người.")
    edit(vi_page(project), "## Các ưu tiên hàng đầu", "## Các ưu tiên")
    server.set(behaviour, delay=3)
    report = run(project, server)
    assert report.status == "outdated" and report.pending == 2 and report.problems
    tries = 1 if behaviour == "403" else FAST["retries"] + 1
    assert report.engine_requests == tries  # the first failure stops the engine for this run
    assert all(records(project)[i] == r for i, r in translated.items())
    body = english(project)[1]
    assert "- Phòng, chống buôn người." in body and "## Các ưu tiên\n" in body
    server.set("ok")
    report = run(project, server)
    assert (report.drafted, report.pending, report.engine_requests) == (2, 0, 2)


def test_an_unreachable_engine_is_reported_not_fatal(project):
    with LibreServer() as gone:
        pass
    report = run(project, gone)
    assert report.pending == SEGMENTS and "cannot connect" in report.problems[0]


@pytest.mark.parametrize("behaviour", ["lose-placeholder", "duplicate-placeholder"])
def test_a_mangled_placeholder_fails_only_that_segment(project, server, behaviour):
    server.set(behaviour)
    report = run(project, server)
    # segments with placeholders (numbers, link, code, emphasis) fail; the others are drafted
    assert report.pending == 3 and report.drafted == SEGMENTS - 3
    assert "placeholders" in report.problems[0]
    meta, body = english(project)
    assert "⟦" not in body and meta["translation"]["pending"] == 3
    assert "Ngày 11/11/2024, Bộ Ngoại giao" in body  # shown in Vietnamese, under the notice
    server.set("ok")
    assert run(project, server).pending == 0


def test_markup_in_engine_answers_is_shown_as_text(project, server):
    server.set("markup")
    run(project, server)
    body = english(project)[1]
    assert "<script>" not in body and "\n# Heading" not in body and "**bold**" not in body
    assert "&#60;script&#62;" in body


def test_glossary_terms_reach_the_engine_as_placeholders_and_come_back_approved(project, server):
    report = run(project, server, fixture_terms())
    assert report.pending == 0
    sent = "\n".join(server.texts)
    assert "Bộ Ngoại giao" not in sent and "Tổ chức Di cư Quốc tế" not in sent and "Thỏa thuận toàn cầu" not in sent
    meta, body = english(project)
    assert "the Ministry of Foreign Affairs va the International Organization for Migration (IOM)" in meta["description"]
    assert meta["title"] == FAKE_PREFIX + "Viet Nam va IOM tang cuong hop tac ve di cu"
    assert "Global Compact for Safe, Orderly and Regular Migration." in body
    assert "https://www.iom.int/vi/di-cu" in body and "`GCM`" in body  # not inside links or code


def test_an_english_page_without_memory_is_a_human_translation(project, server):
    page = en_page(project)
    page.parent.mkdir(parents=True)
    vi_meta, vi_body = frontmatter.read(vi_page(project))
    human = vi_body.replace("# Việt Nam và IOM", "# Viet Nam and IOM").replace("Các ưu tiên", "Priorities")
    page.write_text(frontmatter.join({"title": "Viet Nam and IOM step up cooperation on migration",
                                      "description": "On 11 November 2024, the ministry met IOM.",
                                      "translation": {"status": "human", "translator_note": "by hand"}}, human),
                    encoding="utf-8")
    report = run(project, server)
    assert (report.post_edits, report.engine_requests, report.status) == (SEGMENTS, 0, "human")
    assert {(r.origin, r.draft) for r in records(project).values()} == {("human", None)}
    meta = english(project)[0]
    assert meta["title"] == "Viet Nam and IOM step up cooperation on migration"
    assert meta["translation"]["translator_note"] == "by hand"  # keys the pipeline does not own are kept


def test_the_update_stage_runs_offline(project, server, capsys):
    run(project, server)
    before = snapshot(project)
    assert update_stage(Project(project)) == 0
    assert "0 segment(s) pending, 0 file(s) written" in capsys.readouterr().out
    assert snapshot(project) == before and server.requests == SEGMENTS


def test_the_command_line_prints_one_json_record_per_page(project, server):
    command = [sys.executable, "-m", "scripts", "translate", "--engine", "libre", "--engine-url", server.url,
               "--api-key", "KEY", "--json", "--root", str(project)]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    [record] = [json.loads(line) for line in first.stdout.splitlines()]
    assert record == {"page": ARTICLE, "segments": SEGMENTS, "from_memory": 0, "drafted": SEGMENTS, "pending": 0,
                      "uncovered": 0, "engine_requests": SEGMENTS, "status": "machine-draft", "post_edits": 0,
                      "pending_reasons": [], "problems": []}
    second = subprocess.run(command + [f"docs/vi/{ARTICLE}"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert json.loads(second.stdout)["engine_requests"] == 0 and server.requests == SEGMENTS
    missing = subprocess.run(command[:-2] + ["--root", str(project), "docs/vi/articles/2099/none.md"], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "no Vietnamese article" in missing.stderr


# ─── Skipping unchanged articles (.cache/translate.json) ─────────────────────────────────

def counted_pages(monkeypatch) -> list[str]:
    """The articles translate_page is called for from now on."""
    calls, original = [], translate.translate_page

    def counted(run_state, rel, now):
        calls.append(rel)
        return original(run_state, rel, now)

    monkeypatch.setattr(translate, "translate_page", counted)
    return calls


def forbidden(*args, **kwargs):
    raise AssertionError("the memory of every article was read")


def settled(project, server):
    """Translate, then run again: the second run writes nothing, so its inputs are remembered."""
    run(project, server)
    assert run(project, server).written == []


def test_an_unchanged_article_is_skipped_without_reading_the_whole_memory(project, server, monkeypatch):
    settled(project, server)
    before, cached = snapshot(project), (project / ".cache" / translate.TRANSLATE_CACHE).stat().st_mtime_ns
    monkeypatch.setattr(memory, "finished_records", forbidden)
    calls = counted_pages(monkeypatch)
    report = run(project, server)
    assert calls == []
    assert (report.status, report.segments, report.from_memory, report.pending, report.written) == (
        "machine-draft", SEGMENTS, SEGMENTS, 0, [])
    assert snapshot(project) == before and server.requests == SEGMENTS
    assert (project / ".cache" / translate.TRANSLATE_CACHE).stat().st_mtime_ns == cached


@pytest.mark.parametrize("change", ["vietnamese page", "english page", "memory file", "glossary term",
                                    "translation settings", "lost cache", "tampered cache"])
def test_a_changed_input_is_translated_again(project, server, monkeypatch, change):
    terms = project / "glossary" / "terms"
    terms.mkdir(parents=True)
    (terms / "iom.yml").write_text("id: iom\n", encoding="utf-8")
    settled(project, server)
    calls = counted_pages(monkeypatch)
    if change == "vietnamese page":
        edit(vi_page(project), "## Các ưu tiên", "## Những ưu tiên")
    elif change == "english page":
        edit(en_page(project), SHOWN_PREFIX + "Ho tro nguoi lao dong di cu.", "Support for migrant workers.")
    elif change == "memory file":
        path = Project(project).memory_file(ARTICLE)
        path.write_text(path.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    elif change == "glossary term":
        (terms / "iom.yml").write_text("id: iom\nen: IOM\n", encoding="utf-8")
    elif change == "translation settings":
        settings = project / "config" / "translation.yml"
        settings.write_text(settings.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    elif change == "lost cache":
        (project / ".cache" / translate.TRANSLATE_CACHE).unlink()
    else:
        path = project / ".cache" / translate.TRANSLATE_CACHE
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"status": "machine-draft"', '"status": "bogus"'), encoding="utf-8")
    report = run(project, server)
    assert calls == [ARTICLE]
    if change == "vietnamese page":
        assert report.engine_requests == 1
    if change == "english page":
        assert report.post_edits == 1
        assert [r.en for r in records(project).values() if r.origin == "human"] == ["Support for migrant workers."]


def test_pending_segments_are_retried_with_an_engine_or_a_changed_memory(project, server, monkeypatch):
    run(project)  # offline: everything pending, the memory records the segments
    assert run(project).written == []
    calls = counted_pages(monkeypatch)
    assert run(project).pending == SEGMENTS and calls == []  # offline, nothing changed: skipped
    other = Project(project).memory_file("articles/2024/khac.md")
    other.write_text(Project(project).memory_file(ARTICLE).read_text(encoding="utf-8"), encoding="utf-8")
    run(project)  # another article's memory could hold the missing English
    assert calls == [ARTICLE]
    report = run(project, server)  # an engine could draft them
    assert calls == [ARTICLE, ARTICLE] and report.drafted == SEGMENTS
