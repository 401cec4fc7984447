"""The states of an English page (issue 18): an English page for every article, to translate by hand;
post-edits of the H1 and the lead that reach the title and description; a page cut by hand that is
not complete; a review that an edit after it ends, visibly."""
import pytest

from scripts.build.article import status_banner
from scripts.checks import run_checks
from scripts.core import frontmatter
from scripts.core.status import translation_status
from scripts.pages.status import status_pages
from scripts.project import Project
from scripts.translate import memory, translate_all, update_stage
from scripts.translate.segments import page_segments
from tests.support.libre_server import LibreServer
from tests.support.project import checkout, generation_inputs
from tests.translate.test_translate import SEGMENTS, SHOWN_PREFIX, edit, engine_for, english, records, snapshot
from tests.support.translation_project import ARTICLE, en_page, make_project, vi_page

TITLE = "Việt Nam và IOM tăng cường hợp tác về di cư"
LEAD = "Ngày 11/11/2024, Bộ Ngoại giao và Tổ chức Di cư Quốc tế (IOM) đã trao đổi về hợp tác."


@pytest.fixture
def server():
    with LibreServer() as running:
        yield running


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def run(project, server=None):
    [report] = translate_all(Project(project), engine_for(server) if server else None)
    return report


def labels():
    return checkout().labels()  # the interface words of config/labels.yml


# ─── An English page for every article ──────────────────────────────────────────────────

def test_an_article_without_english_gets_an_english_page_to_translate_by_hand(project):
    report = run(project)
    assert (report.status, report.pending, report.engine_requests) == ("untranslated", SEGMENTS, 0)
    meta, body = english(project)
    assert meta["title"] == TITLE and meta["description"] == LEAD  # the Vietnamese, until translated
    info = meta["translation"]
    assert (info["status"], info["pending"], info["reviewed"]) == ("untranslated", SEGMENTS, False)
    assert '!!! note "Not yet translated"' in body and f"({SEGMENTS} passages" in body
    assert body.index("# " + TITLE) < body.index("!!! note") < body.index(LEAD)
    assert frontmatter.read(vi_page(project))[1].split(LEAD)[1] == body.split(LEAD)[1]  # every paragraph, as is
    assert translation_status(meta) == "untranslated"
    before = snapshot(project)
    assert run(project).written == [] and snapshot(project) == before  # a second run changes nothing


def test_each_paragraph_a_person_translates_is_taken_up_and_the_rest_counted(project):
    run(project)
    edit(en_page(project), "- Hỗ trợ người lao động di cư.", "- Support for migrant workers.")
    edit(en_page(project), "## Các ưu tiên", "## Priorities")
    report = run(project)
    assert (report.post_edits, report.pending, report.status) == (2, SEGMENTS - 2, "human")
    human = {r.vi: r.en for r in records(project).values() if r.origin == "human"}
    assert human == {"Hỗ trợ người lao động di cư.": "Support for migrant workers.", "Các ưu tiên": "Priorities"}
    meta, body = english(project)
    assert meta["translation"]["pending"] == SEGMENTS - 2 and meta["translation"]["status"] == "human"
    assert '!!! warning "Translation incomplete"' in body and f"{SEGMENTS - 2} of {SEGMENTS} passages" in body
    assert "Not yet translated" not in body
    assert "- Support for migrant workers.\n- Phòng, chống mua bán người." in body
    before = snapshot(project)
    assert run(project).written == [] and snapshot(project) == before


def test_a_page_with_nothing_in_english_stays_untranslated_when_its_source_changes(project):
    run(project)
    edit(vi_page(project), "Phòng, chống mua bán người.", "Phòng, chống mua bán người và lao động cưỡng bức.")
    report = run(project)
    assert report.status == "untranslated"
    meta, body = english(project)
    assert meta["translation"]["status"] == "untranslated" and "lao động cưỡng bức" in body


def test_an_engine_later_drafts_the_page_a_run_without_one_wrote(project, server):
    run(project)
    report = run(project, server)
    assert (report.drafted, report.pending, report.status) == (SEGMENTS, 0, "machine-draft")
    assert "!!!" not in english(project)[1]


# ─── Post-edits that stick: the title and the description follow the H1 and the lead ──────

def test_an_edited_h1_becomes_the_title_and_an_edited_lead_the_description(project, server):
    run(project, server)
    edit(en_page(project), "# " + SHOWN_PREFIX + "Viet Nam va IOM tang cuong hop tac ve di cu",
         "# Viet Nam and IOM step up cooperation on migration")
    drafted_lead = [line for line in english(project)[1].splitlines() if "Ministry of Foreign Affairs" in line
                    or line.startswith(SHOWN_PREFIX + "Ngay")][0]
    edit(en_page(project), drafted_lead, "On 11 November 2024, the Ministry of Foreign Affairs and IOM *discussed* "
                                         "cooperation &#38; more.")
    report = run(project, server)
    assert (report.post_edits, report.engine_requests) == (4, 0)  # two edits, each carried to its head field
    meta, body = english(project)
    assert meta["title"] == "Viet Nam and IOM step up cooperation on migration"
    assert meta["description"] == "On 11 November 2024, the Ministry of Foreign Affairs and IOM discussed cooperation & more."
    vi_meta, vi_body = frontmatter.read(vi_page(project))
    title_id, description_id = [s.id for s in page_segments(vi_meta, vi_body)[:2]]
    saved = records(project)
    assert (saved[title_id].origin, saved[title_id].en) == ("human", meta["title"])
    assert (saved[description_id].origin, saved[description_id].en) == ("human", meta["description"])
    assert saved[title_id].draft is not None  # the engine's draft is kept beside the contributor's words
    before = snapshot(project)
    assert run(project, server).written == [] and snapshot(project) == before
    assert server.requests == SEGMENTS


def test_an_edited_title_becomes_the_h1(project, server):
    run(project, server)
    page = en_page(project)
    meta, body = frontmatter.read(page)
    page.write_text(frontmatter.join({**meta, "title": "Viet Nam and IOM: closer cooperation"}, body), encoding="utf-8")
    assert run(project, server).post_edits == 2
    meta, body = english(project)
    assert meta["title"] == "Viet Nam and IOM: closer cooperation"
    assert body.lstrip().startswith("# Viet Nam and IOM: closer cooperation\n")


def test_a_description_of_its_own_and_a_pair_edited_on_both_sides_are_left_alone(project, server):
    edit(vi_page(project), "description: " + LEAD, "description: Hai bên trao đổi về hợp tác di cư.")
    run(project, server)
    summary = english(project)[0]["description"]
    page = en_page(project)
    meta, body = frontmatter.read(page)
    lead = body.split("\n\n")[1]
    body = body.replace(lead, "On 11 November 2024, the ministry and IOM discussed cooperation.")
    body = body.replace(body.splitlines()[1], "# Viet Nam and IOM")
    page.write_text(frontmatter.join({**meta, "title": "Cooperation on migration"}, body), encoding="utf-8")
    run(project, server)
    meta, body = english(project)
    assert meta["description"] == summary  # a summary of its own: not the lead's mirror
    assert meta["title"] == "Cooperation on migration" and "# Viet Nam and IOM\n" in body


# ─── A page cut by hand is not complete ───────────────────────────────────────────────────

def cut_to_the_first_paragraph(project):
    """The English page with everything after its first paragraph deleted (5 of the 7 blocks of the body)."""
    page = en_page(project)
    meta, body = frontmatter.read(page)
    heading, lead = body.strip().split("\n\n")[:2]
    page.write_text(frontmatter.join(meta, f"\n{heading}\n\n{lead}\n"), encoding="utf-8")


def test_a_page_cut_by_hand_says_how_much_of_the_source_it_leaves_out(project, server, capsys):
    run(project, server)
    cut_to_the_first_paragraph(project)
    report = run(project, server)
    assert (report.status, report.uncovered, report.engine_requests) == ("human", 5, 0)
    capsys.readouterr()
    update_stage(Project(project))  # `make update` says so too (from its cache: nothing changed)
    assert "5 Vietnamese paragraph(s) not covered" in capsys.readouterr().out
    assert memory.load_page(Project(project), ARTICLE).owner == "human"
    meta = english(project)[0]
    assert meta["translation"]["uncovered"] == 5
    banner = status_banner(translation_status(meta), meta, "en", labels())
    assert banner["kind"] == "warning" and "5 paragraphs of the Vietnamese article are missing" in banner["text"]
    assert "thiếu 5 đoạn" in status_banner(translation_status(meta), meta, "vi", labels())["text"]
    findings = [f for f in run_checks(Project(project), {"translation-qa"}) if f.field == "translation.uncovered"]
    assert [(f.severity, f.file) for f in findings] == [("warning", f"docs/en/{ARTICLE}")]
    assert findings[0].message.startswith("5 of 7 Vietnamese paragraph(s) not covered")
    # it cannot be marked reviewed, and the reader's banner is never the green one
    edit(en_page(project), "reviewed: false", "reviewed: true")
    report = run(project, server)
    meta = english(project)[0]
    assert report.status == "human" and meta["translation"]["reviewed"] is False
    assert meta["translation"]["review_refused"] == "5 of 7 Vietnamese paragraph(s) not covered by the English"
    assert status_banner(translation_status(meta), meta, "en", labels())["kind"] != "success"
    assert any(f.severity == "error" for f in run_checks(Project(project), {"translation-qa"})
               if f.field == "translation.reviewed")
    status = status_pages(generation_inputs(Project(project)))
    assert "human translation, 5 paragraphs missing" in status["en/status/2024.md"]
    assert "người dịch, thiếu 5 đoạn" in status["vi/status/2024.md"]


@pytest.mark.parametrize("change", ["merged", "split"])
def test_paragraphs_merged_or_split_by_hand_still_cover_the_source(project, server, change):
    run(project, server)
    page = en_page(project)
    text = page.read_text(encoding="utf-8")
    if change == "merged":  # two paragraphs made one
        text = text.replace("\n\n" + SHOWN_PREFIX + "Dai dien", " Dai dien")
    else:  # the last paragraph made two
        words = text.rstrip("\n").rsplit("\n", 1)[1].split()
        text = text.replace(" ".join(words), " ".join(words[:4]) + "\n\n" + " ".join(words[4:]))
    page.write_text(text, encoding="utf-8")
    report = run(project, server)
    assert (report.status, report.uncovered) == ("human", 0)
    assert memory.load_page(Project(project), ARTICLE).owner == "human"
    assert "uncovered" not in english(project)[0]["translation"]
    assert not [f for f in run_checks(Project(project), {"translation-qa"}) if f.field == "translation.uncovered"]
    edit(page, "reviewed: false", "reviewed: true")
    assert run(project, server).status == "reviewed"


# ─── Honest review: an edit after it says so ─────────────────────────────────────────────

def reviewed(project, server):
    run(project, server)
    edit(en_page(project), "reviewed: false", "reviewed: true")
    assert run(project, server).status == "reviewed"
    assert english(project)[0]["translation"]["reviewed_sha256"]


@pytest.mark.parametrize("owner", ["pipeline", "human"])
def test_an_edit_after_the_review_is_shown_until_the_page_is_reviewed_again(project, server, owner):
    if owner == "human":  # a page restructured by hand (two paragraphs merged), reviewed as a whole
        run(project, server)
        page = en_page(project)
        page.write_text(page.read_text(encoding="utf-8").replace("\n\n" + SHOWN_PREFIX + "Dai dien", " Dai dien"),
                        encoding="utf-8")
    reviewed(project, server)
    edit(en_page(project), SHOWN_PREFIX + "Ho tro nguoi lao dong di cu.", "Support for migrant workers.")
    report = run(project, server)
    meta = english(project)[0]
    info = meta["translation"]
    assert (report.status, info["status"], info["reviewed"]) == ("edited-after-review", "edited-after-review", False)
    assert "reviewed_sha256" not in info
    banner = status_banner(translation_status(meta), meta, "en", labels())
    assert (banner["kind"], banner["text"]) == ("info", "Reviewed translation, edited since its review: the changes "
                                                        "are not reviewed yet.")
    assert "sửa sau khi duyệt" in status_banner(translation_status(meta), meta, "vi", labels())["text"]
    assert run(project, server).status == "edited-after-review"  # it stays so, run after run
    status = status_pages(generation_inputs(Project(project)))
    assert "1 edited after review" in status["en/status.md"] and "edited after review" in status["en/status/2024.md"]
    assert "1 bản sửa sau khi duyệt" in status["vi/status.md"]
    edit(en_page(project), "Support for migrant workers.", "Support for migrant labourers.")
    assert run(project, server).status == "edited-after-review"
    edit(en_page(project), "reviewed: false", "reviewed: true")  # reviewed again, as the first time
    assert run(project, server).status == "reviewed"
    assert english(project)[0]["translation"]["reviewed"] is True


def test_a_review_is_not_ended_by_a_run_that_changes_nothing(project, server):
    reviewed(project, server)
    before = snapshot(project)
    assert run(project, server).status == "reviewed" and snapshot(project) == before
