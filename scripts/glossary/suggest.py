"""`glossary suggest`: the names the articles mention that the glossary lacks (people, organisations,
places, recurring capitalised phrases), with how often, an example sentence and the articles, ready
for review as CSV or TBX; and the same for one article when ingest writes it."""
from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from scripts.core.content import load_articles
from scripts.core.fsutil import write_atomic
from scripts.core.vietnamese import match_key
from scripts.glossary.matching import find_terms, term_index
from scripts.glossary.names import Cues, Found, names_in
from scripts.glossary.terms import load_terms

CSV_COLUMNS = ("name", "kind", "count", "articles", "example")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_KINDS = {"person": "person", "organisation": "organization", "place": "place", "name": "name"}


@dataclass
class Suggestion:
    """A name the glossary lacks: its kind, how many times the articles mention it, the first
    sentence it appears in, and the articles (paths under docs/vi/)."""

    name: str
    kind: str
    count: int = 0
    example: str = ""
    articles: list[str] = field(default_factory=list)


def known(item: Found, index: dict, seen: dict) -> bool:
    """Whether a glossary term covers this mention where it stands ("TP Hồ Chí Minh" is a term, so
    "Hồ Chí Minh" after "TP" is known). `seen`: the terms found per sentence, computed once."""
    if item.sentence not in seen:
        seen[item.sentence] = find_terms(item.sentence, index)
    return any(m.start <= item.start and m.end >= item.end for m in seen[item.sentence])


def suggestions(texts: dict[str, str], index: dict, cues: Cues, min_count: int = 1) -> list[Suggestion]:
    """The names of `texts` (article path → text) that no glossary term covers: those a cue
    introduces (once is enough) and capitalised phrases that recur (cues.min_phrase_count), most
    mentioned first. The same name in both tone-mark styles, or with another case, is one."""
    found: dict[str, Suggestion] = {}
    seen: dict[str, list] = {}
    for rel, text in texts.items():
        for item in names_in(text, cues):
            if known(item, index, seen):
                continue
            key = match_key(item.name)
            entry = found.get(key)
            if entry is None:
                entry = found[key] = Suggestion(item.name, item.kind, example=item.sentence)
            elif entry.kind == "name" and item.kind != "name":
                entry.kind, entry.example = item.kind, item.sentence  # a cue says what it is
            entry.count += 1
            if rel not in entry.articles:
                entry.articles.append(rel)
    kept = [s for s in found.values()
            if s.count >= max(min_count, cues.min_phrase_count if s.kind == "name" else 1)
            and not any(m.start == 0 and m.end == len(s.name) for m in find_terms(s.name, index))]
    return sorted(kept, key=lambda s: (-s.count, s.kind, match_key(s.name)))


def new_names(text: str, project) -> list[dict]:
    """The names one article's text mentions that the glossary lacks ({name, kind}): what ingest
    lists when it writes the article. Recurring phrases count from their first mention here."""
    index = term_index(load_terms(project))
    cues = project.name_cues()
    found = suggestions({"": text}, index, cues)
    return [{"name": s.name, "kind": s.kind} for s in found if s.kind != "name" or s.count >= cues.min_phrase_count]


def site_texts(project) -> dict[str, str]:
    """Each Vietnamese article's title and body, by its path under docs/vi/."""
    return {f"docs/vi/{a.rel}": f"{a.title}.\n{a.body}" for a in load_articles(project.docs, "vi")}


def csv_text(found: list[Suggestion]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({"name": s.name, "kind": s.kind, "count": s.count, "articles": " | ".join(s.articles),
                      "example": s.example} for s in found)
    return buffer.getvalue()


def tbx_text(found: list[Suggestion]) -> str:
    """The suggestions as a TBX-Basic file: one entry per name, Vietnamese only (the English form is
    for a person to write), its kind, count, example and articles in notes."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "vi"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title").text = "Glossary candidates (vi), for review"
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = (
        "Names the articles mention that glossary/terms/ lacks, by `python -m scripts glossary suggest`.")
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for number, s in enumerate(found, start=1):
        entry = ET.SubElement(body, "termEntry", id=f"candidate-{number}")
        ET.SubElement(entry, "descrip", type="subjectField").text = TBX_KINDS[s.kind]
        ET.SubElement(entry, "note").text = f"mentioned {s.count} time(s) in: {', '.join(s.articles)}"
        lang_set = ET.SubElement(entry, "langSet", {XML_LANG: "vi"})
        ET.SubElement(lang_set, "descrip", type="context").text = s.example
        tig = ET.SubElement(lang_set, "tig")
        ET.SubElement(tig, "term").text = s.name
        ET.SubElement(tig, "termNote", type="administrativeStatus").text = "admittedTerm-admn-sts"
    ET.indent(martif)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
            + ET.tostring(martif, encoding="unicode") + "\n")


def register(commands) -> None:
    parser = commands.add_parser(
        "glossary", help="glossary tools: suggest terms the articles mention that the glossary lacks",
        description="Glossary tools. `python -m scripts glossary suggest` lists the people, organisations, "
                    "places and recurring capitalised phrases of the Vietnamese articles that no term of "
                    "glossary/terms/ covers, with counts, an example sentence and the articles.")
    tools = parser.add_subparsers(dest="tool", metavar="<tool>", required=True)
    suggest = tools.add_parser("suggest", help="names the articles mention that the glossary lacks",
                               description="List the names the articles mention that no glossary term covers "
                                           "(cues in config/names.yml), most mentioned first.")
    suggest.add_argument("--min-count", type=int, default=1, metavar="N", help="only names mentioned N times or more")
    suggest.add_argument("--csv", type=Path, metavar="FILE", help="also write them as CSV (name, kind, count, "
                                                                  "articles, example)")
    suggest.add_argument("--tbx", type=Path, metavar="FILE", help="also write them as TBX-Basic, for a CAT tool")
    suggest.add_argument("--json", action="store_true", help="print one JSON record per name")
    suggest.add_argument("--root", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                         help="the repository to work on (default: the one this code is in)")
    parser.set_defaults(func=run)


def run(project, args) -> int:
    import json

    found = suggestions(site_texts(project), term_index(load_terms(project)), project.name_cues(), args.min_count)
    for s in found:
        if args.json:
            print(json.dumps(s.__dict__, ensure_ascii=False))
        else:
            where = f"{len(s.articles)} article(s)" if len(s.articles) > 1 else s.articles[0]
            print(f"{s.count:>4}  {s.kind:<12}  {s.name}  — {where}\n{'':<20}e.g. “{s.example[:160]}”")
    for path, text in ((args.csv, csv_text), (args.tbx, tbx_text)):
        if path:
            write_atomic(path, text(found))
            print(f"wrote {project.shown(path)}", file=sys.stderr)
    if not args.json:
        print(f"{len(found)} name(s) not in the glossary", file=sys.stderr)
    return 0


__all__ = ["Found", "Suggestion", "new_names", "suggestions"]
