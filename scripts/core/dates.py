"""Dates of articles: front-matter values read as datetimes, and shown the way each language writes a day."""
from __future__ import annotations

import datetime as dt

from scripts.core.labels import Labels

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def parse_date(value) -> dt.datetime | None:
    """A front-matter date (ISO 8601 string, date or datetime) as a datetime; None when unknown."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value.strip():
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def display_date(date: dt.datetime | None, lang: str, labels: Labels) -> str:
    """The day of `date` as readers of `lang` write it: 11/11/2024 or 11 November 2024."""
    if date is None:
        return labels(lang, "undated")
    if lang == "vi":
        return f"{date.day:02d}/{date.month:02d}/{date.year}"
    return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"
