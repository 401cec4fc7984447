"""The header of a text dump: everything above the lead (mastheads, menus, login links, breadcrumbs,
the title, the dateline, a byline at the top). The title is the best-scored line of it; the rest
gives the date, the author and clues to the outlet, and is never body text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scripts.ingest import titles
from scripts.ingest.bylines import byline_author, labelled_author
from scripts.ingest.dates import dateline_date, find_dateline
from scripts.ingest.rules import Rules

HEADER_LINES = 40  # the lead comes within this many lines of the top, or the dump has no header
_CREDIT_SEPARATORS = " |-–—,:"


@dataclass
class Header:
    """What the header of a dump says. `body` is the text from the lead on."""

    title: str | None = None
    title_origin: str = "title_close"
    runner_up: str | None = None
    date: str | None = None
    author: str | None = None
    author_origin: str | None = None
    mastheads: list[str] = field(default_factory=list)
    relative: str | None = None  # "3 giờ trước" printed where the date goes
    body: list[str] = field(default_factory=list)


def read_header(lines: list[str], rules: Rules, removed: list, is_chrome) -> Header:
    """Split a dump's non-empty lines into its header (read) and its body (from the lead on).
    `is_chrome(text)` names the chrome rule of a line (clean.chrome_rule), or None."""
    header = Header()
    lead = lead_index(lines, rules, is_chrome)
    candidates, kinds = [], []
    for index, text in enumerate(lines[:HEADER_LINES if lead is None else lead]):
        kind = header_kind(text, rules, is_chrome, at_top=index < 3)
        kinds.append(kind)
        if kind is None:
            candidates.append(titles.Candidate(text, len(candidates), {"line"}, line=index))
            if lead is None:  # no lead found: the first line that can be the title is, as dumps begin
                lead = index + 1
                break
    for candidate in candidates:  # anchored: right before the dateline, a byline or the lead (or a short one)
        following = kinds[candidate.line + 1] if candidate.line + 1 < len(kinds) else "lead"
        candidate.anchored = following in ("dateline", "byline", "lead") or (
            following is None and titles.is_sentence(lines[candidate.line + 1]))
    lead = len(kinds) if lead is None else lead
    lead_text = lines[lead] if lead < len(lines) else None
    header.title, header.title_origin, runner = titles.choose(candidates, lead_text, rules)
    header.runner_up = runner.text if runner else None
    chosen = next((c.line for c in candidates if c.text == header.title), None)
    if chosen is not None:  # a short lead ("Hàng trăm người đã về nước.") is body, though no lead by length
        lead = next((i for i in range(chosen + 1, lead) if kinds[i] is None and titles.is_sentence(lines[i])), lead)
        kinds = kinds[:lead]
    seen_title, dates = False, []
    for index, (text, kind) in enumerate(zip(lines[:lead], kinds)):
        if index == chosen:
            seen_title = True
            continue
        if kind == "dateline":  # which dateline is the article's is settled below
            dates.append((index, seen_title))
        read_line(header, text, kind, rules, removed, after_title=seen_title)
    header.date = article_date(lines, kinds, dates, rules)
    header.body = lines[lead:]
    return header


def article_date(lines: list[str], kinds: list, dates: list[tuple[int, bool]], rules: Rules) -> str | None:
    """The article's dateline among the header's: the first after the title; else the last before
    it, unless a menu separates it from the title (the top bar of a site prints today's date)."""
    after = [index for index, after_title in dates if after_title]
    before = [index for index, after_title in dates if not after_title]
    if after:
        chosen = after[0]
    elif before and not any(kind in ("menu", "masthead") for kind in kinds[before[-1] + 1:]):
        chosen = before[-1]
    else:
        return None
    found = dateline_date(lines[chosen], rules)
    return found if found is not False else (dated_byline(lines[chosen], rules) or (None,))[0]


def lead_index(lines: list[str], rules: Rules, is_chrome) -> int | None:
    """Index of the lead: the first sentence-like line that is not chrome, a caption or a
    dateline, after at least one line that could be the title (a dump starts with its title).
    None when there is none near the top."""
    seen_candidate = False
    for index, text in enumerate(lines[:HEADER_LINES]):
        if hard_chrome(text, is_chrome) or dateline_date(text, rules) is not False or has_credit(text, rules):
            continue
        if titles.looks_like_lead(text) and seen_candidate:
            return index
        if header_kind(text, rules, is_chrome, at_top=index < 3) is None:
            seen_candidate = True
    return None


def header_kind(text: str, rules: Rules, is_chrome, at_top: bool = False) -> str | None:
    """What a header line is ("chrome", "masthead", "menu", "dateline", "byline", "caption"), or
    None when it could be the title."""
    if dateline_date(text, rules) is not False or dated_byline(text, rules):
        return "dateline"
    if titles.is_masthead(text, rules, at_top):
        return "masthead"
    if hard_chrome(text, is_chrome):
        return "chrome"
    if titles.is_menu(text, rules) or titles.is_footer_like(text, rules):
        return "menu"
    if labelled_author(text, rules) or byline_author(text, rules):
        return "byline"
    if has_credit(text, rules):
        return "caption"
    return None


def hard_chrome(text: str, is_chrome) -> bool:
    """Chrome that is never a title. A line without letters ("---", "!!! ???") is chrome in the body
    but may stand where the title goes: the title score judges it there."""
    rule = is_chrome(text)
    return bool(rule) and rule != "separator"


def read_line(header: Header, text: str, kind: str | None, rules: Rules, removed: list, after_title: bool) -> None:
    """Take what a header line other than the title says (its date, its byline, a masthead) and
    record it as removed."""
    if kind == "masthead":
        header.mastheads.append(text)
        removed.append(("masthead", text))
    elif kind == "dateline":
        found = dateline_date(text, rules)
        if found is False:
            found, author = dated_byline(text, rules)
            if author and after_title and header.author is None:
                header.author, header.author_origin = author, "author_byline"
        removed.append(("dateline", text))
    elif kind == "byline" and after_title:
        if header.author is None:
            labelled = labelled_author(text, rules)
            header.author = labelled or byline_author(text, rules)
            header.author_origin = "author_labelled" if labelled else "author_byline"
        removed.append(("byline", text))
    else:
        match = rules.relative_time.search(text)
        if match and after_title and header.relative is None and len(text.split()) <= 8:
            header.relative = match.group()
        removed.append((kind or "header line", text))


def dated_byline(text: str, rules: Rules) -> tuple[str, str | None] | None:
    """(date, author or None) of a header line holding a dateline and a name or label around it:
    "Nam Dương | 24/12/2023 | 07:12", "Phương Anh - 08/06/2024 05:30"; None otherwise."""
    found = find_dateline(text, rules)
    if not found:
        return None
    iso, (start, end) = found
    rest = (text[:start] + " " + text[end:]).strip(_CREDIT_SEPARATORS)
    rest = re.sub(r"\s*[|]\s*", " ", rest).strip(_CREDIT_SEPARATORS)
    if not rest:
        return iso, None
    author = byline_author(rest, rules) or labelled_author(rest, rules)
    return (iso, author) if author else None


def has_credit(text: str, rules: Rules) -> bool:
    """A caption: a line with a photo credit ("… Ảnh: Phạm Duy", "(Nguồn: AFP)")."""
    return bool(rules.credit.search(text)) and bool(re.search(r"(?i)\b(?:ảnh|video|nguồn|photo|clip)\b\s*[:(]|\(\s*ảnh", text))
