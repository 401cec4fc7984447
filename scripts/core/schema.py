"""Data files as checked values: YAML read once with the line of every key, fields checked against a
schema, and each problem an object naming the file, line and field (never a string parsed back)."""
from __future__ import annotations

import hashlib
import re
import reprlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from scripts.core.fsutil import own_file_problem
from scripts.core.policy import MAX_DATA_FILE_BYTES

# libyaml's parser when PyYAML was built with it (the same nodes and marks, ~10× faster).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input: the file as shown to the user, the line and field when known."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: field '{self.field}': {self.message}" if self.field else f"{where}: {self.message}"


class SchemaError(ValueError):
    """An input file is not what its schema expects; `problems` lists each problem, the message
    shows one per line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data, the path shown in messages, the sha256 of the bytes parsed, and
    the line of each key by dotted path ("rules.terms", "forbidden[0]")."""

    data: Any
    file: str
    digest: str = ""
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, dotted: str) -> int | None:
        """The line of `dotted`, else of its nearest enclosing field that has one."""
        path = dotted
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    def problem(self, dotted: str | None, message: str) -> Problem:
        return Problem(self.file, message, self.line(dotted) if dotted else None, dotted)


def yaml_problem(exc: yaml.YAMLError, first_line: int = 1) -> str:
    """One line saying where and what: "line 4, column 9: did not find expected ',' or ']'".
    `first_line` is the file line of the YAML text's first line (2 inside a front matter block)."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    problem = " ".join(str(problem).split())
    return f"line {mark.line + first_line}, column {mark.column + 1}: {problem}" if mark else problem


def parse_yaml(text: str, file: str, digest: str = "") -> Document:
    """`text` as a Document; raises SchemaError (file, line) when it is not YAML or uses aliases
    (an alias can make a few hundred bytes stand for gigabytes)."""
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        if node is not None:
            _node_lines(node, "", lines, set(), file)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise SchemaError([Problem(file, f"not valid YAML: {problem}", mark.line + 1 if mark else None)]) from None
    except SchemaError:
        raise
    except (ValueError, OverflowError) as exc:  # a value YAML reads but Python cannot hold (2024-13-01)
        raise SchemaError([Problem(file, f"not valid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    return Document(data, file, digest, lines)


def _node_lines(node, path: str, lines: dict[str, int], seen: set[int], file: str) -> None:
    if id(node) in seen:  # a node reached twice is an alias (&anchor … *anchor): where it is used
        key = re.sub(r"(\[\d+\])+$", "", path)  # a list item's line is its anchor's: take its key's
        line = lines.get(key) or node.start_mark.line + 1
        raise SchemaError([Problem(file, "YAML aliases (*name) are not accepted", line, path or None)])
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{path}.{key.value}" if path else str(key.value)
            lines.setdefault(name, key.start_mark.line + 1)
            _node_lines(value, name, lines, seen, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = f"{path}[{index}]"
            lines.setdefault(name, item.start_mark.line + 1)
            _node_lines(item, name, lines, seen, file)


def data_file_bytes(path: Path, file: str) -> bytes:
    """The bytes of a data file (settings, glossary, topic, sidecar): a regular file of the repository,
    not a link, a pipe or a device, and not larger than MAX_DATA_FILE_BYTES (policy.py); SchemaError
    naming it otherwise. Checked before anything is read: a FIFO would block, /dev/zero never end."""
    try:
        problem = own_file_problem(path, MAX_DATA_FILE_BYTES)
    except OSError as exc:
        raise SchemaError([Problem(file, f"cannot be read: {(exc.strerror or str(exc)).lower()}")]) from None
    if problem:
        raise SchemaError([Problem(file, problem)])
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise SchemaError([Problem(file, f"cannot be read: {(exc.strerror or str(exc)).lower()}")]) from None


def read_yaml(path: Path, file: str) -> Document:
    """The YAML file at `path` (shown as `file` in messages) as a Document; SchemaError when it
    cannot be read (see data_file_bytes), is not UTF-8 or not YAML."""
    raw = data_file_bytes(path, file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemaError([Problem(file, f"not UTF-8 text (byte {exc.start}): save the file as UTF-8")]) from None
    return parse_yaml(text, file, hashlib.sha256(raw).hexdigest())


# ─── Settings files, read again whenever they change ──────────────────────────────────

_SETTINGS: dict[tuple[str, Callable], tuple[str, Any]] = {}


def load_settings(path: Path, file: str, parse: Callable[[Document], T]) -> T:
    """`parse` of the YAML file at `path`. The file is read on every call and parsed again whenever
    its bytes changed (keyed on their sha256, never on the life of the process), so a long-lived
    process (`mkdocs serve`) sees an edit at once; `parse` receives the digest with the data."""
    raw = data_file_bytes(path, file)
    digest = hashlib.sha256(raw).hexdigest()
    key = (str(path), parse)
    known = _SETTINGS.get(key)
    if known is None or known[0] != digest:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SchemaError([Problem(file, f"not UTF-8 text (byte {exc.start})")]) from None
        known = _SETTINGS[key] = (digest, parse(parse_yaml(text, file, digest)))
    return known[1]


# ─── Checking fields ──────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Field:
    """What one field must hold. `kind`: str, int, float (an int is accepted), bool, list or dict;
    `items`: the kind of each list item (str items must be non-empty); `expected`: in words."""

    kind: type
    expected: str
    required: bool = False
    items: type | None = None
    minimum: float | None = None
    choices: tuple | None = None


_KIND_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false", list: "a list",
               dict: "a mapping"}


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxdict = 4
_SHORT.maxlevel = 2


def found(value) -> str:
    """How a wrong value is shown in a message: its kind and a bounded form (never the whole value:
    it comes from outside and may be huge)."""
    return f"{type(value).__name__} {_SHORT.repr(value)}"


def load_untrusted(text: str, file: str):
    """The data of a YAML text that may come from outside (front matter, a memory file): libyaml's
    fast load, unless the text could hold an anchor or alias, which is then refused (parse_yaml)."""
    if "&" in text or "*" in text:
        return parse_yaml(text, file).data
    return yaml.load(text, Loader=LOADER)  # noqa: S506 - a safe loader


def _is(value, kind: type) -> bool:
    if isinstance(value, bool):
        return kind is bool
    if kind is float:
        return isinstance(value, (int, float))
    return isinstance(value, kind)


def value_problem(value, spec: Field) -> str | None:
    """Why `value` does not fit `spec` (None when it does); `value` is not None."""
    if not _is(value, spec.kind):
        return f"expected {spec.expected}, found {found(value)}"
    if spec.choices is not None and value not in spec.choices:
        return f"expected one of {', '.join(map(str, spec.choices))}, found {value!r}"
    if spec.minimum is not None and value < spec.minimum:
        return f"expected at least {spec.minimum:g}, found {value!r}"
    if spec.kind is list and spec.items is not None:
        for item in value:
            if not _is(item, spec.items) or (spec.items is str and not item.strip()):
                what = "non-empty text" if spec.items is str else _KIND_NAMES.get(spec.items, spec.items.__name__)
                return f"expected {spec.expected}: each item {what}, found {found(item)}"
    return None


def field_problems(doc: Document, data, fields: dict[str, Field], prefix: str = "",
                   unknown: bool = True) -> list[Problem]:
    """The problems of mapping `data` (at dotted path `prefix` of `doc`) against `fields`: missing
    required fields, values of the wrong kind, and (with `unknown`) fields the schema does not know."""
    if not isinstance(data, dict):
        what = "an empty file" if data is None and not prefix else found(data)
        message = f"expected a mapping of fields, found {what}"
        return [doc.problem(prefix, message) if prefix else Problem(doc.file, message, 1)]
    problems = []
    for name, spec in fields.items():
        dotted = f"{prefix}.{name}" if prefix else name
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.required:
                problems.append(doc.problem(dotted, f"missing or empty; expected {spec.expected}"))
            continue
        if (why := value_problem(value, spec)) is not None:
            problems.append(doc.problem(dotted, why))
    if unknown:
        for name in data:
            if name not in fields:
                dotted = f"{prefix}.{name}" if prefix else str(name)
                problems.append(doc.problem(dotted, f"unknown field; allowed fields: {', '.join(fields)}"))
    return problems


def checked(doc: Document, problems: list[Problem]) -> None:
    """Raise SchemaError with `problems` when there are any."""
    if problems:
        raise SchemaError(problems)
