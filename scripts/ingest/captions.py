"""Photo, video and graphic captions inside body text, found by their credit ("… Ảnh: Phạm Duy.",
"(Nguồn: AFP/TTXVN)", "… - Ảnh: TẤN LỰC"): the caption goes, the text around it stays."""
from __future__ import annotations

import dataclasses
import itertools
import re

from scripts.ingest.rules import Rules

# End punctuation of a sentence, possibly inside closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
_CLOSERS = "'\"”’»)]"
# A sentence boundary: end punctuation (and closing quotes), spaces, then what may start a sentence.
_BOUNDARY = re.compile(r"[.!?…]['\"”’»)]*\s+(?=['\"“‘(]?[^\W_])")


def without_captions(line, rules: Rules, removed: list):
    """`line` without photo captions marked by a credit ("… Ảnh: X."); None when it was all caption."""
    text = line.text
    while True:
        credit = next_credit(text, rules)
        if not credit:
            break
        start, end = credit
        if end >= len(text.rstrip()) and len(text.split()) <= rules.caption_max_words:
            removed.append(("caption with credit", text))
            return None
        begin = caption_start(text, start)
        removed.append(("caption with credit", text[begin:end].strip()))
        text = (text[:begin].rstrip() + " " + text[end:].lstrip()).strip()
    return dataclasses.replace(line, text=text) if text else None


def next_credit(text: str, rules: Rules) -> tuple[int, int] | None:
    """(start, end) of the first photo/video credit in `text`: "(Nguồn: AFP)", "(ảnh CACC)", or
    "Ảnh: Phạm Duy." at the start of the text or of a sentence."""
    for match in rules.credit.finditer(text):
        start, end = match.span()
        before = text[:start].rstrip()
        if before.endswith("(") and (close := text.find(")", end)) != -1 and close - end <= 50:
            name = text[end:close].strip(" :")
            if name or " " in match.group():
                return len(before) - 1, close + 1
        if text[end:].lstrip().startswith(":") and (not before or _TERMINAL.search(before)
                                                     or before.endswith(("-", "–", "—"))):  # "… - Ảnh: X"
            return start, credit_end(text, text.index(":", end) + 1)
    return None


def credit_end(text: str, pos: int) -> int:
    """End of the name after "Ảnh:": the rest of the text when it is short; else up to a word ending
    in "." or ")", or the capitalised words before the next sentence (whose first word stays with it)."""
    tail = text[pos:]
    if len(tail.split(None, 9)) <= 8 and not _BOUNDARY.search(tail):
        return len(text)
    capitalised = []
    for token in itertools.islice(re.finditer(r"\S+", tail), 6):  # not the whole tail: long lines stay linear
        word = token.group()
        if word.endswith((".", ")")):
            return pos + token.end()
        if not (word[:1].isupper() or word[:1].isdigit()):
            break
        capitalised.append(token)
    if len(capitalised) >= 2:
        return pos + capitalised[-2].end()
    return pos + capitalised[0].end() if capitalised else pos


def caption_start(text: str, credit_start: int) -> int:
    """Start of the sentence just before a credit: the caption it belongs to."""
    before = text[:credit_start].rstrip()
    core = before.rstrip(_CLOSERS + " ").rstrip(".!?…")
    starts = [m.end() for m in _BOUNDARY.finditer(core)]
    return starts[-1] if starts else 0
