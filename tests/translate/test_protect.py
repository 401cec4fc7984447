"""Protected spans: linear on pathological input (F13), swapped numbers caught (F25), terms restored in
the form the sentence needs (article, plural, no doubled names), an LLM answer's markup held to its source's."""
import time

import pytest

from scripts.translate.protect import MarkupError, PlaceholderError, inert_answer, protect, restore, tokens_of
from scripts.translate.segments import parts_of, segments_in
from scripts.translate.usage import term_uses
from scripts.translate.settings import Grammar
from tests.support.translation_project import term

GRAMMAR = Grammar(plural_before=("các", "những"), singular_before=("một",), verb_before=("phải", "đã"),
                  verb_after=("sang",))

# Each input makes a backtracking pattern retry a long run from each of its characters: cubic for the
# old code-span pattern (12,000 backticks took 41 s), quadratic for tags, link targets, headings and
# the line joining of restore(). 50,000 characters is the longest line ingest accepts.
PATHOLOGICAL = {
    "backticks": "`" * 50_000,
    "backtick runs": "`a``b```c" * 5_000,
    "open tags": "<a " * 16_000,
    "open link targets": "](<" * 16_000,
    "spaces in a heading": "# a" + " " * 50_000 + "b",
    "spaces before a line break": "a" + " " * 50_000 + "b",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_protection_is_linear_on_pathological_input(name):
    text = PATHOLOGICAL[name]
    started = time.monotonic()
    segments_in(parts_of(text + "\n"))
    protected = protect(text)
    restore(protected.text, protected)
    assert time.monotonic() - started < 2.0, name


def test_code_spans_are_found_like_commonmark():
    found = [(t.kind, t.text) for t in tokens_of("a `x` b ``y ` z`` c ``` d `e`")]
    assert found == [("code", "`x`"), ("code", "``y ` z``"), ("code", "`e`")]


def test_swapped_number_placeholders_fail_the_segment():
    protected = protect("Năm 2024 có 175 người.")
    assert restore("In ⟦1⟧ there were ⟦2⟧ people.", protected) == "In 2024 there were 175 people."
    with pytest.raises(PlaceholderError, match="numbers changed places"):
        restore("In ⟦2⟧ there were ⟦1⟧ people.", protected)


def english_of(text, terms, answer):
    uses = term_uses(text, terms, GRAMMAR)
    protected = protect(text, True, [(u.start, u.end, u.english) for u in uses])
    return restore(answer(protected.text), protected)


GCM = term("gcm", "document", "Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự",
           "Global Compact for Safe, Orderly and Regular Migration", en_abbr="GCM", article=True,
           vi_variants=({"vi": "Thỏa thuận GCM", "en": "the GCM"},))
UN = term("lien-hop-quoc", "organisation", "Liên hợp quốc", "United Nations", en_abbr="UN", article=True,
          vi_variants=({"vi": "LHQ", "en": "UN"},))
MEMBER = term("quoc-gia-thanh-vien", "concept", "quốc gia thành viên", "Member State", en_plural="Member States")
MIGRATION = term("di-cu", "concept", "di cư", "migration")


def test_abbreviations_restore_as_abbreviations_never_doubled():
    out = english_of("Liên hợp quốc (LHQ) ủng hộ.", [UN], lambda t: t.replace("ủng hộ", "supports"))
    assert out == "The United Nations (UN) supports."
    out = english_of("Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự (Thỏa thuận GCM)", [GCM], str)
    assert out == "The Global Compact for Safe, Orderly and Regular Migration (GCM)"


def test_the_article_is_added_only_where_the_sentence_has_none():
    assert english_of("Triển khai Thỏa thuận GCM.", [GCM], lambda t: t.replace("Triển khai", "Implementing")) \
        == "Implementing the GCM."
    assert english_of("Triển khai Thỏa thuận GCM.", [GCM], lambda t: t.replace("Triển khai", "Implementing the")) \
        == "Implementing the GCM."
    assert english_of("Thỏa thuận GCM.", [GCM], str) == "The GCM."


def test_a_counted_noun_restores_in_the_plural():
    out = english_of("Đại diện 175 quốc gia thành viên và một quốc gia thành viên.", [MEMBER],
                     lambda t: t.replace("Đại diện", "Representatives of").replace(" và ", " and ")
                     .replace("một", "one"))
    assert out == "Representatives of 175 Member States and one Member State."
    assert english_of("các quốc gia thành viên", [MEMBER], lambda t: t.replace("các ", "")) == "Member States"


def test_a_noun_term_never_replaces_a_verb():
    assert [u.term.id for u in term_uses("Nhiều người phải di cư sang Nhật Bản vì di cư là cơ hội.",
                                         [MIGRATION], GRAMMAR)] == ["di-cu"]  # only the noun, second
    assert term_uses("Họ đã di cư.", [MIGRATION], GRAMMAR) == []


def test_an_llm_answer_keeps_its_sources_links_and_nothing_else():
    source = "Xem [trang](https://iom.int/a) và `mã`."
    assert inert_answer("See [the page](https://iom.int/a) and `mã`.", source) == \
        "See [the page](https://iom.int/a) and `mã`."
    assert inert_answer("1. See *this* & `that`", "1. Xem *cái này* và `that`") == "&#49;&#46; See *this* & `that`"
    with pytest.raises(MarkupError, match="adds tag"):
        inert_answer("<b>See</b> *this*", "Xem *cái này*")
    with pytest.raises(MarkupError, match="adds target"):
        inert_answer("See [the page](https://evil.example/).", source)
    with pytest.raises(MarkupError, match="adds url"):
        inert_answer("See https://evil.example/x now.", "Xem ngay.")
