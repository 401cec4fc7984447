"""The bilingual glossary: one file per term under glossary/terms/, its schema, and the consistency
of the whole glossary (ids, Vietnamese forms claimed twice, links to terms and topics)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.core.schema import Document, Field, Problem, SchemaError, field_problems, read_yaml
from scripts.core.urls import safe_url
from scripts.core.vietnamese import match_key

# Allowed values of `kind`, in the order the glossary pages list them.
KINDS = ("organisation", "document", "title", "person", "place", "event", "concept")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A character that would break the CSV export's list cells.
LIST_SEPARATOR = "|"

FIELDS = {
    "id": Field(str, "a lower-case ASCII id like 'bo-ngoai-giao', equal to the file name", required=True),
    "kind": Field(str, f"one of {', '.join(KINDS)}", required=True, choices=KINDS),
    "vi": Field(str, "the preferred Vietnamese form", required=True),
    "vi_variants": Field(list, "a list of other Vietnamese forms", items=str),
    "en": Field(str, "the approved English form", required=True),
    "en_abbr": Field(str, "the English abbreviation, e.g. IOM"),
    "en_variants": Field(list, "a list of accepted English variants", items=str),
    "forbidden": Field(list, "a list of {form, reason} mappings"),
    "definition_vi": Field(str, "a short Vietnamese definition", required=True),
    "definition_en": Field(str, "a short English definition", required=True),
    "related": Field(list, "a list of term ids", items=str),
    "topics": Field(list, "a list of topic ids", items=str),
    "untranslated": Field(bool, "true or false"),
    "references": Field(list, "a list of {name, url} mappings: where the term is defined with authority "
                              "(IOM Glossary on Migration, UNTERM)"),
}


class GlossaryError(SchemaError):
    """A glossary or topic file is invalid, or the files disagree; each problem names the file,
    line and field."""


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
    references: tuple[dict, ...] = ()  # {name, url}: an authoritative source (shown on the term's page)
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

def id_problems(doc: Document, data: dict, stem: str) -> list[Problem]:
    """The id must be a lower-case ASCII id equal to the file name."""
    value = data.get("id")
    if not isinstance(value, str) or not value.strip():
        return []
    if not ID_PATTERN.match(value):
        return [doc.problem("id", f"expected lower-case letters, digits and '-', found {value!r}")]
    if value != stem:
        return [doc.problem("id", f"expected the file name {stem!r}, found {value!r}")]
    return []


def file_problems(doc: Document, fields: dict, stem: str) -> list[Problem]:
    """The schema problems of a glossary or topic file: its fields, and its id against its name."""
    problems = field_problems(doc, doc.data, fields)
    return problems + id_problems(doc, doc.data, stem) if isinstance(doc.data, dict) else problems


def checked_file(path: Path, project, problems_of) -> Document:
    """The YAML file at `path` as a Document whose data has no `problems_of(doc, stem)`; GlossaryError
    listing every problem (file, line, field)."""
    try:
        doc = read_yaml(path, project.shown(path))
    except SchemaError as exc:
        raise GlossaryError(exc.problems) from None
    if problems := problems_of(doc, Path(path).stem):
        raise GlossaryError(problems)
    return doc


def read_each(paths: list[Path], read) -> tuple[list, list[Problem]]:
    """(what `read` makes of every file that reads cleanly, every problem of the others), in order."""
    items, problems = [], []
    for path in paths:
        try:
            items.append(read(path))
        except GlossaryError as exc:
            problems += exc.problems
    return items, problems


def term_problems(doc: Document, stem: str) -> list[Problem]:
    """Every problem of one term file's data (schema and field values)."""
    data = doc.data
    problems = file_problems(doc, FIELDS, stem)
    if not isinstance(data, dict):
        return problems
    forbidden = data.get("forbidden")
    if isinstance(forbidden, list):
        for index, entry in enumerate(forbidden):
            if not isinstance(entry, dict) or set(entry) != {"form", "reason"} or not all(
                    isinstance(v, str) and v.strip() for v in entry.values()):
                problems.append(doc.problem(f"forbidden[{index}]", "expected a mapping with a non-empty form and "
                                            f"reason, found {entry!r}"))
    references = data.get("references")
    if isinstance(references, list):
        for index, entry in enumerate(references):
            if not isinstance(entry, dict) or set(entry) != {"name", "url"} or not isinstance(entry["name"], str) \
                    or not entry["name"].strip() or safe_url(entry["url"]) is None:
                problems.append(doc.problem(f"references[{index}]", "expected a mapping with a non-empty name and an "
                                            f"http(s) url, found {entry!r}"))
    for name in ("vi", "en", "en_abbr", "vi_variants", "en_variants"):
        values = data.get(name) if isinstance(data.get(name), list) else [data.get(name)]
        if any(isinstance(v, str) and LIST_SEPARATOR in v for v in values):
            problems.append(doc.problem(name, f"a form must not contain {LIST_SEPARATOR!r} (the CSV list separator)"))
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
        untranslated=bool(data.get("untranslated", False)),
        references=tuple({"name": r["name"].strip(), "url": r["url"].strip()} for r in data.get("references") or ()),
        file=file,
    )


def read_term(path: Path, project) -> Term:
    """The term of one file; GlossaryError listing every problem (file, line, field)."""
    doc = checked_file(path, project, term_problems)
    return term_from(doc.data, doc.file)


def term_files(project) -> list[Path]:
    return sorted(project.terms_dir.glob("*.yml"))


def read_terms(project) -> tuple[list[Term], list[Problem]]:
    """(every term that reads cleanly, every problem of the others), in file order."""
    return read_each(term_files(project), lambda path: read_term(path, project))


def load_terms(project) -> list[Term]:
    """Every term of the glossary, sorted by id; GlossaryError naming each bad file and field
    (schema) or the terms in conflict (consistency)."""
    terms, problems = read_terms(project)
    if not problems:
        problems = consistency_problems(terms, topic_ids(project))
    if problems:
        raise GlossaryError(problems)
    return sorted(terms, key=lambda t: t.id)


def topic_ids(project) -> set[str] | None:
    """Ids of the topic files (file names), or None when there is no topics folder."""
    folder = project.topics_dir
    return {p.stem for p in folder.glob("*.yml")} if folder.is_dir() else None


# ─── Consistency of the whole glossary ────────────────────────────────────────────────

def consistency_problems(terms: list[Term], topics: set[str] | None = None,
                         known: set[str] | None = None) -> list[Problem]:
    """Duplicate ids, a Vietnamese form claimed by two terms (equal under match_key), related or
    topic ids that do not exist, a forbidden form that another term approves. `known`: ids that
    exist besides `terms` (files that failed validation are reported on their own)."""
    problems = []
    by_id: dict[str, Term] = {}
    for term in terms:
        if term.id in by_id:
            problems.append(Problem(term.file, f"{term.id!r} is already the id of {by_id[term.id].file}", field="id"))
        by_id.setdefault(term.id, term)
    claimed: dict[str, Term] = {}
    for term in terms:
        for form in dict.fromkeys(match_key(f) for f in term.forms("vi")):
            owner = claimed.setdefault(form, term)
            if owner is not term:
                problems.append(Problem(term.file, f"the Vietnamese form {form!r} is also a form of {owner.id!r} "
                                        f"({owner.file})", field="vi_variants"))
    approved = {match_key(f): t for t in terms for f in t.forms("en")}
    for term in terms:
        problems += [Problem(term.file, f"no term has the id {r!r}", field="related")
                     for r in term.related if r not in by_id and r not in (known or ())]
        if topics is not None:
            problems += [Problem(term.file, f"no topic has the id {t!r} (glossary/topics/{t}.yml)", field="topics")
                         for t in term.topics if t not in topics]
        for entry in term.forbidden:
            owner = approved.get(match_key(entry["form"]))
            if owner is not None:
                problems.append(Problem(term.file, f"{entry['form']!r} is an approved English form of {owner.id!r}",
                                        field="forbidden"))
        for name in ("vi", "en", "definition_vi", "definition_en"):
            if not getattr(term, name).strip():
                problems.append(Problem(term.file, "empty; both languages must be filled", field=name))
    return problems
