"""Publication dates as pages print them (every dateline style of config/cleaning.yml, relative times,
HTML meta data), kept to the precision printed: the time and offset when given, the day otherwise."""
from __future__ import annotations

import datetime as dt
import re

from scripts.ingest.rules import Rules

# Units of a relative time ("3 giờ trước") in seconds; months and years are approximate anyway.
UNITS = {"giây": 1, "phút": 60, "giờ": 3600, "tiếng": 3600, "ngày": 86400, "tuần": 7 * 86400,
         "tháng": 30 * 86400, "năm": 365 * 86400}
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$")
# Dates in an address: /2024/03/05/, -20181209122608572.htm (day and time packed), /202412/.
_URL_DATES = (
    re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/|$)"),
    re.compile(r"[-/_](?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?:\d{4,9})?(?:\D|$)"),
)


def dateline_iso(parts: dict) -> str | None:
    """"2024-11-11T19:30:00+00:00" with time and offset when given, "2024-11-11" for a day only;
    None for an impossible date."""
    try:
        day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        if not parts.get("hour"):
            return day.isoformat()
        hour = int(parts["hour"])
        ampm = (parts.get("ampm") or "").lower()
        if ampm in ("pm", "ch") and hour < 12:
            hour += 12
        elif ampm in ("am", "sa") and hour == 12:
            hour = 0
        moment = dt.datetime.combine(day, dt.time(hour, int(parts["minute"])), _offset(parts.get("offset")))
        return moment.isoformat()
    except (ValueError, TypeError):
        return None


def _offset(text: str | None) -> dt.timezone | None:
    if not text:
        return None
    sign = -1 if "-" in text else 1
    digits = re.sub(r"[^\d]", "", text)
    hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def dateline_date(text: str, rules: Rules):
    """The ISO 8601 date of a line that is only a dateline; None for an impossible date;
    False when the line is not a dateline."""
    for pattern in rules.datelines:
        match = pattern.fullmatch(text)
        if match:
            return dateline_iso(match.groupdict())
    return False


def find_dateline(text: str, rules: Rules) -> tuple[str, tuple[int, int]] | None:
    """(ISO date, span) of the most precise dateline inside `text` ("Nam Dương | 24/12/2023 | 07:12"),
    or None. Among overlapping matches the longest wins: it holds the time when one is printed."""
    found = []
    for pattern in rules.datelines:
        for match in pattern.finditer(text):
            iso = dateline_iso(match.groupdict()) if match.group().strip() else None
            if iso:
                found.append((len(match.group().strip()), iso, match.span()))
    if not found:
        return None
    _, iso, span = max(found, key=lambda item: (item[0], len(item[1])))
    return iso, span


def relative_date(text: str, rules: Rules, fetched: str | None) -> str | None:
    """The approximate moment of a relative time ("3 giờ trước") counted back from `fetched` (ISO);
    None without a fetch time or a relative time."""
    match = rules.relative_time.search(text)
    reference = parse_iso(fetched)
    if not match or reference is None:
        return None
    seconds = int(match.group("amount")) * UNITS.get(match.group("unit").lower(), 0)
    moment = reference - dt.timedelta(seconds=seconds)
    return moment.replace(second=0, microsecond=0).isoformat() if seconds < 86400 else moment.date().isoformat()


def parse_iso(value) -> dt.datetime | None:
    """An ISO 8601 date or date-time (a date counts as its midnight); None when it is neither."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def meta_iso(value: str | None) -> str | None:
    """A meta data date ("2024-03-24T07:12:00+07:00", "2024-03-24 07:12", "2024-03-24") in the
    form ingest stores: with the time and offset it gives, or the day alone."""
    match = _ISO.match(value or "")
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
        if hour is None:
            return date.isoformat()
        tz = None
        if zone:
            tz = dt.timezone.utc if zone == "Z" else _offset(zone)
        moment = dt.datetime.combine(date, dt.time(int(hour), int(minute), int(second or 0)), tz)
    except ValueError:
        return None
    return moment.isoformat()


def url_date(url: str | None) -> str | None:
    """The day an address suggests (/2024/03/05/, -20181209122608572.htm): only ever a hint for review,
    never a page's date (an address is not a printed date, and some hold other dates)."""
    for pattern in _URL_DATES:
        for match in pattern.finditer(url or ""):
            try:
                return dt.date(int(match["year"]), int(match["month"]), int(match["day"])).isoformat()
            except ValueError:
                continue
    return None
