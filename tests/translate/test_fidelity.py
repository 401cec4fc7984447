"""The check every engine draft passes, on the fidelity set (tests/fixtures/translate/fidelity.yml):
every accepted draft passes, every wrong draft is caught with the problem it has."""
from __future__ import annotations


import pytest
import yaml

from scripts.glossary.terms import load_terms
from scripts.project import Project
from scripts.translate.fidelity import segment_violations, vietnamese_left
from tests.support.project import checkout
from tests.support.translation_project import FIXTURES

SET = yaml.safe_load((FIXTURES / "fidelity.yml").read_text(encoding="utf-8"))
TERMS = load_terms(Project(FIXTURES))  # a frozen copy of the glossary, never the live one
GRAMMAR = checkout().translation_settings().grammar  # config/ is code-side
KINDS = {"term", "forbidden", "doubled", "number", "vietnamese"}


def check(vi: str, en: str) -> list:
    return segment_violations(vi, en, TERMS, GRAMMAR)


def test_the_set_is_large_enough_and_covers_every_kind_of_term_and_problem():
    from scripts.glossary.terms import KINDS as TERM_KINDS
    from scripts.translate.usage import term_uses

    assert len(SET) >= 40
    covered = {u.term.kind for case in SET for u in term_uses(case["vi"], TERMS, GRAMMAR)}
    assert covered == set(TERM_KINDS)
    assert {w["problem"] for case in SET for w in case["wrong"]} == KINDS


@pytest.mark.parametrize("case", SET, ids=lambda c: c["vi"][:40])
def test_every_accepted_draft_passes(case):
    for en in case["accepted"]:
        assert [str(v) for v in check(case["vi"], en)] == [], en


@pytest.mark.parametrize("case", SET, ids=lambda c: c["vi"][:40])
def test_every_wrong_draft_is_caught_with_its_problem(case):
    for wrong in case["wrong"]:
        kinds = {v.kind for v in check(case["vi"], wrong["en"])}
        assert wrong["problem"] in kinds, (wrong["en"], kinds)


def test_swapped_numbers_fail():
    assert [v.kind for v in check("Năm 2024 có 175 người.", "In 175 there were 2024 people.")] == ["number"]


def test_vietnamese_left_is_found_but_foreign_accents_are_not():
    assert vietnamese_left("Hà Nội and Lê Thị Thu Hằng") == ["Hà", "Nội", "Lê", "Thị", "Hằng"]
    assert vietnamese_left("Côte d'Ivoire, Genève, São Paulo, `mã` and https://x.vn/đường") == []


def rates() -> tuple[float, float]:
    """(share of accepted drafts that pass, share of wrong drafts caught with their problem)."""
    accepted = [not check(c["vi"], en) for c in SET for en in c["accepted"]]
    caught = [w["problem"] in {v.kind for v in check(c["vi"], w["en"])} for c in SET for w in c["wrong"]]
    return sum(accepted) / len(accepted), sum(caught) / len(caught)


if __name__ == "__main__":  # python -m tests.translate.test_fidelity: the two rates, for the report
    passed, caught = rates()
    print(f"{len(SET)} sentences; accepted drafts passing: {passed:.0%} of "
          f"{sum(len(c['accepted']) for c in SET)}; wrong drafts caught: {caught:.0%} of "
          f"{sum(len(c['wrong']) for c in SET)}")
