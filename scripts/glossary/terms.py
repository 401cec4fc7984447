"""The bilingual glossary: term files under glossary/terms/, their schema, checks and matching."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

# libyaml's parser when PyYAML has it (same nodes, with line marks): every build reads every term file.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from scripts.checks import Finding, register_check
from scripts.core.fsutil import ROOT
from scripts.core.vietnamese import STYLES, match_key, restyle

TERMS_DIR = Path("glossary") / "terms"
TOPICS_DIR = Path("glossary") / "topics"
# Allowed values of `kind`, in the order the glossary pages list them.
KINDS = ("organisation", "document", "title", "person", "place", "event", "concept")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A character that would break the CSV export's list cells.
LIST_SEPARATOR = "|"

# field → (expected type, required, what is expected, for error messages)
FIELDS = {
    "id": (str, True, "a lower-case ASCII id like 'bo-ngoai-giao', equal to the file name"),
    "kind": (str, True, f"one of {', '.join(KINDS)}"),
    "vi": (str, True, "the preferred Vietnamese form"),
    "vi_variants": (list, False, "a list of other Vietnamese forms"),
    "en": (str, True, "the approved English form"),
    "en_abbr": (str, False, "the English abbreviation, e.g. IOM"),
    "en_variants": (list, False, "a list of accepted English variants"),
    "forbidden": (list, False, "a list of {form, reason} mappings"),
    "definition_vi": (str, True, "a short Vietnamese definition"),
    "definition_en": (str, True, "a short English definition"),
    "related": (list, False, "a list of term ids"),
    "topics": (list, False, "a list of topic ids"),
    "untranslated": (bool, False, "true or false"),
}
LIST_FIELDS = ("vi_variants", "en_variants", "related", "topics")


class GlossaryError(ValueError):
    """A glossary or topic file is invalid; the message names the file, line and field."""


@dataclass(frozen=True, eq=False)
class Term:
    """One glossary term, as read from glossary/terms/<id>.yml."""

    id: str
    kind: str
    vi: str
    en: str
    definition_vi: str
    definition_en: str
    vi_variants: tuple[str, ...] = ()
    en_abbr: str = ""
    en_variants: tuple[str, ...] = ()
    forbidden: tuple[dict, ...] = ()
    related: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    untranslated: bool = False
    file: str = ""

    def forms(self, lang: str = "vi") -> tuple[str, ...]:
        """Every form of the term recognised in text of `lang`, preferred first."""
        if lang == "vi":
            return (self.vi, *self.vi_variants)
        return tuple(f for f in (self.en, self.en_abbr, *self.en_variants) if f)

    def definition(self, lang: str) -> str:
        return self.definition_vi if lang == "vi" else self.definition_en

    def name(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


# ─── Reading and validating one file ──────────────────────────────────────────────────

def yaml_mapping(path: Path, root: Path) -> tuple[dict, dict]:
    """(data, line of each top-level key) of a YAML file holding one mapping.

    Raises GlossaryError naming the file and line for malformed YAML or another top level."""
    shown = display_path(path, root)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{shown}: not UTF-8 text (byte {exc.start}): save the file as UTF-8") from None
    except OSError as exc:
        raise GlossaryError(f"{shown}: cannot be read: {exc.strerror}") from None
    try:
        node = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise GlossaryError(f"{shown}{where}: not valid YAML: {problem}") from None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        found = type(data).__name__ if data is not None else "an empty file"
        raise GlossaryError(f"{shown}:1: expected a mapping of fields, found {found}")
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return data, lines


def display_path(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def field_problems(data: dict, fields: dict, kinds: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(field, message) for each schema violation of one mapping."""
    problems = []
    for name, (kind, required, expected) in fields.items():
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                problems.append((name, f"missing or empty; expected {expected}"))
            continue
        if not isinstance(value, kind):
            problems.append((name, f"expected {expected}, found {type(value).__name__} {value!r}"))
        elif kind is list and name != "forbidden":
            bad = [v for v in value if not isinstance(v, str) or not v.strip()]
            if bad:
                problems.append((name, f"expected non-empty strings, found {bad[0]!r}"))
    for name in data:
        if name not in fields:
            problems.append((name, f"unknown field; allowed fields: {', '.join(fields)}"))
    return problems


def term_problems(data: dict, stem: str) -> list[tuple[str, str]]:
    """(field, message) for each problem of one term mapping (schema and field values)."""
    problems = field_problems(data, FIELDS)
    term_id = data.get("id")
    if isinstance(term_id, str) and not ID_PATTERN.match(term_id):
        problems.append(("id", f"expected lower-case letters, digits and '-', found {term_id!r}"))
    elif isinstance(term_id, str) and term_id != stem:
        problems.append(("id", f"expected the file name {stem!r}, found {term_id!r}"))
    if isinstance(data.get("kind"), str) and data["kind"] not in KINDS:
        problems.append(("kind", f"expected one of {', '.join(KINDS)}, found {data['kind']!r}"))
    forbidden = data.get("forbidden")
    if isinstance(forbidden, list):
        for index, entry in enumerate(forbidden):
            if not isinstance(entry, dict) or set(entry) != {"form", "reason"} or not all(
                    isinstance(v, str) and v.strip() for v in entry.values()):
                problems.append((f"forbidden[{index}]", f"expected a mapping with a non-empty form and reason, "
                                 f"found {entry!r}"))
    for name in ("vi", "en", "en_abbr", "vi_variants", "en_variants"):
        values = data.get(name) if isinstance(data.get(name), list) else [data.get(name)]
        if any(isinstance(v, str) and LIST_SEPARATOR in v for v in values):
            problems.append((name, f"a form must not contain {LIST_SEPARATOR!r} (the CSV list separator)"))
    return problems


def term_from(data: dict, file: str) -> Term:
    """A Term from a validated mapping."""
    return Term(
        id=data["id"], kind=data["kind"], vi=data["vi"].strip(), en=data["en"].strip(),
        definition_vi=" ".join(data["definition_vi"].split()),
        definition_en=" ".join(data["definition_en"].split()),
        vi_variants=tuple(data.get("vi_variants") or ()), en_abbr=(data.get("en_abbr") or "").strip(),
        en_variants=tuple(data.get("en_variants") or ()),
        forbidden=tuple({"form": f["form"], "reason": f["reason"]} for f in data.get("forbidden") or ()),
        related=tuple(data.get("related") or ()), topics=tuple(data.get("topics") or ()),
        untranslated=bool(data.get("untranslated", False)), file=file,
    )


def problem_text(shown: str, lines: dict, field: str, message: str) -> str:
    line = lines.get(re.split(r"[.\[]", field)[0])
    return f"{shown}{f':{line}' if line else ''}: field '{field}': {message}"


def read_term(path: Path, root: Path) -> Term:
    """The term of one file; raises GlossaryError listing every problem (file, line, field)."""
    shown = display_path(path, root)
    data, lines = yaml_mapping(path, root)
    problems = term_problems(data, Path(path).stem)
    if problems:
        raise GlossaryError("\n".join(problem_text(shown, lines, f, m) for f, m in problems))
    return term_from(data, shown)


def term_files(root: Path = ROOT) -> list[Path]:
    return sorted((Path(root) / TERMS_DIR).glob("*.yml"))


def load_terms(root: Path = ROOT) -> list[Term]:
    """Every term of the glossary, sorted by id; raises GlossaryError naming each bad file and
    field (schema) or the terms in conflict (consistency)."""
    terms, errors = [], []
    for path in term_files(root):
        try:
            terms.append(read_term(path, root))
        except GlossaryError as exc:
            errors.append(str(exc))
    if not errors:
        errors = [f"{file}: {message}" for file, message in consistency_problems(terms, topic_ids(root))]
    if errors:
        raise GlossaryError("\n".join(errors))
    return sorted(terms, key=lambda t: t.id)


def topic_ids(root: Path = ROOT) -> set[str] | None:
    """Ids of the topic files (file names), or None when there is no topics folder."""
    folder = Path(root) / TOPICS_DIR
    return {p.stem for p in folder.glob("*.yml")} if folder.is_dir() else None


# ─── Consistency of the whole glossary ────────────────────────────────────────────────

def consistency_problems(terms: list[Term], topics: set[str] | None = None,
                         known: set[str] | None = None) -> list[tuple[str, str]]:
    """(file, message) for: duplicate ids, a Vietnamese form claimed by two terms (equal under
    match_key), related or topic ids that do not exist, a forbidden form that another term approves.
    `known`: ids that exist besides `terms` (files that failed validation are reported on their own)."""
    problems = []
    by_id: dict[str, Term] = {}
    for term in terms:
        if term.id in by_id:
            problems.append((term.file, f"field 'id': {term.id!r} is already the id of {by_id[term.id].file}"))
        by_id.setdefault(term.id, term)
    claimed: dict[str, Term] = {}
    for term in terms:
        for form in dict.fromkeys(match_key(f) for f in term.forms("vi")):
            owner = claimed.setdefault(form, term)
            if owner is not term:
                problems.append((term.file, f"field 'vi_variants': the Vietnamese form {form!r} is also a form "
                                 f"of {owner.id!r} ({owner.file})"))
    approved = {match_key(f): t for t in terms for f in t.forms("en")}
    for term in terms:
        problems += [(term.file, f"field 'related': no term has the id {r!r}") for r in term.related if r not in by_id and r not in (known or ())]
        if topics is not None:
            problems += [(term.file, f"field 'topics': no topic has the id {t!r} (glossary/topics/{t}.yml)")
                         for t in term.topics if t not in topics]
        for entry in term.forbidden:
            owner = approved.get(match_key(entry["form"]))
            if owner is not None:
                problems.append((term.file, f"field 'forbidden': {entry['form']!r} is an approved English form "
                                 f"of {owner.id!r}"))
        for name in ("vi", "en", "definition_vi", "definition_en"):
            if not getattr(term, name).strip():
                problems.append((term.file, f"field '{name}': empty; both languages must be filled"))
    return problems


def glossary_findings(root: Path) -> Iterable[Finding]:
    """Findings of `python -m scripts check` for the glossary: schema, then consistency."""
    terms = []
    for path in term_files(root):
        try:
            terms.append(read_term(path, root))
        except GlossaryError as exc:
            yield from findings_of(exc, "glossary")
    known = {p.stem for p in term_files(root)}
    for file, message in consistency_problems(terms, topic_ids(root), known):
        yield Finding("error", "glossary", file, message)


def findings_of(error: GlossaryError, check: str) -> Iterable[Finding]:
    """One Finding per problem line "file:line: message" of a GlossaryError."""
    for line in str(error).splitlines():
        match = re.match(r"^(.+?\.yml)(?::(\d+))?: (.*)$", line)
        if match:
            file, number, message = match.groups()
            yield Finding("error", check, file, f"line {number}: {message}" if number else message)
        else:
            yield Finding("error", check, "glossary", line)


register_check("glossary", glossary_findings)


# ─── Finding terms in text ────────────────────────────────────────────────────────────

# A word: letters, digits and combining marks (decomposed input keeps its words whole).
WORD = re.compile(r"[\w\u0300-\u036f]+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term

    def __iter__(self):  # (start, end, term), as the contract describes a match
        return iter((self.start, self.end, self.term))


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    """match_key of one word, cached: articles repeat the same few thousand words."""
    return match_key(word)


def _gap(text: str) -> str:
    """What separates two words, for comparison: spaces removed ("TP. Hồ" ≡ "TP.Hồ")."""
    return "".join(text.split())


def _pattern(form: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = list(WORD.finditer(form))
    keys = tuple(match_key(w.group(0)) for w in words)
    gaps = tuple(_gap(form[a.end():b.start()]) for a, b in zip(words, words[1:]))
    return keys, gaps


def term_index(terms: Iterable[Term], lang: str = "vi") -> dict[str, list]:
    """First word's key → [(word keys, gaps, term)], longest forms first."""
    index: dict[str, list] = {}
    for term in terms:
        for form in term.forms(lang):
            keys, gaps = _pattern(form)
            if keys:
                index.setdefault(keys[0], []).append((keys, gaps, term))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def find_terms(text: str, terms: Iterable[Term] | dict, lang: str = "vi") -> list[Match]:
    """Longest non-overlapping matches, leftmost first, of any form of `terms` in `text`.

    Words are compared under match_key (tone-mark style, case, NFC); only whole words match
    ("IOM" never inside "IOMX"), and the text between two words must equal the form's
    (spaces of any kind and amount are equal). `lang` "en" matches the English forms."""
    index = terms if isinstance(terms, dict) else term_index(terms, lang)
    words = list(WORD.finditer(text))
    keys = [_word_key(w.group()) for w in words]
    matches, i, count, entries_of = [], 0, len(words), index.get
    while i < count:
        for form_keys, gaps, term in entries_of(keys[i], ()):  # most words begin no form
            n = len(form_keys)
            if tuple(keys[i:i + n]) == form_keys and all(
                    _gap(text[words[i + k].end():words[i + k + 1].start()]) == gaps[k] for k in range(n - 1)):
                matches.append(Match(words[i].start(), words[i + n - 1].end(), term))
                i += n
                break
        else:
            i += 1
    return matches


def both_tone_styles(forms: Iterable[str]) -> list[str]:
    """Each form in each tone-mark style, without duplicates (for exact-match CAT tools)."""
    return list(dict.fromkeys(v for f in forms for v in (f, *(restyle(f, s) for s in STYLES))))
