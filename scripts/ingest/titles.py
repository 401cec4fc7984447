"""Titles are chosen, not taken: every line that could be the title (a dump's header lines; an HTML
page's <h1>, og:title and <title>) is scored, and the best wins. Mastheads, menus, sections, login
links, datelines and the outlet's name are never titles; site suffixes (" - VnExpress") are cut."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scripts.core.vietnamese import match_key
from scripts.ingest.rules import Rules

# A title suffix: " - VnExpress", " | Báo Dân trí", " – Tuổi Trẻ Online".
SEPARATOR = re.compile(r"\s+(?:[-|–—]|::)\s+")
_TERMINAL = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
_WORD = re.compile(r"[^\W_]+")
# Scores (added up): what makes a line read as the title of the article that follows.
WORDS_OK = 2.0          # 4 to 35 words: a headline's length
WORDS_SHORT = -1.0      # 3 words or fewer, or more than 35 (a paragraph)
ENDS_WITH_PERIOD = -1.5  # a headline ends without a full stop ("?" and "!" are fine)
CAPITALS = -1.0         # capitals are for mastheads and section names
ANCHORED = 1.5          # right before the dateline, the byline or the lead
FIRST = 1.0             # the first line that is not chrome (a dump's title comes first)
SHARES_LEAD = 1.0       # shares words with the lead
AGREES = 2.0            # per other source of an HTML page that gives the same title
MARGIN = 1.5            # a best title this far ahead of the next is sure


@dataclass
class Candidate:
    """A line that could be the title, with where it appears and what speaks for it."""

    text: str
    position: int
    sources: set[str] = field(default_factory=set)
    anchored: bool = False
    score: float = 0.0
    line: int = -1  # its line in a dump


def split_site_name(title: str, rules: Rules, site_names: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """(the title without the site's name, the parts cut: the site's name as the page writes it)."""
    sites = {match_key(s) for s in site_names if s}
    pieces, separators = SEPARATOR.split(title), SEPARATOR.findall(title)
    start, end = 0, len(pieces)
    while end - start > 1 and is_site_name(pieces[end - 1], rules, sites):
        end -= 1
    while end - start > 1 and is_site_name(pieces[start], rules, sites):  # "VnExpress - X", rarer
        start += 1
    kept = pieces[start] + "".join(separators[i - 1] + pieces[i] for i in range(start + 1, end))
    return (kept.strip() or title), pieces[:start] + pieces[end:]


def is_site_name(text: str, rules: Rules, sites: set[str]) -> bool:
    """Whether a title part names the site: an outlet of the registry, the page's site name, a
    domain, or a short name with "báo", "online", "news" or "tạp chí"."""
    key = match_key(text.strip())
    if key in sites or rules.outlets.named(text):
        return True
    words = key.split()
    return len(words) <= 5 and (bool(re.search(r"\w\.(vn|com|net|org)\b", key))
                                or bool({"báo", "online", "news", "tạp chí"} & set(words)))


def is_masthead(text: str, rules: Rules, at_top: bool = False) -> bool:
    """A masthead or logo line: an outlet's name (its short name too when at the top or in
    capitals), or several parts of which one is ("VOV.VN - Báo điện tử Đài Tiếng nói Việt Nam")."""
    if rules.logo_line.fullmatch(text):
        return True
    if is_menu(text, rules):  # "Lao động - Việc làm" is a section, though "Lao Động" is an outlet's short name
        return bool(rules.outlets.named(text, short=False))
    capitals = text.upper() == text and any(c.isalpha() for c in text)
    for part in [text, *SEPARATOR.split(text)]:
        if rules.outlets.named(part, short=at_top or capitals):
            return True
    return False


def is_menu(text: str, rules: Rules) -> bool:
    return any(p.fullmatch(text) for p in rules.menu_lines)


def is_footer_like(text: str, rules: Rules) -> bool:
    """A footer heading ("Tin liên quan") or footer line ("Bình luận (3)", "© …"): never a title."""
    return match_key(text.rstrip(" :")) in rules.footer_headings or any(p.fullmatch(text) for p in rules.footer_lines)


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(match_key(text)) if len(w) > 1 and not w.isdigit()}


def score(candidate: Candidate, lead: str | None) -> float:
    """How much `candidate` reads as the title (higher is better)."""
    text = candidate.text
    words = len(text.split())
    total = WORDS_OK if 4 <= words <= 35 else WORDS_SHORT
    if text.rstrip().endswith((".", ":", ";")) and not text.rstrip().endswith("..."):
        total += ENDS_WITH_PERIOD
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        total += CAPITALS
    if candidate.anchored:
        total += ANCHORED
    if candidate.position == 0:
        total += FIRST
    if lead and len(content_words(text) & content_words(lead)) >= 2:
        total += SHARES_LEAD
    total += AGREES * (len(candidate.sources) - 1)
    return total


def choose(candidates: list[Candidate], lead: str | None, rules: Rules) -> tuple[str | None, str, Candidate | None]:
    """(title, origin of its confidence, the runner-up) among `candidates`: the best score; the
    first of equals."""
    if not candidates:
        return None, "title_close", None
    for candidate in candidates:
        candidate.score = score(candidate, lead)
    ranked = sorted(candidates, key=lambda c: (-c.score, c.position))
    best, runner = ranked[0], (ranked[1] if len(ranked) > 1 else None)
    if len(best.sources) > 1 or runner is None:
        origin = "title_agreed"
    elif best.score - runner.score >= MARGIN:
        origin = "title_best"
    else:
        origin = "title_close"
    return best.text, origin, runner


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates with the same text (by match key) as one, with the sources of all."""
    merged: dict[str, Candidate] = {}
    for candidate in candidates:
        key = match_key(candidate.text)
        if key in merged:
            merged[key].sources |= candidate.sources
            merged[key].anchored |= candidate.anchored
            merged[key].position = min(merged[key].position, candidate.position)
        else:
            merged[key] = candidate
    return list(merged.values())


def is_sentence(text: str) -> bool:
    """A sentence: end punctuation (possibly inside closing quotes; ":" and ";" too) and four words or more."""
    return bool(_TERMINAL.search(text)) and len(text.split()) >= 4


def looks_like_lead(text: str) -> bool:
    """A paragraph that opens an article: a sentence of ten words or more, or any line of thirty."""
    words = len(text.split())
    return (bool(_TERMINAL.search(text)) and not text.rstrip().endswith((":", ";")) and words >= 10) or words >= 30
