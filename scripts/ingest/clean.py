"""Clean a scraped Vietnamese news text: page chrome out, body blocks and metadata (title, date, byline) in."""
from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass, field

from scripts.core.vietnamese import match_key
from scripts.ingest.captions import without_captions
from scripts.ingest.bylines import byline_author, labelled_author, source_credit
from scripts.ingest.dates import dateline_date
from scripts.ingest.header import read_header
from scripts.ingest.rules import Rules
from scripts.ingest.titles import is_footer_like, is_sentence

# End punctuation of a sentence, possibly inside closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
# A sentence boundary: end punctuation (and closing quotes), spaces, then what may start a sentence.
_BOUNDARY = re.compile(r"[.!?…]['\"”’»)]*\s+(?=['\"“‘(]?[^\W_])")
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)")
_PREFIX = re.compile(r"^\((?P<marker>[^()]{2,20})\)\s*[-–—]+\s*")
# An outlet's marker without brackets: "TTO - ", "VOV.VN - ", "QĐND Online - ", "TGVN. " (only markers
# the outlet registry knows: "Hà Nội - " is a place).
_BARE_PREFIX = re.compile(r"^(?P<marker>[^\W\d][\w.+&]*?(?:\s[\w.+&]+){0,2}?)\s*(?:[-–—]+|(?<=\w)\.(?=\s))\s+")
_END_MARK = re.compile(r"\s*/\.\s*$")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


@dataclass
class Block:
    """One block of the body: a paragraph ("p") or a sub-heading ("h2")."""

    kind: str
    text: str


@dataclass
class Cleaned:
    """What cleaning found: title, body blocks (lead first), metadata; None where unknown.
    `origins` says where each of title, date, author and outlet came from (a key of config/cleaning.yml
    `confidence:`), `doubts` what makes ingest unsure of one, `clues` what names the outlet
    ((kind, outlet or name) pairs, settled by metadata.settle)."""

    title: str | None
    blocks: list[Block]
    date: str | None = None
    author: str | None = None
    outlet: str | None = None
    source_url: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule, text) of everything dropped
    date_source: str | None = None  # "inferred" when no date is printed and ingest worked one out
    source_credit: str | None = None  # "RT" of "Theo RT": where the article is taken from
    origins: dict[str, str] = field(default_factory=dict)
    doubts: dict[str, str] = field(default_factory=dict)
    clues: list[tuple[str, object]] = field(default_factory=list)
    lead_marker: str | None = None  # "ĐCSVN" of the lead's "(ĐCSVN) -"
    relative: str | None = None  # a relative time the header prints ("3 giờ trước"), when no date is

    @property
    def lead(self) -> str | None:
        return next((b.text for b in self.blocks if b.kind == "p"), None)


@dataclass
class Line:
    """A line of input; `heading` when the source marked it as one (an HTML heading, a bold paragraph),
    `item` when it is an item of a list or a cell of a table (a paragraph, however short)."""

    text: str
    heading: bool = False
    item: bool = False


def clean_dump(text: str, rules: Rules) -> Cleaned:
    """Clean a plain-text dump: a header (mastheads, menus, the title, the dateline, maybe a byline),
    then the page as scraped."""
    lines = [line for raw in text.split("\n") if (line := unescape(" ".join(raw.split())))]
    removed: list[tuple[str, str]] = []
    header = read_header(lines, rules, removed, lambda line: chrome_rule(line, None, rules))
    rest = after_repeated_title(header.title, header.body, rules, removed)
    cleaned = clean_lines(header.title, [Line(t) for t in rest], rules, removed=removed)
    cleaned.origins["title"] = header.title_origin
    if header.runner_up and header.title_origin == "title_close":
        cleaned.doubts["title"] = f"another line could be the title: {header.runner_up!r}"
    if header.date:
        cleaned.date, cleaned.origins["date"] = header.date, "date_printed"
    cleaned.relative = header.relative
    if header.author:
        if cleaned.author and cleaned.author != header.author:  # unsure which: none, and a note
            cleaned.doubts["author"] = f"the top byline says {header.author!r}, the end {cleaned.author!r}"
            cleaned.author, cleaned.origins["author"] = None, "author_doubtful"
        else:
            cleaned.author, cleaned.origins["author"] = header.author, header.author_origin
    cleaned.clues[:0] = [("masthead", line) for line in header.mastheads]
    cleaned.clues += [("copyright", line) for line in lines if is_copyright(line)]
    cleaned.clues += [("domains", url) for url in re.findall(r"https?://[^\s)\]>\"']+", text)]
    return cleaned


def clean_lines(title: str | None, lines: list[Line], rules: Rules, *,
                removed: list | None = None) -> Cleaned:
    """Apply every Vietnamese clean-up rule to the lines that follow the title."""
    removed = removed if removed is not None else []
    kept, date, author = body_lines(title, lines, rules, removed)
    kept = [c for line in kept for c in [without_captions(line, rules, removed)] if c]
    kept = without_pre_lead_teasers(kept, removed)
    kept = without_trailing_captions(kept, rules, removed, keep_name=True)
    kept, bottom, credit = without_byline(kept, rules, removed)
    kept = without_trailing_captions(kept, rules, removed, keep_name=False)
    kept = without_pre_lead_teasers(kept, removed)  # again: a cut byline can make a line a sentence
    blocks = blocks_of(kept, rules, removed)
    while len(blocks) > 1 and blocks[-1].kind == "h2":  # a sub-heading with nothing under it
        removed.append(("heading without text", blocks.pop().text))
    marker = None
    if blocks and blocks[0].kind == "p":
        blocks[0].text, marker = without_prefix(blocks[0].text, rules)
        if marker:
            removed.append(("prefix", marker))
        if not blocks[0].text.strip():  # the lead was nothing but the prefix
            blocks.pop(0)
    cleaned = Cleaned(title=title, blocks=blocks, date=date, author=author or bottom, removed=removed,
                      source_credit=credit, lead_marker=marker)
    if date:
        cleaned.origins["date"] = "date_late"
    if author or bottom:
        cleaned.origins["author"] = "author_labelled" if author else "author_byline"
    if marker:
        cleaned.clues.append(("prefix", marker))
    return cleaned


def unescape(text: str) -> str:
    """HTML character references as characters ("&#39;" → "'"); plain text stays as it is."""
    return html.unescape(text) if _ENTITY.search(text) else text


def is_ui_line(line: str, rules: Rules) -> bool:
    return any(p.fullmatch(line) for p in rules.ui_lines)


def is_footer_heading(line: str, rules: Rules) -> bool:
    """A heading or line that opens the page's footer ("Tin liên quan", "Bình luận (3)", "© …")."""
    return is_footer_like(line, rules)


def is_copyright(line: str) -> bool:
    return bool(re.match(r"(?i)\s*(©|\(c\)|copyright|bản quyền|toàn bộ bản quyền)", line)) or "©" in line


def after_repeated_title(title: str | None, lines: list[str], rules: Rules, removed: list) -> list[str]:
    """Some dumps repeat the page head (title, teasers, lead) before the article proper: when the
    title recurs as a line before the footer, the article starts after its last occurrence."""
    if not title:
        return lines
    key, last = match_key(title), None
    for index, line in enumerate(lines):
        if is_footer_heading(line, rules):
            break
        if match_key(line) == key:
            last = index
    if last is None:
        return lines
    removed.extend(("repeated head", line) for line in lines[:last + 1] if line)
    return lines[last + 1:]


def body_lines(title, lines: list[Line], rules: Rules, removed: list) -> tuple[list[Line], str | None, str | None]:
    """Lines of the body up to the footer, without UI lines, teasers, image lines, captions ending
    in "|", alt text, datelines (the first gives the date) and byline lines (the first gives the author)."""
    kept: list[Line] = []
    date = author = None
    for line in lines:
        text = " ".join(line.text.split())
        if not text:
            continue
        if is_footer_heading(text, rules):
            if any(_is_sentence(k.text) for k in kept):
                removed.append(("footer", text))
                break
            removed.append(("footer heading before the body", text))
            continue
        found = dateline_date(text, rules)
        if found is not False:
            date = date or found
            removed.append(("dateline", text))
            continue
        # The lead loses its outlet prefix at the end: a line that is chrome once that prefix is
        # gone ("(GCM) - ![](…)") is chrome now, or a second cleaning would remove what the first kept.
        unprefixed = without_prefix(text, rules)[0]
        rule = chrome_rule(text, title, rules) or (
            (chrome_rule(unprefixed, title, rules) if unprefixed.strip() else "prefix only")
            if unprefixed != text else None)
        if rule:
            removed.append((rule, text))
            continue
        if labelled := labelled_author(text, rules):
            author = author or labelled
            removed.append(("byline", text))
            continue
        kept.append(Line(text, line.heading, line.item))
    return kept, date, author


def chrome_rule(text: str, title: str | None, rules: Rules) -> str | None:
    """The name of the rule that marks `text` as page chrome, or None when it may be content."""
    if is_ui_line(text, rules):
        return "ui"
    if not any(c.isalpha() for c in text):
        return "separator"
    if any(p.match(text) for p in rules.teaser_prefixes):
        return "teaser list"
    if _IMAGE.match(text):
        return "image"
    if text.endswith("|"):
        return "caption"
    if text.isascii() and any(p.fullmatch(text) for p in rules.alt_text_lines):
        return "alt text"
    if title and match_key(text) == match_key(title):
        return "repeated title"
    return None


def without_pre_lead_teasers(lines: list[Line], removed: list) -> list[Line]:
    """Lines before the lead that are not sentences are teasers of other articles."""
    for index, line in enumerate(lines):
        if _is_sentence(line.text):
            removed.extend(("teaser before the lead", x.text) for x in lines[:index])
            return lines[index:]
    return lines


def without_trailing_captions(lines: list[Line], rules: Rules, removed: list, keep_name: bool) -> list[Line]:
    """The body without the lines at its end that blocks_of would drop as captions (not a sentence,
    no list punctuation; a name or a source credit too once the byline was taken): done before and
    after the byline, so that the byline and end marker before them are found now and not by a
    second cleaning (cleaning is idempotent)."""
    lines = list(lines)
    while len(lines) > 1:
        text = lines[-1].text
        if _is_sentence(text) or re.search(r"[:;]|,$", text) or lines[-1].heading or lines[-1].item or (
                keep_name and (is_name(text, rules) or source_credit(text, rules)
                               or byline_tail(text, rules) is not None)):
            break
        removed.append(("caption without credit", lines.pop().text))
    if lines:  # the "/." end marker, now on the last line
        lines[-1] = dataclasses.replace(lines[-1], text=_END_MARK.sub("", lines[-1].text))
    # A line a byline, credit or end marker was cut from may be chrome now (no words left, or short
    # enough to read as breadcrumbs): drop it as body_lines would when cleaning the result again.
    kept = []
    for line in lines:
        if rule := chrome_rule(line.text, None, rules):
            if line.text.strip():
                removed.append((rule, line.text))
        else:
            kept.append(line)
    return kept


def without_byline(lines: list[Line], rules: Rules, removed: list) -> tuple[list[Line], str | None, str | None]:
    """The body without the bylines and source credits at its end (names on the last lines, or after
    the last sentence of a body run into one line; "Theo RT") and the "/." end marker; returns
    (lines, the author of the last byline, the source credited). Every byline goes at once, so that
    cleaning the result again finds none (idempotence)."""
    lines, author, credit = list(lines), None, None
    while True:
        if lines:
            lines[-1] = dataclasses.replace(lines[-1], text=_END_MARK.sub("", lines[-1].text))
        lines = [line for line in lines if line.text]
        name = None
        if len(lines) > 1 and (source := source_credit(lines[-1].text, rules)):
            credit = credit or source
            removed.append(("source credit", lines.pop().text))
            continue
        if len(lines) > 1 and is_name(lines[-1].text, rules):
            name = byline_author(lines.pop().text, rules)
        elif lines and (start := byline_tail(lines[-1].text, rules)) is not None:
            last = lines[-1].text
            name = byline_author(last[start:], rules)
            lines[-1] = dataclasses.replace(lines[-1], text=last[:start].rstrip())
        if name is None:
            return lines, author, credit
        removed.append(("byline", name))
        author = author or name


def byline_tail(text: str, rules: Rules) -> int | None:
    """Where the byline starts in a body run into one line: a name after its last sentence."""
    starts = [m.end() for m in _BOUNDARY.finditer(text)]
    if starts and is_name(text[starts[-1]:], rules) and _is_sentence(text[:starts[-1]].rstrip()):
        return starts[-1]
    return None


def is_name(text: str, rules: Rules) -> bool:
    """True for a byline line: a person's name or a desk, maybe with its agency ("Mạnh Hùng",
    "Ban Thời sự", "MINH HÀ", "Minh Thu/VOV.VN"); never a sentence, a widget or a menu link."""
    return not _TERMINAL.search(text.strip()) and byline_author(text, rules) is not None


def blocks_of(lines: list[Line], rules: Rules, removed: list) -> list[Block]:
    """Paragraphs and sub-headings: a short line that is not a sentence is a sub-heading when a
    paragraph follows it (captions aside); a longer one is a caption, unless it reads as a list
    (":" or ";" inside). A line ending in a comma ("Kính thưa các đồng chí,") is a paragraph: a
    sentence goes on. Decided on the lines that stay, so that cleaning the result again keeps them."""
    kinds = []
    for index, line in enumerate(lines):
        text = line.text
        if index == 0 or text.rstrip().endswith(",") or line.item or _is_sentence(text):
            kinds.append("p")
        elif len(text.split()) <= (2 if line.heading else 1) * rules.heading_max_words:
            kinds.append("short")
        elif re.search(r"[:;]", text) or line.heading:
            kinds.append("p")
        else:
            kinds.append("caption")
            removed.append(("caption without credit", text))
    kept = [(line, kind) for line, kind in zip(lines, kinds) if kind != "caption"]
    blocks: list[Block] = []
    for index, (line, kind) in enumerate(kept):
        if kind == "p":
            blocks.append(Block("p", line.text))
        elif index + 1 < len(kept) and kept[index + 1][1] == "p":
            blocks.append(Block("h2", line.text.rstrip(" :")))
        elif re.search(r"[:;]", line.text):  # "Điện thoại: 1900 0000": a list's line
            blocks.append(Block("p", line.text))
        else:  # no paragraph under it: a short line after the body or between captions
            removed.append(("short line without text", line.text))
    return blocks


def without_prefix(lead: str, rules: Rules | None = None) -> tuple[str, str | None]:
    """The lead without an outlet prefix such as "(ĐCSVN) - " or "TTO - ", and the marker."""
    match = _PREFIX.match(lead)
    if not match and rules is not None:
        match = _BARE_PREFIX.match(lead)
        if match and not rules.outlets.by_prefix(match.group("marker")):
            match = None
    if not match:
        return lead, None
    return lead[match.end():], match.group("marker").strip()


def _is_sentence(text: str) -> bool:
    return is_sentence(text)
