"""The glossary as CSV, one row per term (for spreadsheets and CAT tools that take a term list)."""
from __future__ import annotations

import csv
import io

from scripts.glossary.terms import Term, load_terms

# CSV columns, in order; list cells are joined with " | ".
CSV_COLUMNS = ("id", "kind", "vi", "vi_variants", "en", "en_abbr", "en_variants", "forbidden_en",
               "forbidden_reasons", "definition_vi", "definition_en", "related", "topics", "untranslated")
JOIN = " | "


def csv_rows(terms: list[Term]) -> list[dict[str, str]]:
    """One row per term; list cells joined with " | " (no form may contain "|")."""
    return [{
        "id": t.id, "kind": t.kind, "vi": t.vi, "vi_variants": JOIN.join(t.vi_variants), "en": t.en,
        "en_abbr": t.en_abbr, "en_variants": JOIN.join(t.en_variants),
        "forbidden_en": JOIN.join(f["form"] for f in t.forbidden),
        "forbidden_reasons": JOIN.join(f["reason"] for f in t.forbidden),
        "definition_vi": t.definition_vi, "definition_en": t.definition_en,
        "related": JOIN.join(t.related), "topics": JOIN.join(t.topics),
        "untranslated": "true" if t.untranslated else "false",
    } for t in terms]


# A cell a spreadsheet would run as a formula starts with one of these: such a cell is written with a
# leading apostrophe, which spreadsheets show as text and do not keep (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def csv_text(terms: list[Term]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: as_text(value) for key, value in row.items()} for row in csv_rows(terms))
    return buffer.getvalue()


def export_csv(project) -> str:
    """`python -m scripts export csv`."""
    return csv_text(load_terms(project))
