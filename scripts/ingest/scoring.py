"""Scoring one cleaned article against its gold body and expected metadata: token precision, recall
and F1 of the body, and whether each of title, date, author and outlet is right (from the page
alone, and with the sidecar a contributor would write)."""
from __future__ import annotations

import dataclasses
import html
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from scripts.core.vietnamese import match_key, normalize, restyle
from scripts.ingest.metadata import Context, confidence
from scripts.ingest.page import cleaned_article, page_of
from scripts.ingest.rules import Rules
from scripts.ingest.sidecar import apply_sidecar

FIELDS = ("title", "date", "author", "outlet")
_MISSING = {"unknown", "—", "-", ""}


@dataclass
class Expected:
    """Expected metadata of one article; None where the input does not give the value. `outlets`:
    names that all stand for the right outlet; `sidecar`: what a contributor would add."""

    title: str
    date: str | None = None
    author: str | None = None
    outlets: list[str] = field(default_factory=list)
    source_url: str | None = None
    source_credit: str | None = None
    sidecar: dict = field(default_factory=dict)


@dataclass
class Score:
    """The scores of one article. `page` holds what the cleaner found in the input alone, `final`
    adds the sidecar (whose fields are listed in `from_sidecar`); `right_*` says per field whether
    each is right, `confidence` how sure ingest was, `review` the fields it listed for review."""

    name: str
    precision: float
    recall: float
    f1: float
    page: dict
    final: dict
    right_page: dict
    right_final: dict
    confidence: dict
    review: list[str]
    expected: dict
    from_sidecar: list[str]

    # The checks of the final metadata, by the names the report and the gate use.
    @property
    def title_ok(self) -> bool:
        return self.right_final["title"]

    @property
    def title(self) -> str:
        return self.final["title"]


def tokens(markdown: str) -> list[str]:
    """Words of a Markdown text after stripping its syntax, compared case- and tone-style-insensitively."""
    text = html.unescape(normalize(markdown))
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", " ", text, flags=re.M)
    return re.findall(r"\w+", match_key(re.sub(r"[*_`|]", " ", text)))


def prf(produced: str, gold: str) -> tuple[float, float, float]:
    """Token-level (bag of words) precision, recall and F1 of `produced` against `gold`."""
    ours, theirs = Counter(tokens(produced)), Counter(tokens(gold))
    common = sum((ours & theirs).values())
    precision = common / max(1, sum(ours.values()))
    recall = common / max(1, sum(theirs.values()))
    return precision, recall, (2 * precision * recall / (precision + recall) if common else 0.0)


def date_matches(actual: str | None, expected: str | None) -> bool:
    """An ISO date(-time) against "YYYY-MM-DD[ HH:MM]", to the precision the expectation gives."""
    if expected is None or actual is None:
        return expected is None and actual is None
    return actual.replace("T", " ")[:len(expected)] == expected


def same_title(actual: str | None, expected: str, style: str) -> bool:
    """Exact equality after NFC and in the site's one tone-mark style."""
    return actual is not None and restyle(normalize(actual), style) == restyle(normalize(expected), style)


def rightness(meta: dict, expected: Expected, rules: Rules) -> dict[str, bool]:
    """Per field, whether `meta` (a page's front matter) holds the expected value. A date ingest
    inferred (`date_source: inferred`) is no printed date; authors compare exactly (as printed);
    outlets by the registry (a domain, the name and a short name of one outlet are the same)."""
    printed = None if meta.get("date_source") == "inferred" else meta.get("date")
    outlet = meta.get("outlet") or None
    if expected.outlets:
        outlet_ok = bool(outlet) and any(rules.outlets.same(outlet, o) or match_key(outlet) == match_key(o)
                                         for o in expected.outlets)
    else:
        outlet_ok = outlet is None
    return {
        "title": same_title(meta.get("title"), expected.title, rules.tone_style),
        "date": date_matches(printed, expected.date),
        "author": (meta.get("author") or None) == expected.author,
        "outlet": outlet_ok,
    }


def with_sidecar(expected: Expected) -> Expected:
    """What is expected once the sidecar is applied: its values (a contributor's word) are right."""
    side = expected.sidecar
    changes = {k: side[k] for k in ("title", "author") if k in side}
    if "date" in side:
        changes["date"] = side["date"].replace("T", " ")[:16] if side["date"] else None
    if "outlet" in side:
        changes["outlets"] = [side["outlet"]] + expected.outlets if side["outlet"] else []
    return dataclasses.replace(expected, **changes)


def score_article(name: str, raw: Path, gold: Path, expected: Expected, rules: Rules,
                  context: Context = Context()) -> Score:
    """Clean one raw file and score it; its sidecar (`expected.sidecar`) fills only what the input
    lacks. `context`: what a sidecar file beside it says of the source (address, download time)."""
    cleaned = cleaned_article(raw.read_bytes(), rules, context)
    page = page_of(cleaned, raw.name, "", rules)
    supplied = {k: v for k, v in expected.sidecar.items() if getattr(cleaned, k, None) in (None, "")}
    final = page_of(apply_sidecar(cleaned, supplied), raw.name, "", rules)
    precision, recall, f1 = prf(page.body, gold.read_text(encoding="utf-8"))
    keys = ("title", "date", "date_source", "author", "outlet", "source_credit")
    return Score(
        name=name, precision=precision, recall=recall, f1=f1,
        page={k: page.meta.get(k) for k in keys}, final={k: final.meta.get(k) for k in keys},
        right_page=rightness(page.meta, expected, rules), right_final=rightness(final.meta, with_sidecar(expected), rules),
        confidence=confidence(cleaned, rules), review=sorted(page.meta.get("needs_review") or {}),
        expected=asdict(expected), from_sidecar=sorted(supplied),
    )


def parse_sources(text: str) -> dict[str, Expected]:
    """Expected metadata per eval file ("eval_01"), from the tables of SOURCES.md (../shared/eval);
    the sidecar holds the outlet, date and address where the input lacks them."""
    urls, expected = {}, {}
    for row in _table_rows(text, "| file | repository"):
        urls["eval_" + row[0].split("_")[-1].split(".")[0]] = row[4]
    for row in _table_rows(text, "| file | title"):
        name = f"eval_{row[0]}"
        source = row[4]
        outlets = [source.split()[0]] + re.findall(r"\(([^)]*)\)", source)
        url = urls.get(name, "")
        date = _expected_date(row[2])
        item = Expected(title=row[1], date=date, author=None if row[3].split(" (")[0] in _MISSING else row[3],
                        outlets=outlets, source_url=url if url.startswith(("http://", "https://")) else None)
        sidecar = {"outlet": outlets[0], "date": date and date.replace(" ", "T"), "source_url": item.source_url}
        item.sidecar = {k: v for k, v in sidecar.items() if v}
        expected[name] = item
    return expected


def _table_rows(text: str, header: str) -> list[list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _expected_date(cell: str) -> str | None:
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?", cell)
    if not match:
        return None
    return match.group(1) + (f" {match.group(2)}" if match.group(2) else "")


def expected_of(entry: dict) -> Expected:
    """Expected metadata from an entry of an expected.yml (eval/pages/, eval/seeds/)."""
    outlet = entry.get("outlet")
    return Expected(title=entry["title"], date=entry.get("date"), author=entry.get("author"),
                    outlets=[outlet] if outlet else [], source_url=entry.get("source_url"),
                    source_credit=entry.get("source_credit"), sidecar=dict(entry.get("sidecar") or {}))
