"""The glossary as TBX-Basic (ISO 30042), as CAT tools import a termbase."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from scripts.core.markdown import xml_text
from scripts.glossary.matching import both_tone_styles
from scripts.glossary.terms import Term, load_terms

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TBX-Basic administrativeStatus values (ISO 12620 data categories).
PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"
# TBX-Basic subjectField-like label of each kind (written in English, the exchange language).
KIND_NAMES = {"organisation": "organization", "document": "document or agreement", "title": "official title",
              "person": "person", "place": "place", "event": "event", "concept": "concept"}
def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = xml_text(text)
    return element


def _tig(lang_set: ET.Element, form: str, status: str, term_type: str | None = None,
         note: str | None = None) -> None:
    tig = _sub(lang_set, "tig")
    _sub(tig, "term", form)
    if term_type:
        _sub(tig, "termNote", term_type, type="termType")
    _sub(tig, "termNote", status, type="administrativeStatus")
    if note:
        _sub(tig, "note", note)


def term_entry(body: ET.Element, term: Term) -> None:
    """One <termEntry> with a Vietnamese and an English <langSet>."""
    entry = _sub(body, "termEntry", id=term.id)
    _sub(entry, "descrip", KIND_NAMES[term.kind], type="subjectField")
    if term.related:
        _sub(entry, "note", "related: " + ", ".join(term.related))
    vi = _sub(entry, "langSet", **{XML_LANG: "vi"})
    _sub(vi, "descrip", term.definition_vi, type="definition")
    vi_forms = both_tone_styles(term.forms("vi"))
    for index, form in enumerate(vi_forms):
        _tig(vi, form, PREFERRED if index == 0 else ADMITTED,
             "abbreviation" if form.isupper() and " " not in form else None)
    en = _sub(entry, "langSet", **{XML_LANG: "en"})
    _sub(en, "descrip", term.definition_en, type="definition")
    _tig(en, term.en, PREFERRED, "fullForm" if term.en_abbr else None)
    if term.en_abbr:
        _tig(en, term.en_abbr, ADMITTED, "abbreviation")
    for form in term.en_variants:
        _tig(en, form, ADMITTED)
    for forbidden in term.forbidden:
        _tig(en, forbidden["form"], DEPRECATED, note=forbidden["reason"])


def tbx_text(terms: list[Term]) -> str:
    """The glossary as a TBX-Basic file (TBX 2008, <martif type="TBX-Basic">), as CAT tools import it."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "vi"})
    header = _sub(martif, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", "Viet Nam and cooperation on migration: glossary (vi-en)")
    _sub(_sub(file_desc, "sourceDesc"), "p", "Exported from glossary/terms/ by `python -m scripts export tbx`. "
         "English forms are human translations; deprecated terms are forbidden English variants.")
    _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(martif, "text"), "body")
    for term in terms:
        term_entry(body, term)
    ET.indent(martif)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
            + ET.tostring(martif, encoding="unicode") + "\n")


def export_tbx(project) -> str:
    """`python -m scripts export tbx`."""
    return tbx_text(load_terms(project))
