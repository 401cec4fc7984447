"""The translation memory as TMX 1.4: one translation unit per segment with final English."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from scripts.core.markdown import xml_text
from scripts.translate.memory import all_pages


def tmx_date(stamp: str) -> str | None:
    """An ISO timestamp as TMX wants it (YYYYMMDDThhmmssZ)."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def export_tmx(project) -> str:
    """The whole memory as TMX 1.4 (one translation unit per segment with final English)."""
    tmx = ET.Element("tmx", version="1.4")
    ET.SubElement(tmx, "header", {
        "creationtool": "python -m scripts export tmx", "creationtoolversion": "1", "segtype": "paragraph",
        "o-tmf": "yaml", "adminlang": "en", "srclang": "vi", "datatype": "plaintext"})
    body = ET.SubElement(tmx, "body")
    seen = set()
    for page in all_pages(project):
        for record in page.records.values():
            if not record.en or record.id in seen:
                continue
            seen.add(record.id)
            unit = ET.SubElement(body, "tu", {"tuid": record.id})
            if date := tmx_date(record.time):
                unit.set("creationdate", date)
            ET.SubElement(unit, "prop", type="x-origin").text = xml_text(record.origin)
            ET.SubElement(unit, "prop", type="x-page").text = xml_text(page.rel)
            for lang, text in (("vi", record.vi), ("en", record.en)):
                tuv = ET.SubElement(unit, "tuv", {"xml:lang": lang})
                ET.SubElement(tuv, "seg").text = xml_text(text)
    ET.indent(tmx)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            + ET.tostring(tmx, encoding="unicode") + "\n")
