"""Authors as bylines print them: a person's name (every word capitalised) or a desk ("Ban Thời sự"),
without the agency suffix ("Minh Thu/VOV.VN", "Thu Hằng (TTXVN/Vietnam+)"), capitals in name case
("MINH HÀ" → "Minh Hà"), otherwise exactly as printed; "Theo RT" is a source credit, not an author."""
from __future__ import annotations

import re

from scripts.core.vietnamese import match_key
from scripts.ingest.rules import Rules

# Several authors in one byline: "Thanh Hà - Ngọc Đông", "Minh Anh, Thu Hà", "Minh Anh và Thu Hà".
_PEOPLE = re.compile(r"\s+[-–—&]\s+|\s*[,;]\s+|\s+và\s+")
# A word of a name: letters, possibly initials before it ("H.Anh", "N.V.Hải").
_NAME_WORD = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]+$")
# The agency or outlet after a name: "/TTXVN", "(TTXVN/Vietnam+)", "- TTXVN", "/VOV-Praha".
# A Vietnamese syllable has a vowel; an abbreviation ("PV") may not.
_VOWEL = re.compile(r"[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)
_SUFFIX = re.compile(r"^(?P<name>.+?)\s*(?:/\s*(?P<slash>[^/()]+(?:/[^/()]+)*)|\(\s*(?P<paren>[^()]+?)\s*\)"
                     r"|\s+[-–]\s+(?P<dash>\S+))$")


def byline_author(text: str, rules: Rules, labelled: bool = False) -> str | None:
    """The author a byline line names, or None when the line is no byline (a widget, a menu link,
    an outlet's name, a sentence). `labelled`: the line followed a label such as "Tác giả:", so a
    single word is a name too."""
    text = " ".join(text.split()).strip(" .")
    if not text or len(text) > 80 or re.search(r"\d", text):
        return None
    text = without_agency(text, rules)
    if rules.outlets.named(text) or any(p.fullmatch(text) for p in rules.ui_lines + rules.menu_lines):
        return None
    if source_credit(text, rules):  # "Theo VnExpress": a source, not an author
        return None
    people = [p for p in _PEOPLE.split(text) if p]
    if not people or not all(is_person(p, rules, labelled) for p in people):
        return None
    return name_case(text) if is_capitals(text) else text


def is_person(text: str, rules: Rules, labelled: bool = False) -> bool:
    """A person's name as a byline prints it ("Mạnh Hùng", "MINH HÀ", "H.Anh"), or a desk ("Ban
    Thời sự", "Nhóm phóng viên"): a few words, each capitalised unless the first names a group."""
    words = text.split()
    if not words or len(words) > rules.byline_max_words:
        return False
    if any(match_key(" ".join(words[:n])) in rules.byline_groups for n in (2, 1)):
        return all(w[:1].isalpha() for w in words)
    if len(words) < 2 and not labelled and not re.match(r"^[^\W\d_]\.", words[0]):  # "H.Anh" is a name
        return False
    return all(_NAME_WORD.match(w) and w[:1].isupper() for w in words)


def without_agency(text: str, rules: Rules) -> str:
    """A byline without the agency or outlet it credits: "Minh Thu/VOV.VN" → "Minh Thu",
    "Ngọc Hà (TTXVN)" → "Ngọc Hà". A suffix that names no agency stays."""
    match = _SUFFIX.match(text)
    if not match:
        return text
    suffix = match["slash"] or match["paren"] or match["dash"]
    parts = [p for p in re.split(r"[/\s,]+|-(?=\w)", suffix) if p.strip(" .+")]
    if parts and len(suffix.split()) <= 4 and is_agency(parts[0], rules):  # "VOV-Praha": the agency's bureau
        return match["name"].strip()
    return text


def is_agency(text: str, rules: Rules) -> bool:
    """A credit's part that names an outlet or agency: "TTXVN", "Vietnam+", "VOV.VN", "VOV", "AFP"."""
    stripped = text.strip(" .()")
    if rules.outlets.by_prefix(stripped) or rules.outlets.named(stripped):
        return True
    letters = re.sub(r"[^\w]", "", stripped)
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def name_case(text: str) -> str:
    """A name printed in capitals, in name case: "THANH HÀ - NGỌC ĐÔNG" → "Thanh Hà - Ngọc Đông".
    A word without a vowel is an abbreviation ("PV", "BTV") and stays as printed."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + m.group()[1:].lower()
                  if _VOWEL.search(m.group()) else m.group(), text)


def source_credit(text: str, rules: Rules) -> str | None:
    """The source a credit line names ("Theo RT" → "RT", "Nguồn: TTXVN" → "TTXVN"), or None."""
    text = " ".join(text.split())
    for pattern in rules.credit_lines:
        match = pattern.fullmatch(text)
        if match and (source := match.group("source").strip(" .:")):
            if len(source.split()) <= 6 and source[:1].isupper():
                return source
    return None


def labelled_author(text: str, rules: Rules) -> str | None:
    """The author of a labelled byline ("Tác giả: X", "Bài và ảnh: X"), or None."""
    for pattern in rules.byline_lines:
        if match := pattern.fullmatch(" ".join(text.split())):
            return byline_author(match.group("author"), rules, labelled=True) or match.group("author").strip()
    return None
