"""The state of an article's English version: one list of statuses, how a page's front matter says
which it is in, and its name for readers."""
from __future__ import annotations

from scripts.core.labels import Labels

# translation.status values, in the order the status page counts them. "edited-after-review": a
# reviewed page whose English changed since its review, not yet reviewed again.
STATUSES = ("machine-draft", "human", "reviewed", "edited-after-review", "outdated", "untranslated")


def translation_info(meta: dict | None) -> dict:
    """The `translation:` mapping of an English page's front matter ({} when absent or not a mapping)."""
    info = (meta or {}).get("translation")
    return info if isinstance(info, dict) else {}


def unmodified_percent(meta: dict) -> int | None:
    """translation.unmodified_mt (a share from 0 to 1) as a whole percentage; None when absent or invalid."""
    value = translation_info(meta).get("unmodified_mt")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        return None
    return round(value * 100)


def translation_status(en_meta: dict | None) -> str:
    """The English version's status: the front matter's `translation.status`, "reviewed" when a
    contributor set `reviewed: true` on a current translation, "untranslated" without a file."""
    if en_meta is None:
        return "untranslated"
    translation = translation_info(en_meta)
    status = translation.get("status")
    if status not in STATUSES:
        status = "machine-draft"
    if translation.get("reviewed") is True and status in ("machine-draft", "human", "edited-after-review"):
        status = "reviewed"
    return status


def has_english(en_meta: dict | None) -> bool:
    """Whether an English page holds a translation a reader can be given: translate writes a page for
    every article, and one whose status is "untranslated" is the Vietnamese under a notice, for a
    translator to work on, which readers get as they get an article without an English page."""
    return en_meta is not None and translation_status(en_meta) != "untranslated"


def uncovered(meta: dict | None) -> int:
    """translation.uncovered: the Vietnamese paragraphs a restructured English page does not cover."""
    value = translation_info(meta).get("uncovered")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def status_name(status: str, lang: str, labels: Labels) -> str:
    """The status as readers of `lang` call it ("machine draft", "bản dịch máy")."""
    return labels(lang, "status_name_" + status.replace("-", "_"))
