"""Translation QA for `python -m scripts check`: each English segment against its Vietnamese source with
the check every engine draft passes (scripts/translate/fidelity.py: terms in the right form, forbidden
variants where their term occurs, doubled names, numbers and dates in their places, Vietnamese left),
leftover placeholders, the Vietnamese paragraphs a page restructured by hand leaves out
(translate/coverage.py), and the review gate (`reviewed: true` only with nothing pending, nothing
left out and no error)."""
from __future__ import annotations

from collections.abc import Iterable

from scripts.checks import Finding
from scripts.core import frontmatter
from scripts.core.content import article_paths
from scripts.glossary.terms import GlossaryError, load_terms
from scripts.translate.fidelity import (HUMAN_ERRORS, dates_in, english_pattern, forbidden_in, present,  # noqa: F401
                                        lost_values, numbers_in, segment_violations, vietnamese_left)
from scripts.translate.coverage import uncovered_count
from scripts.translate.segments import PLACEHOLDER, page_segments
from scripts.translate.settings import Grammar
from scripts.translate.usage import term_uses

CHECK = "translation-qa"


def missing_terms(vi_text: str, en_text: str, terms: list, grammar: Grammar = Grammar()) -> list:
    """Terms of the Vietnamese whose approved English (in the form the sentence needs) is missing."""
    return list(dict.fromkeys(u.term for u in term_uses(vi_text, terms, grammar) if not present(u, en_text)))


def pairs_of(vi_meta: dict, vi_body: str, en_meta: dict, en_body: str) -> tuple[list[tuple[str, str]], int | None]:
    """(Vietnamese, English) texts to compare, segment by segment when the pages align, else the
    whole pages; and how many aligned segments are still the Vietnamese (pending, or left
    untranslated), None when the pages do not align (a page restructured by hand)."""
    vi = page_segments(vi_meta, vi_body)
    en = page_segments(en_meta, en_body)
    if len(vi) != len(en):
        return [(vi_body, en_body)], None
    same = [a for a, b in zip(vi, en) if " ".join(a.text.split()) == " ".join(b.text.split())]
    untranslated = sum(1 for a in same if vietnamese_left(a.text))
    return [(a.text, b.text) for a, b in zip(vi, en) if " ".join(a.text.split()) != " ".join(b.text.split())], \
        untranslated


def page_findings(rel: str, vi_page: tuple[dict, str], en_page: tuple[dict, str], terms: list,
                  grammar: Grammar = Grammar()) -> list[Finding]:
    """QA findings of one English page against its Vietnamese source."""
    en_meta, en_body = en_page
    info = en_meta.get("translation") if isinstance(en_meta.get("translation"), dict) else {}
    status = info.get("status")
    shown = f"docs/en/{rel}"
    findings = []
    whole = "\n".join(str(en_meta.get(k) or "") for k in ("title", "description")) + "\n" + en_body
    if leftovers := sorted(set(PLACEHOLDER.findall(whole))):
        findings.append(Finding("error", CHECK, shown, "leftover placeholder(s) "
                                + ", ".join(f"⟦{n}⟧" for n in leftovers) + ": restore the protected text"))
    if status == "untranslated":
        return findings
    pending = info.get("pending") if isinstance(info.get("pending"), int) else 0
    if pending:
        reasons = [r for r in info.get("pending_reasons") or () if isinstance(r, str)]
        findings.append(Finding("warning", CHECK, shown, f"{pending} segment(s) pending, shown in Vietnamese"
                                + (f" ({'; '.join(reasons[:3])})" if reasons else "")))
    machine = status == "machine-draft"
    pairs, untranslated = pairs_of(*vi_page, en_meta, en_body)
    missing = 0
    if untranslated is None:  # restructured by hand: what does it leave out?
        untranslated = 0
        missing, total = uncovered_count(vi_page[1], en_body)
        if missing:
            findings.append(Finding("warning", CHECK, shown, f"{missing} of {total} Vietnamese paragraph(s) not "
                                    "covered by the English (paragraphs cut from a page restructured by hand): "
                                    "translate them, or say why", field="translation.uncovered"))
    if untranslated > pending:
        findings.append(Finding("error", CHECK, shown, f"{untranslated - pending} segment(s) left in Vietnamese "
                                "that the page does not list as pending: translate them"))
    errors = 0
    for vi_text, en_text in pairs:
        where = " ".join(en_text.split())[:60]
        for violation in segment_violations(vi_text, en_text, terms, grammar):
            error = machine or violation.kind in HUMAN_ERRORS
            errors += error
            findings.append(Finding("error" if error else "warning", CHECK, shown, f"{violation} in “{where}…”"))
    reviewed = info.get("reviewed") is True
    if info.get("review_refused") or (reviewed and (pending or missing or errors or untranslated > pending)):
        why = info.get("review_refused") or (f"{pending} segment(s) pending" if pending else
                                             f"{missing} Vietnamese paragraph(s) are not covered" if missing else
                                             "the errors above")
        findings.append(Finding("error", CHECK, shown, f"reviewed: true is not accepted while {why}: fix the page, "
                                "then set translation.reviewed: true again", field="translation.reviewed"))
    return findings


def translation_findings(project) -> Iterable[Finding]:
    """Every English article page checked against its Vietnamese source and the glossary."""
    try:
        terms = load_terms(project)
    except GlossaryError as exc:
        terms = []
        yield Finding("warning", CHECK, "glossary/", f"terms not checked: {exc}")
    grammar = project.translation_settings().grammar
    base = project.lang_dir("en")
    for en_path in article_paths(project.docs, "en"):
        rel = en_path.relative_to(base).as_posix()
        vi_path = project.page("vi", rel)
        if not vi_path.exists():
            yield Finding("warning", CHECK, f"docs/en/{rel}", f"no Vietnamese source at docs/vi/{rel}")
            continue
        yield from page_findings(rel, frontmatter.read(vi_path), frontmatter.read(en_path), terms, grammar)
