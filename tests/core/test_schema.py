"""scripts.core.schema: YAML with the line of every key, one schema checker, problems as objects, and
settings read again whenever their file's bytes change."""
from __future__ import annotations

import os

import pytest

from scripts.core.schema import Document, Field, Problem, SchemaError, field_problems, load_settings, parse_yaml, read_yaml

FIELDS = {
    "name": Field(str, "a name", required=True),
    "count": Field(int, "a whole number", minimum=1),
    "share": Field(float, "a number"),
    "flag": Field(bool, "true or false"),
    "kind": Field(str, "one of a, b", choices=("a", "b")),
    "items": Field(list, "a list of words", items=str),
    "nested": Field(dict, "a mapping"),
}


def test_lines_are_known_for_keys_nested_keys_and_list_items():
    doc = parse_yaml("# c\nname: x\nnested:\n  inner: 1\nitems:\n  - a\n  - b\n", "f.yml")
    assert (doc.line("name"), doc.line("nested.inner"), doc.line("items[1]")) == (2, 4, 7)
    assert doc.line("nested.missing") == 3  # the nearest enclosing field
    assert doc.line("absent") is None


def test_problems_say_file_line_field_expected_and_found():
    doc = parse_yaml("count: 0\nshare: yes\nflag: 1\nkind: c\nitems: [a, '', 3]\nextra: 1\n", "f.yml")
    problems = {p.field: str(p) for p in field_problems(doc, doc.data, FIELDS)}
    assert problems["name"] == "f.yml: field 'name': missing or empty; expected a name"
    assert problems["count"] == "f.yml:1: field 'count': expected at least 1, found 0"
    assert problems["share"] == "f.yml:2: field 'share': expected a number, found bool True"
    assert problems["flag"] == "f.yml:3: field 'flag': expected true or false, found int 1"
    assert problems["kind"] == "f.yml:4: field 'kind': expected one of a, b, found 'c'"
    assert problems["items"].startswith("f.yml:5: field 'items': expected a list of words: each item non-empty text")
    assert problems["extra"].startswith("f.yml:6: field 'extra': unknown field; allowed fields: name, count")


def test_an_int_is_a_number_but_a_bool_is_not():
    doc = Document({"name": "x", "share": 2, "count": True}, "f.yml")
    assert [p.field for p in field_problems(doc, doc.data, FIELDS)] == ["count"]


def test_a_top_level_that_is_not_a_mapping_is_on_line_1():
    doc = parse_yaml("- a\n- b\n", "f.yml")
    assert field_problems(doc, doc.data, FIELDS) == [
        Problem("f.yml", "expected a mapping of fields, found list ['a', 'b']", 1)]


@pytest.mark.parametrize("text, line, what", [
    ("a: [1\nb: 2\n", 2, "not valid YAML"),
    ("a: !!python/object/apply:os.system ['true']\n", 1, "not valid YAML: could not determine a constructor"),
    ("a: &x [1, 2]\nb: *x\n", 2, "YAML aliases (*name) are not accepted"),
])
def test_bad_yaml_is_one_problem_with_its_line(text, line, what):
    with pytest.raises(SchemaError) as error:
        parse_yaml(text, "f.yml")
    [problem] = error.value.problems
    assert problem.line == line and what in problem.message


def test_an_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    with pytest.raises(SchemaError, match="aliases"):
        parse_yaml(bomb, "bomb.yml")


def test_a_file_that_is_not_utf8_or_missing_is_one_problem(tmp_path):
    (tmp_path / "latin.yml").write_bytes("a: Vi\xeat\n".encode("latin-1"))
    with pytest.raises(SchemaError, match=r"latin.yml: not UTF-8 text \(byte 5\)"):
        read_yaml(tmp_path / "latin.yml", "latin.yml")
    with pytest.raises(SchemaError, match=r"none.yml: cannot be read: no such file"):
        read_yaml(tmp_path / "none.yml", "none.yml")


def test_settings_are_read_again_when_their_bytes_change_even_at_the_same_size_and_time(tmp_path):
    path = tmp_path / "s.yml"
    path.write_text("word: one\n", encoding="utf-8")
    stat = path.stat()
    parsed = []

    def parse(doc):
        parsed.append(doc.digest)
        return doc.data["word"]

    assert load_settings(path, "s.yml", parse) == "one"
    assert load_settings(path, "s.yml", parse) == "one" and len(parsed) == 1  # unchanged: not parsed again
    path.write_text("word: two\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_settings(path, "s.yml", parse) == "two" and len(parsed) == 2
    assert parsed[0] != parsed[1]
