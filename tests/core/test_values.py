"""Values every stage shares: safe links, dates as each language writes them, translation statuses,
article paths."""
from __future__ import annotations

import datetime as dt

import pytest

from scripts.core.content import is_article
from scripts.core.dates import display_date
from scripts.core.status import translation_status, unmodified_percent
from scripts.core.urls import safe_url
from tests.support.project import checkout

LABELS = checkout().labels()


@pytest.mark.parametrize("value,expected", [
    ("https://baochinhphu.vn/a-1.htm", "https://baochinhphu.vn/a-1.htm"),
    ("http://x.vn/a?b=1", "http://x.vn/a?b=1"),
    ("javascript:alert(1)", None), ("data:text/html,x", None), ("//x.vn/a", None),
    ("https://", None), ('https://x.vn/"onmouseover=', None), (None, None), (42, None),
])
def test_only_absolute_http_links_are_kept(value, expected):
    assert safe_url(value) == expected


def test_dates_are_written_as_each_language_writes_them():
    date = dt.datetime(2024, 11, 11, 19, 30)
    assert display_date(date, "vi", LABELS) == "11/11/2024"
    assert display_date(date, "en", LABELS) == "11 November 2024"
    assert display_date(None, "en", LABELS) == "Undated"  # a heading or list line (U-4 of the translation review)


@pytest.mark.parametrize("meta,expected", [
    (None, "untranslated"),
    ({"translation": {"status": "machine-draft"}}, "machine-draft"),
    ({"translation": {"status": "human", "reviewed": True}}, "reviewed"),
    ({"translation": {"status": "outdated", "reviewed": True}}, "outdated"),
    ({"translation": {"status": "nonsense"}}, "machine-draft"),
    ({}, "machine-draft"),
])
def test_translation_status(meta, expected):
    assert translation_status(meta) == expected


def test_unmodified_percent_is_a_percentage_or_none():
    assert unmodified_percent({"translation": {"unmodified_mt": 0.873}}) == 87
    assert unmodified_percent({"translation": {"unmodified_mt": 1.5}}) is None
    assert unmodified_percent({"translation": {"unmodified_mt": True}}) is None
    assert unmodified_percent({}) is None


def test_article_paths():
    assert is_article("articles/2024/x.md") and is_article("articles/undated/x.md")
    assert not is_article("articles/index.md") and not is_article("articles/2024/index.md")
    assert not is_article("glossary/index.md")
