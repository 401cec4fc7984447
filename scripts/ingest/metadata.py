"""Settling an article's metadata from the clues cleaning found: which outlet (the strongest clue
wins: lead prefix, masthead, site name, the page's address, copyright line, then the domains of its
links, then a mention in the text), a date worked out when none is printed (only from a relative time
and the fetch time, marked inferred), how sure ingest is of each field, and what to review."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from scripts.core.confusables import mixed_script_words
from scripts.ingest.clean import Cleaned
from scripts.ingest.dates import relative_date, url_date
from scripts.ingest.outlets import Outlet
from scripts.ingest.rules import Rules
from scripts.ingest.titles import SEPARATOR

FIELDS = ("title", "date", "author", "outlet")
# Clues to the outlet, strongest first; the first kind that names an outlet decides.
OUTLET_KINDS = ("prefix", "masthead", "site", "address", "copyright", "domains", "mention")
STRONG = {"prefix", "masthead", "site", "address", "copyright"}
ORIGIN = {**{kind: "outlet_named" for kind in STRONG}, "domains": "outlet_domain", "mention": "outlet_mention"}
# What a contributor can do about a doubtful field, by field (the sidecar overrides it).
ADVICE = {
    "title": "set `title:`",
    "date": "set `date:` to the date the page printed (ISO 8601), or `date: null` if it prints none",
    "author": "set `author:` to the byline as printed, or `author: null` if the page names none",
    "outlet": "set `outlet:` to the outlet's name (config/outlets.yml lists the known ones)",
}


@dataclass(frozen=True)
class Context:
    """What is known of a source besides its bytes (from its sidecar): the address it was downloaded
    from and when (the moment a relative time such as "3 giờ trước" counts back from)."""

    source_url: str | None = None
    fetched: str | None = None


def settle(cleaned: Cleaned, rules: Rules, context: Context = Context()) -> Cleaned:
    """Decide the outlet and the origin of every field (see `Cleaned.origins`); a date is worked
    out only from a relative time and the fetch time, and then marked `inferred`."""
    settle_outlet(cleaned, rules, context)
    settle_date(cleaned, rules, context)
    cleaned.origins.setdefault("title", "title_close")
    cleaned.origins.setdefault("author", "author_absent" if cleaned.author is None else "author_byline")
    return cleaned


def resolve(kind: str, value, rules: Rules) -> Outlet | None:
    """The registry's outlet a clue names (None when it names none the registry knows)."""
    if isinstance(value, Outlet) or value is None:
        return value
    outlets = rules.outlets
    if kind == "prefix":
        return outlets.by_prefix(value)
    if kind in ("address", "domains"):
        return outlets.by_domain(value)
    if kind == "copyright":
        return outlets.mentioned(value)
    if kind == "masthead" and (logo := rules.logo_line.fullmatch(value)):
        value = logo.group("outlet")
    for part in (value, *SEPARATOR.split(value)):
        found = outlets.named(part) or (outlets.by_domain(part) if "." in part else None)
        if found:
            return found
    words = value.split()  # a mention: "VnExpress", "Dân trí" followed by more capitalised words
    return next((o for n in range(len(words), 0, -1) if (o := outlets.named(" ".join(words[:n])))), None)


def settle_outlet(cleaned: Cleaned, rules: Rules, context: Context) -> None:
    clues = list(cleaned.clues)
    if context.source_url:
        clues.append(("address", context.source_url))
    text = " ".join(b.text for b in cleaned.blocks)
    clues += [("mention", m.group("outlet")) for p in rules.outlet_mentions for m in p.finditer(text)]
    named = [(kind, resolve(kind, value, rules), value) for kind, value in clues]
    for kind in OUTLET_KINDS:
        hits = Counter(o.id for k, o, _ in named if k == kind and o is not None)
        if not hits:
            continue
        winner = next(o for k, o, _ in named if o is not None and o.id == hits.most_common(1)[0][0])
        cleaned.outlet, cleaned.origins["outlet"] = winner.name, ORIGIN[kind]
        others = sorted({o.name for k, o, _ in named if k in STRONG and o is not None and o.id != winner.id})
        if others and kind in STRONG:
            cleaned.origins["outlet"] = "outlet_mention"
            cleaned.doubts["outlet"] = f"the page names {winner.name!r} ({kind}) and also {', '.join(map(repr, others))}"
        elif kind == "mention":
            cleaned.doubts["outlet"] = f"only the text names it (\"… với {winner.name}\")"
        return
    site = next((value for kind, o, value in named if kind == "site" and o is None and isinstance(value, str)), None)
    if site:
        cleaned.outlet, cleaned.origins["outlet"] = " ".join(site.split()), "outlet_unlisted"
    else:
        cleaned.outlet, cleaned.origins["outlet"] = None, "outlet_absent"
        cleaned.doubts["outlet"] = "nothing on the page names its outlet"


def settle_date(cleaned: Cleaned, rules: Rules, context: Context) -> None:
    if cleaned.date is not None:
        cleaned.origins.setdefault("date", "date_printed")
        return
    relative = cleaned.relative
    if relative and (moment := relative_date(relative, rules, context.fetched)):
        cleaned.date, cleaned.date_source, cleaned.origins["date"] = moment, "inferred", "date_relative"
        cleaned.doubts["date"] = f"the page prints {relative!r}, counted back from the download time"
        return
    hint = url_date(context.source_url or cleaned.source_url)
    if relative:
        cleaned.origins["date"] = "date_hinted"
        cleaned.doubts["date"] = f"the page prints only {relative!r} and its download time is unknown"
    elif hint:
        cleaned.origins["date"] = "date_hinted"
        cleaned.doubts["date"] = f"no date is printed; the address suggests {hint}"
    else:
        cleaned.origins["date"] = "date_absent"


def confidence(cleaned: Cleaned, rules: Rules) -> dict[str, float]:
    """How sure ingest is of each field (config/cleaning.yml `confidence:`)."""
    return {name: rules.sure(cleaned.origins.get(name, f"{name}_absent" if name != "title" else "title_close"))
            for name in FIELDS}


def review(cleaned: Cleaned, rules: Rules, sidecar: str) -> dict[str, str]:
    """field → one line saying why ingest is unsure and what to put in the sidecar, for every field
    whose confidence is below settings.review_below."""
    notes = {}
    for name, sure in confidence(cleaned, rules).items():
        if sure < rules.review_below:
            why = cleaned.doubts.get(name) or f"{name} is uncertain"
            notes[name] = f"{why}: {ADVICE[name]} in {sidecar}"
    if mixed := mixed_script_words(cleaned.title):  # look-alike letters (security review F22)
        shown = ", ".join(repr(w) for w in mixed[:3])
        notes["title"] = (f"the title spells {shown} with Cyrillic or Greek letters among Latin ones "
                          f"(look-alikes): {ADVICE['title']} in {sidecar}")
    return notes

