"""scripts.ingest.sidecar: what a contributor knows about a source, checked field by field."""
from __future__ import annotations

import pytest

from scripts.ingest.sidecar import SidecarError, read_sidecar


def sidecar(tmp_path, text: str | bytes, name: str = "a.txt.meta.yml") -> dict:
    raw = tmp_path / "a.txt"
    raw.write_text("x", encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_sidecar(raw, lambda p: p.name)


@pytest.mark.parametrize("written, stored", [
    ("date: '2024-11-11T19:30:00+07:00'\n", "2024-11-11T19:30:00+07:00"),  # the README's form
    ("date: 2024-11-11T19:30:00+07:00\n", "2024-11-11T19:30:00+07:00"),  # a YAML timestamp
    ("date: 2024-11-11 19:30:00+07:00\n", "2024-11-11T19:30:00+07:00"),
    ("date: '2024-11-11 19:30'\n", "2024-11-11T19:30:00"),
    ("date: 2024-11-11\n", "2024-11-11"),
    ("date: '2024-11-11'\n", "2024-11-11"),
    ("date: null\n", None),
])
def test_dates_and_date_times_are_stored_as_iso_8601(tmp_path, written, stored):
    assert sidecar(tmp_path, written) == {"date": stored}


def test_both_namings_and_text_on_one_line(tmp_path):
    assert sidecar(tmp_path, "author: '  Mạnh\n  Hùng '\n", name="a.meta.yml") == {"author": "Mạnh Hùng"}


def test_an_empty_sidecar_says_nothing(tmp_path):
    assert sidecar(tmp_path, "# only a comment\n") == {}


@pytest.mark.parametrize("text, message", [
    ("- a\n- b\n", "a.txt.meta.yml:1: expected a mapping of fields, found list"),
    ("title: x\nsource: y\n", "a.txt.meta.yml:2: field 'source': unknown field"),
    ("date: 11/11/2024\n", "a.txt.meta.yml:1: field 'date': expected an ISO 8601 date"),
    ("date: 2024-13-01\n", "a.txt.meta.yml: not valid YAML: month must be in 1..12"),
    ("outlet: ''\n", "a.txt.meta.yml:1: field 'outlet': expected the outlet's name as text, found ''"),
    ("author: [a, b]\n", "a.txt.meta.yml:1: field 'author': expected the author's name as text, found list"),
    ("source_url: javascript:alert(1)\n", "a.txt.meta.yml:1: field 'source_url': expected an http:// or https://"),
    (b"title: Vi\xeat\n", "a.txt.meta.yml: not UTF-8 text"),
])
def test_a_bad_sidecar_names_the_file_line_and_field(tmp_path, text, message):
    with pytest.raises(SidecarError) as error:
        sidecar(tmp_path, text)
    assert str(error.value).startswith(message), str(error.value)


def test_the_download_time_and_source_credit(tmp_path):
    fields = sidecar(tmp_path, "fetched: 2024-06-08T10:00:00+07:00\nsource_credit: RT\n")
    assert fields == {"fetched": "2024-06-08T10:00:00+07:00", "source_credit": "RT"}
    with pytest.raises(SidecarError, match="field 'fetched': expected the ISO 8601 date-time"):
        sidecar(tmp_path, "fetched: yesterday\n")


def test_a_sidecars_fields_are_certain_and_the_download_time_is_no_page_field():
    from scripts.ingest.clean import Block, Cleaned
    from scripts.ingest.sidecar import apply_sidecar

    cleaned = Cleaned("T", [Block("p", "x")], origins={"author": "author_doubtful"}, doubts={"author": "two bylines"})
    applied = apply_sidecar(cleaned, {"author": "Minh Hà", "fetched": "2024-06-08T10:00:00+00:00"})
    assert (applied.author, applied.origins["author"], applied.doubts) == ("Minh Hà", "sidecar", {})
    assert not hasattr(applied, "fetched")
