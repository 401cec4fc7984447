"""The glossary: schema errors, consistency checks, matching, collation, exports, first-mention links."""
from __future__ import annotations

import csv
import io
import random
import shutil
import unicodedata
from collections import Counter
from xml.etree import ElementTree as ET

import pytest

from scripts.core.collation import collation_key
from scripts.checks.glossary import glossary_findings, topic_findings
from scripts.exports.csv import csv_text
from scripts.exports.tbx import tbx_text
from scripts.glossary.links import link_terms
from scripts.glossary.matching import find_terms
from scripts.glossary.terms import KINDS, GlossaryError, Term, consistency_problems, load_terms, read_term
from scripts.project import Project
from tests.support.project import CONTENT, FIXTURES, REPO

ROOT = Project(REPO)  # messages show paths relative to the checkout
BAD = FIXTURES / "glossary" / "bad"
FIXTURE = Project(CONTENT)  # the fixture site's glossary (a frozen copy), never the live one
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def terms() -> list[Term]:
    return load_terms(FIXTURE)


def term(id_, vi, en="x", variants=(), **fields) -> Term:
    return Term(id=id_, kind=fields.pop("kind", "concept"), vi=vi, en=en, definition_vi="đ", definition_en="d",
                vi_variants=tuple(variants), file=f"glossary/terms/{id_}.yml", **fields)


# ─── The data ─────────────────────────────────────────────────────────────────────────

def test_the_glossary_covers_the_seed_articles(terms):
    kinds = Counter(t.kind for t in terms)
    assert len(terms) >= 40
    assert set(kinds) == set(KINDS)
    by_id = {t.id: t for t in terms}
    assert by_id["iom"].en == "International Organization for Migration" and by_id["iom"].en_abbr == "IOM"
    assert by_id["gcm"].en == "Global Compact for Safe, Orderly and Regular Migration"
    assert by_id["viet-nam"].en == "Viet Nam"
    assert by_id["le-thi-thu-hang"].en == "Le Thi Thu Hang"
    assert by_id["tong-cuc-giao-duc-nghe-nghiep"].en == "Directorate of Vocational Education and Training"
    assert by_id["truong-phai-doan-dai-dien"].en == "Chief of Mission"
    assert "Vietnam" in [f["form"] for f in by_id["viet-nam"].forbidden]


def test_every_term_of_both_seed_articles_bodies_is_found(terms, shared_dir):
    seed = (shared_dir / "seeds" / "000_7a23386e8a2c9da9.txt").read_text(encoding="utf-8")
    found = {m.term.id for m in find_terms(seed, terms)}
    assert {"iom", "gcm", "kendra-rinas", "le-thi-thu-hang", "thu-truong-bo-ngoai-giao", "bo-ngoai-giao",
            "ho-so-di-cu-viet-nam-2023", "hien-chuong-iom", "nguoi-lanh-nan-trong-nuoc",
            "nguoi-di-cu-hoi-huong", "mua-ban-nguoi", "di-cu-hop-phap", "tp-ho-chi-minh"} <= found


# ─── Schema errors name the file, the line and the field ──────────────────────────────

@pytest.mark.parametrize("name, field, line", [
    ("missing-en", "'en'", None),
    ("bad-kind", "'kind'", 3),
    ("bad-type", "'related'", 8),
    ("unknown-field", "'defintion_en'", 7),
    ("wrong-id", "'id'", 2),
    ("bad-forbidden", "'forbidden[0]'", 9),
])
def test_a_schema_error_names_file_line_and_field(tmp_path, name, field, line):
    with pytest.raises(GlossaryError) as error:
        read_term(BAD / f"{name}.yml", ROOT)
    message = str(error.value)
    assert f"tests/fixtures/glossary/bad/{name}.yml" in message
    assert f"field {field}" in message
    if line:
        assert f"{name}.yml:{line}:" in message


def test_malformed_yaml_names_file_and_line_without_a_traceback():
    with pytest.raises(GlossaryError) as error:
        read_term(BAD / "malformed.yml", ROOT)
    assert str(error.value).startswith("tests/fixtures/glossary/bad/malformed.yml:6: not valid YAML")


def test_a_file_that_is_not_a_mapping_is_an_error():
    with pytest.raises(GlossaryError, match=r"not-a-mapping.yml:1: expected a mapping"):
        read_term(BAD / "not-a-mapping.yml", ROOT)


def test_load_terms_lists_every_bad_file(tmp_path):
    (tmp_path / "glossary" / "terms").mkdir(parents=True)
    for name in ("bad-kind", "missing-en"):
        shutil.copy(BAD / f"{name}.yml", tmp_path / "glossary" / "terms")
    with pytest.raises(GlossaryError) as error:
        load_terms(Project(tmp_path))
    assert "glossary/terms/bad-kind.yml:3: field 'kind'" in str(error.value)
    assert "glossary/terms/missing-en.yml: field 'en'" in str(error.value)


# ─── Consistency ──────────────────────────────────────────────────────────────────────

def test_a_vietnamese_form_claimed_by_two_terms_in_another_tone_style_and_case():
    problems = consistency_problems([term("a", "Thỏa thuận GCM"), term("b", "b", variants=["THOẢ THUẬN gcm"])])
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == "glossary/terms/b.yml" and "'a'" in problem.message and problem.field == "vi_variants"


def test_duplicate_ids_and_dangling_related_and_topic_ids():
    problems = consistency_problems(
        [term("a", "một", related=("nowhere",)), term("a", "hai", topics=("no-topic",))], topics={"gcm"})
    messages = " ".join(str(p) for p in problems)
    assert "'a' is already the id of" in messages
    assert "field 'related': no term has the id 'nowhere'" in messages
    assert "field 'topics': no topic has the id 'no-topic'" in messages


def test_a_forbidden_form_that_another_term_approves():
    problems = consistency_problems([term("a", "một", en="Viet Nam"),
                                     term("b", "hai", forbidden=({"form": "viet nam", "reason": "r"},))])
    assert problems and "approved English form of 'a'" in problems[0].message


def test_both_languages_must_be_filled():
    problems = consistency_problems([Term(id="a", kind="concept", vi="một", en=" ", definition_vi="đ",
                                          definition_en="d", file="a.yml")])
    assert [str(p) for p in problems] == ["a.yml: field 'en': empty; both languages must be filled"]


def test_the_check_command_reports_bad_files_and_dangling_ids(tmp_path):
    folder = tmp_path / "glossary" / "terms"
    folder.mkdir(parents=True)
    shutil.copy(BAD / "bad-kind.yml", folder)
    shutil.copy(CONTENT / "glossary" / "terms" / "thuy-si.yml", folder)  # related: [geneva], absent here
    findings = list(glossary_findings(Project(tmp_path)))
    assert sorted((f.severity, f.file) for f in findings) == [
        ("error", "glossary/terms/bad-kind.yml"), ("error", "glossary/terms/thuy-si.yml")]
    by_file = {f.file: f for f in findings}
    assert (by_file["glossary/terms/bad-kind.yml"].line, by_file["glossary/terms/bad-kind.yml"].field) == (3, "kind")
    assert str(by_file["glossary/terms/bad-kind.yml"]).startswith(
        "error: glossary/terms/bad-kind.yml:3: field 'kind': expected one of")
    assert "no term has the id 'geneva'" in by_file["glossary/terms/thuy-si.yml"].message


def test_the_fixture_glossary_passes_its_checks():
    assert [str(f) for f in [*glossary_findings(FIXTURE), *topic_findings(FIXTURE)]] == []


# ─── find_terms ───────────────────────────────────────────────────────────────────────

SAMPLE = [term("gcm", "Thỏa thuận GCM", en="GCM"), term("iom", "IOM", en="IOM", en_abbr="IOM"),
          term("thu-truong", "Thứ trưởng", en="Deputy Minister"),
          term("thu-truong-bng", "Thứ trưởng Bộ Ngoại giao", en="Deputy Minister of Foreign Affairs"),
          term("bng", "Bộ Ngoại giao", en="Ministry of Foreign Affairs")]


def ids(text, lang="vi"):
    return [(m.term.id, text[m.start:m.end]) for m in find_terms(text, SAMPLE, lang)]


@pytest.mark.parametrize("text", ["Thỏa thuận GCM", "Thoả thuận GCM", "THOẢ THUẬN gcm", "thỏa  thuận\nGCM",
                                  unicodedata.normalize("NFD", "Thoả thuận GCM")])
def test_both_tone_styles_case_spacing_and_decomposed_text_match(text):
    assert ids(f"Về {text}.") == [("gcm", text)]


def test_whole_words_only():
    assert ids("IOMX NIOM IOM_1 xIOM") == []
    assert ids("(IOM), IOM-Việt Nam") == [("iom", "IOM"), ("iom", "IOM")]


def test_longest_match_and_no_match_across_punctuation():
    assert ids("Thứ trưởng Bộ Ngoại giao Lê") == [("thu-truong-bng", "Thứ trưởng Bộ Ngoại giao")]
    assert ids("Thứ trưởng, Bộ Ngoại giao") == [("thu-truong", "Thứ trưởng"), ("bng", "Bộ Ngoại giao")]


def test_english_forms_match_in_english_text():
    assert ids("The deputy minister of Foreign Affairs met IOM.", "en") == [
        ("thu-truong-bng", "deputy minister of Foreign Affairs"), ("iom", "IOM")]
    assert ids("Thứ trưởng", "en") == []


def test_a_match_unpacks_as_start_end_term():
    start, end, found = find_terms("Bộ Ngoại giao", SAMPLE)[0]
    assert (start, end, found.id) == (0, 13, "bng")


# ─── Collation ────────────────────────────────────────────────────────────────────────

def test_vietnamese_alphabetical_order_with_tones_after_the_letter():
    expected = ["a", "à", "ả", "ã", "á", "ạ", "an", "ăn", "ân", "ba", "bà", "bá", "bạ", "ca", "da", "dư",
                "đa", "e", "ê", "ga", "i", "o", "ô", "ơ", "u", "ư", "y"]
    shuffled = expected[:]
    random.Random(5).shuffle(shuffled)
    assert sorted(shuffled, key=collation_key) == expected


def test_collation_of_names_word_by_word():
    names = ["Thụy Sĩ", "Đoàn Việt Nam", "Hà Nội", "Bộ Ngoại giao", "\u00d0ại sứ", "Chính phủ Việt Nam", "Geneva"]
    # U+00D0 (Icelandic eth), often typed for Đ, sorts as Đ.
    assert sorted(names, key=collation_key) == [
        "Bộ Ngoại giao", "Chính phủ Việt Nam", "\u00d0ại sứ", "Đoàn Việt Nam", "Geneva", "Hà Nội", "Thụy Sĩ"]


# ─── Exports ──────────────────────────────────────────────────────────────────────────

def test_tbx_parses_with_one_entry_per_term_and_both_languages(terms):
    root = ET.fromstring(tbx_text(terms).split("\n", 2)[2])
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entries = root.findall("./text/body/termEntry")
    assert [e.get("id") for e in entries] == [t.id for t in terms]
    for entry in entries:
        assert [s.get(XML_LANG) for s in entry.findall("langSet")] == ["vi", "en"]
    iom = next(e for e in entries if e.get("id") == "iom")
    statuses = {tig.findtext("term"): tig.findtext("termNote[@type='administrativeStatus']")
                for tig in iom.iter("tig")}
    assert statuses["International Organization for Migration"] == "preferredTerm-admn-sts"
    assert statuses["International Organisation for Migration"] == "deprecatedTerm-admn-sts"
    gcm = next(e for e in entries if e.get("id") == "gcm")
    vi_forms = [t.text for t in gcm.find("langSet").iter("term")]
    assert "Thỏa thuận GCM" in vi_forms and "Thoả thuận GCM" in vi_forms  # both tone styles for CAT tools


def test_tbx_declaration_is_well_formed_xml(terms):
    text = tbx_text(terms)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    ET.fromstring(text.encode("utf-8").replace(b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n', b""))


def test_csv_round_trips(terms):
    rows = list(csv.DictReader(io.StringIO(csv_text(terms), newline="")))
    assert len(rows) == len(terms)
    for row, t in zip(rows, terms):
        split = lambda cell: tuple(cell.split(" | ")) if cell else ()  # noqa: E731
        assert (row["id"], row["vi"], row["en"], row["en_abbr"]) == (t.id, t.vi, t.en, t.en_abbr)
        assert split(row["vi_variants"]) == t.vi_variants and split(row["related"]) == t.related
        assert split(row["forbidden_en"]) == tuple(f["form"] for f in t.forbidden)
        assert split(row["forbidden_reasons"]) == tuple(f["reason"] for f in t.forbidden)
        assert (row["definition_vi"], row["definition_en"]) == (t.definition_vi, t.definition_en)
        assert row["untranslated"] == ("true" if t.untranslated else "false")


# ─── First mentions linked, never inside headings, links, code or HTML ────────────────

def linked(markdown):
    from scripts.glossary.matching import term_index
    return link_terms(markdown, term_index(SAMPLE), href=lambda t: f"g.md#{t.id}",
                      title=lambda t: f'def "{t.id}" & more')


def test_only_the_first_mention_is_linked_with_its_definition_as_title():
    out, found = linked("IOM và IOM.\n\nLại IOM.")
    assert out == '[IOM](g.md#iom "def &quot;iom&quot; &amp; more") và IOM.\n\nLại IOM.'
    assert found == ["iom"]


@pytest.mark.parametrize("definition", ['[x](javascript:alert(1)) *a* `b` \\[c]', '"><script>alert(1)</script>',
                                        "{: .x} ![i](y.png) <b>&amp;</b> _u_ #h"])
def test_an_html_link_title_renders_as_the_same_text(definition):
    import lxml.html
    import markdown as md
    from scripts.glossary.matching import term_index
    from scripts.glossary.links import linked_html, marked_terms
    out, _ = marked_terms("Xem IOM.", term_index(SAMPLE))
    html = linked_html(md.markdown(out, extensions=["attr_list", "md_in_html", "abbr"]), [("../g/#iom", definition)])
    root = lxml.html.fragment_fromstring(html)
    links = root.xpath("//a")
    assert len(links) == 1 and links[0].get("title") == definition and links[0].get("href") == "../g/#iom", html


@pytest.mark.parametrize("markdown", [
    "# IOM\n", "IOM\n===\n", "## Về IOM {#x}\n", "Xem [trang IOM](https://iom.int).\n", "Xem `IOM`.\n",
    "```\nIOM\n```\n", "<div>IOM</div>\n", "Xem <span title='IOM'>x</span>.\n", "![IOM](a.png)\n",
    "Xem https://iom.int/IOM.\n", "[IOM]: https://iom.int\n", "Văn bản.\n\n    IOM code\n",
])
def test_never_inside_headings_links_code_or_html(markdown):
    assert linked(markdown)[0] == markdown


def test_a_term_inside_a_list_item_or_its_continuation_is_linked():
    out, found = linked("- mục một\n\n    Bộ Ngoại giao\n")
    assert found == ["bng"]


def test_marked_mentions_become_links_once_the_page_is_html():
    import markdown as md
    from scripts.glossary.matching import term_index
    from scripts.glossary.links import can_mark, linked_html, marked_terms
    text = "Xem *IOM* và Bộ Ngoại\ngiao, rồi IOM."
    assert can_mark(text) and not can_mark("x\ue001y")
    marked, terms = marked_terms(text, term_index(SAMPLE))
    assert [t.id for t in terms] == ["iom", "bng"]
    html = linked_html(md.markdown(marked), [("../g/#iom", 'a "b" <c>'), ("../g/#bng", "d")])
    assert html == ('<p>Xem <em><a href="../g/#iom" title="a &quot;b&quot; &lt;c&gt;">IOM</a></em> và '
                    '<a href="../g/#bng" title="d">Bộ Ngoại\ngiao</a>, rồi IOM.</p>')


def test_the_search_index_gets_the_same_sections_from_the_page_without_its_term_links():
    """hooks/glossary.py gives Material's search plugin the page without the links it made (half
    the parsing); the sections and text it indexes must be the same as from the linked page."""
    import markdown as md
    from material.plugins.search.plugin import Parser
    from scripts.glossary.matching import term_index
    from scripts.glossary.links import linked_html, marked_terms, unmarked_html

    text = ("# IOM\n\nXem *IOM*, `IOM` và Bộ Ngoại\ngiao.\n\n## Bộ Ngoại giao {#bng}\n\n"
            "- Bộ Ngoại giao, IOM\n\n<b>IOM</b> [trang IOM](https://www.iom.int/) và Bộ Ngoại giao.\n")
    marked, terms = marked_terms(text, term_index(SAMPLE))
    html = md.markdown(marked, extensions=["attr_list", "toc"])
    links = [(f"../g/#{t.id}", 'định nghĩa "x" <y>') for t in terms]

    def sections(page: str) -> list[tuple]:
        parser = Parser()
        parser.feed(page)
        parser.close()
        return [(s.id, "".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data]

    linked, plain = linked_html(html, links), unmarked_html(html)
    assert len(terms) == 2 and linked.count('href="../g/#') == 2 and "href=\"../g/" not in plain
    assert "\ue000" not in plain and "\ue002" not in plain
    assert sections(plain) == sections(linked)
    assert sections(plain)[0][2] == "<p>Xem IOM, <code>IOM</code> và Bộ Ngoại giao.</p>"  # no <a> kept


# ─── Forms (issue 14) ─────────────────────────────────────────────────────────────────

def write_term(tmp_path, text):
    path = tmp_path / "x.yml"
    path.write_text("id: x\nkind: organisation\ndefinition_vi: đ\ndefinition_en: d\n" + text, encoding="utf-8")
    return path


def test_each_form_has_its_own_english(tmp_path):
    found = read_term(write_term(tmp_path, "vi: Liên hợp quốc\nen: United Nations\narticle: true\n"
                                 "vi_variants: [{vi: LHQ, en: UN}, {vi: IOM, keep: true}, Liên Hiệp Quốc]\n"), ROOT)
    assert found.vi_variants == ("LHQ", "IOM", "Liên Hiệp Quốc")
    assert (found.form("LHQ").en, found.form("IOM").en, found.form("Liên Hiệp Quốc").en) == (
        "UN", "IOM", "the United Nations")
    assert found.form("IOM").keep and "UN" in found.forms("en")


@pytest.mark.parametrize("text, field, message", [
    ("vi: Tổ chức Di cư Quốc tế\nen: International Organization for Migration\nuntranslated: true\n",
     "untranslated", "a Vietnamese name is always translated"),
    ("vi: Liên hợp quốc\nen: United Nations\nvi_variants: [{vi: Giơ-ne-vơ, keep: true}]\n",
     "vi_variants[0].keep", "'Giơ-ne-vơ' is Vietnamese"),
    ("vi: a\nen: b\nvi_variants: [{en: c}]\n", "vi_variants[0].vi", "missing or empty"),
    ("vi: a\nen: b\npos: adverb\n", "pos", "expected one of noun, verb, adjective"),
    ("vi: a\nen: b\nvi_variants: [{vi: c, en_plural: the cs}]\n", "vi_variants[0].en_plural", "without an article"),
])
def test_a_form_error_names_file_line_and_field(tmp_path, text, field, message):
    with pytest.raises(GlossaryError) as error:
        read_term(write_term(tmp_path, text), Project(tmp_path))
    assert "x.yml:" in str(error.value) and f"field '{field}'" in str(error.value) and message in str(error.value)


def test_a_term_read_back_from_json_keeps_its_forms(tmp_path):
    """The site-data cache stores terms as JSON (dataclasses.asdict): their forms must come back as forms."""
    import dataclasses
    import json

    found = read_term(write_term(tmp_path, "vi: Liên hợp quốc\nen: United Nations\nvi_variants: [{vi: LHQ, en: UN}]\n"),
                      ROOT)
    data = json.loads(json.dumps(dataclasses.asdict(found)))
    again = Term(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})
    assert again.form("LHQ").en == "UN" and "UN" in again.forms("en")
