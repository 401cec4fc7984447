"""Translation QA: terms, forbidden variants, numbers and dates compared as values, placeholders."""
from decimal import Decimal

import pytest

from scripts.core import frontmatter
from scripts.checks import run_checks
from scripts.project import Project
from scripts.checks.translation import dates_in, lost_values, numbers_in, page_findings
from tests.support.translation_project import ARTICLE, fixture_terms, make_project, term, vi_page


@pytest.mark.parametrize("vi, en", [
    ("ngày 11/11/2024", "on 11 November 2024"),
    ("ngày 11/11/2024", "on November 11, 2024"),
    ("ngày 11/11/2024", "on 11/11/2024"),
    ("ngày 11 tháng 11 năm 2024", "on 11th November 2024"),
    ("ngày 30/7", "on 30 July"),
    ("tháng 12/2018", "in December 2018"),
    ("1.234,5 người", "1,234.5 people"),
    ("2,5 triệu", "2.5 million"),
    ("175 quốc gia", "175 countries"),
    ("lần thứ 114", "the 114th session"),
    ("19:30", "19:30"),
])
def test_equal_values_written_differently_survive(vi, en):
    assert lost_values(vi, en) == []


@pytest.mark.parametrize("vi, en, lost", [
    ("ngày 11/11/2024", "on 11 October 2024", ["11/11/2024"]),
    ("ngày 30/7", "on 7 March", ["30/7"]),
    ("1.234,5 người", "1.234,5 people", ["1234.5"]),
    ("175 quốc gia", "17 countries", ["175"]),
])
def test_values_that_did_not_survive_are_named(vi, en, lost):
    assert lost_values(vi, en) == lost


def test_dates_and_numbers_are_read_as_values():
    assert dates_in("ngày 11/11/2024 và 30/7", "vi")[0] == {(11, 11, 2024), (30, 7, None)}
    assert numbers_in("1.000.000 và 2,5", "vi") == {Decimal("1E+6"), Decimal("2.5")}
    assert numbers_in("1,000,000 and 2.5", "en") == {Decimal("1E+6"), Decimal("2.5")}


VI = ({"title": "Bộ Ngoại giao và IOM"},
      "# Bộ Ngoại giao và IOM\n\nNgày 11/11/2024, 175 nước ủng hộ Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự.\n")


def english(status, title, paragraph):
    return ({"title": title, "translation": {"status": status}}, f"# {title}\n\n{paragraph}\n")


def messages(findings):
    return [(f.severity, f.message.split(":")[0]) for f in findings]


def test_a_good_translation_has_no_findings():
    en = english("machine-draft", "Ministry of Foreign Affairs and IOM",
                 "On 11 November 2024, 175 countries supported the Global Compact for Safe, Orderly and Regular Migration.")
    assert page_findings(ARTICLE, VI, en, fixture_terms()) == []


def test_each_problem_is_found_with_its_severity():
    en = english("machine-draft", "Foreign Ministry Department and IOM ⟦3⟧",
                 "On 11 October 2024, 17 countries supported the GCM Agreement.")
    found = messages(page_findings(ARTICLE, VI, en, fixture_terms()))
    assert ("error", "leftover placeholder(s) ⟦3⟧") in found
    assert ("error", "forbidden variant “Foreign Ministry Department” used") in found
    assert ("error", "forbidden variant “GCM Agreement” used") in found
    # on a machine draft a missing term is an error (the engine was given it); on a human page a warning
    assert ("error", "“Bộ Ngoại giao” must be rendered “Ministry of Foreign Affairs” in “Foreign Ministry "
                     "Department and IOM ⟦3⟧…”") in [(f.severity, f.message) for f in found_in(en)]
    assert ("error", "number(s)/date(s) 11/11/2024, 175 of the Vietnamese missing in “On 11 October 2024, 17 "
                     "countries supported the GCM Agreement…”") in [(f.severity, f.message) for f in found_in(en)]
    en[0]["translation"]["status"] = "human"
    assert ("warning", "“Bộ Ngoại giao” must be rendered “Ministry of Foreign Affairs” in “Foreign Ministry "
                       "Department and IOM ⟦3⟧…”") in [(f.severity, f.message) for f in found_in(en)]


def found_in(en):
    return page_findings(ARTICLE, VI, en, fixture_terms())


def test_lost_numbers_are_warnings_on_human_pages_and_pending_segments_are_listed():
    en = english("human", "Ministry of Foreign Affairs and IOM", "In November, many countries supported it.")
    en[0]["translation"]["pending"] = 2
    found = messages(page_findings(ARTICLE, VI, en, fixture_terms()))
    assert ("warning", "2 segment(s) pending, shown in Vietnamese") in found
    assert any(f == ("warning", "number(s)/date(s) 11/11/2024, 175 of the Vietnamese missing in “In November, many "
                                "countries supported it.…”") for f in
               [(x.severity, x.message) for x in page_findings(ARTICLE, VI, en, [])])
    assert all(severity == "warning" for severity, _ in found)


def test_segments_still_in_vietnamese_are_not_compared():
    en = english("machine-draft", "Ministry of Foreign Affairs and IOM", VI[1].split("\n\n")[1].strip())
    en[0]["translation"]["pending"] = 1
    assert messages(page_findings(ARTICLE, VI, en, fixture_terms())) == [
        ("warning", "1 segment(s) pending, shown in Vietnamese")]


def test_the_check_command_runs_qa_on_every_english_page(tmp_path):
    root = make_project(tmp_path)
    meta, body = frontmatter.read(vi_page(root))
    page = root / "docs" / "en" / ARTICLE
    page.parent.mkdir(parents=True)
    page.write_text(frontmatter.join({"title": "T ⟦1⟧", "translation": {"status": "human"}}, "# T\n\nText.\n"),
                    encoding="utf-8")
    findings = [f for f in run_checks(Project(root), {"translation-qa"}) if f.file == f"docs/en/{ARTICLE}"]
    assert any(f.severity == "error" and "⟦1⟧" in f.message for f in findings)


def test_plurals_count_as_the_term_and_approved_forms_are_not_forbidden():
    terms = fixture_terms() + [
        term(
            "tp-hcm", "place", "Thành phố Hồ Chí Minh", "Ho Chi Minh City",
            forbidden=({"form": "Ho Chi Minh", "reason": "that is the person"},)),
        term(
            "quoc-gia-thanh-vien", "concept", "quốc gia thành viên", "Member State"),
    ]
    vi = ({}, "Đại diện 175 quốc gia thành viên tại Thành phố Hồ Chí Minh.\n")
    good = english("human", "", "Representatives of 175 Member States in Ho Chi Minh City.")
    assert page_findings(ARTICLE, vi, good, terms) == []
    bad = english("human", "", "Representatives of 175 countries in Ho Chi Minh.")
    assert ("error", "forbidden variant “Ho Chi Minh” used") in messages(page_findings(ARTICLE, vi, bad, terms))


# ─── Issue 14: per segment, the review gate, Vietnamese left ─────────────────────────

HCM = [term("tp-hcm", "place", "Thành phố Hồ Chí Minh", "Ho Chi Minh City",
            forbidden=({"form": "Ho Chi Minh", "reason": "that is the person"},))]


def test_a_forbidden_form_is_flagged_only_where_its_term_is_in_the_vietnamese():
    vi = ({}, "Hội thảo tại Thành phố Hồ Chí Minh.\n\nChủ tịch Hồ Chí Minh được nhắc tới.\n")
    good = english("human", "", "A workshop in Ho Chi Minh City.\n\nPresident Ho Chi Minh was mentioned.")
    assert page_findings(ARTICLE, vi, good, HCM) == []
    bad = english("machine-draft", "", "A workshop in Ho Chi Minh.\n\nPresident Ho Chi Minh was mentioned.")
    assert [f.message.split(" in “")[0] for f in page_findings(ARTICLE, vi, bad, HCM) if "forbidden" in f.message] \
        == ["forbidden variant “Ho Chi Minh” used: that is the person"]


def test_vietnamese_left_on_an_english_page_is_an_error():
    en = english("machine-draft", "Ministry of Foreign Affairs and IOM",
                 "On 11 November 2024, 175 countries supported the Global Compact for Safe, Orderly and Regular "
                 "Migration of Thỏa thuận toàn cầu.")
    assert ("error", "Vietnamese left in the English") in messages(page_findings(ARTICLE, VI, en, fixture_terms()))
    untouched = english("machine-draft", "Ministry of Foreign Affairs and IOM", VI[1].split("\n\n")[1].strip())
    assert ("error", "1 segment(s) left in Vietnamese that the page does not list as pending") in \
        [(f.severity, f.message.split(":")[0]) for f in page_findings(ARTICLE, VI, untouched, fixture_terms())]


GOOD = "On 11 November 2024, 175 countries supported the Global Compact for Safe, Orderly and Regular Migration."


def test_reviewed_is_accepted_only_with_nothing_pending_and_no_error():
    en = english("human", "Ministry of Foreign Affairs and IOM", GOOD)
    en[0]["translation"]["reviewed"] = True
    assert page_findings(ARTICLE, VI, en, fixture_terms()) == []
    en[0]["translation"]["pending"] = 1
    refused = [f for f in page_findings(ARTICLE, VI, en, fixture_terms()) if f.field == "translation.reviewed"]
    assert refused and refused[0].severity == "error" and "1 segment(s) pending" in refused[0].message
    wrong = english("human", "Ministry of Foreign Affairs and IOM", GOOD.replace("Global Compact", "GCM Agreement"))
    wrong[0]["translation"]["reviewed"] = True
    assert any(f.field == "translation.reviewed" for f in page_findings(ARTICLE, VI, wrong, fixture_terms()))


def test_translate_refuses_reviewed_on_a_page_with_an_error_and_says_why(tmp_path):
    from scripts.translate import translate_all

    root = make_project(tmp_path)
    page = root / "docs" / "en" / ARTICLE
    page.parent.mkdir(parents=True)
    meta, body = frontmatter.read(vi_page(root))
    page.write_text(frontmatter.join({"title": "Viet Nam and IOM", "translation": {"reviewed": True}},
                                     body.replace("Việt Nam cam kết", "Vietnam cam kết")), encoding="utf-8")
    [report] = translate_all(Project(root), None, fixture_terms())
    info = frontmatter.read(page)[0]["translation"]
    assert report.status == "human" and info["reviewed"] is False
    assert "forbidden variant “Vietnam” used" in info["review_refused"]
    findings = [f for f in run_checks(Project(root), {"translation-qa"}) if f.field == "translation.reviewed"]
    assert findings and info["review_refused"] in findings[0].message
