"""The bilingual glossary: one file per term under glossary/terms/, its schema (at the level of forms:
each Vietnamese form with its own English), and the consistency of the whole glossary (ids,
Vietnamese forms claimed twice, links to terms and topics)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from scripts.core.schema import Document, Field, Problem, SchemaError, field_problems, found, read_yaml
from scripts.core.urls import safe_url
from scripts.core.vietnamese import match_key

# Allowed values of `kind`, in the order the glossary pages list them.
KINDS = ("organisation", "document", "title", "person", "place", "event", "concept")
# Parts of speech: a noun entry never replaces a verb (see scripts/translate/usage.py).
POS = ("noun", "verb", "adjective")
# The only article a form's English may open with ("the GCM"): added in running text where it fits.
ARTICLE = "the "
# A form written the same in English ("IOM") may only hold these characters: a full Vietnamese name
# (with its diacritics) is always translated.
_KEEPABLE = re.compile(r"^[A-Za-z0-9 .&'/-]+$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A character that would break the CSV export's list cells.
LIST_SEPARATOR = "|"

FIELDS = {
    "id": Field(str, "a lower-case ASCII id like 'bo-ngoai-giao', equal to the file name", required=True),
    "kind": Field(str, f"one of {', '.join(KINDS)}", required=True, choices=KINDS),
    "vi": Field(str, "the preferred Vietnamese form", required=True),
    "vi_variants": Field(list, "a list of other Vietnamese forms: texts (same English as `en`) or mappings "
                               "{vi, en, en_plural, en_variants, keep}"),
    "en": Field(str, "the approved English form", required=True),
    "en_plural": Field(str, "the plural of the English form, for a countable noun (Member States)"),
    "article": Field(bool, "true when the English name takes 'the' in running text (the United Nations)"),
    "pos": Field(str, f"the part of speech: one of {', '.join(POS)}", choices=POS),
    "en_abbr": Field(str, "the English abbreviation, e.g. IOM"),
    "en_variants": Field(list, "a list of accepted English variants", items=str),
    "forbidden": Field(list, "a list of {form, reason} mappings"),
    "definition_vi": Field(str, "a short Vietnamese definition", required=True),
    "definition_en": Field(str, "a short English definition", required=True),
    "related": Field(list, "a list of term ids", items=str),
    "topics": Field(list, "a list of topic ids", items=str),
    "untranslated": Field(bool, "true or false: the term is written the same in English (a foreign name)"),
    "references": Field(list, "a list of {name, url} mappings: where the term is defined with authority "
                              "(IOM Glossary on Migration, UNTERM)"),
}
FORM_FIELDS = {
    "vi": Field(str, "the Vietnamese form", required=True),
    "en": Field(str, "its English (default: the term's `en`; may open with 'the ')"),
    "en_plural": Field(str, "the plural of its English"),
    "en_variants": Field(list, "other accepted English renderings of this form", items=str),
    "keep": Field(bool, "true when the form is written as is in English (IOM); never a Vietnamese name"),
}


@dataclass(frozen=True)
class Form:
    """One Vietnamese form of a term and its English: `en` as written in running text (it may open
    with "the "), `plural` for a countable noun, `accepted` every English rendering a check accepts
    (singular forms; plurals follow from `plural` and regular English plurals)."""

    vi: str
    en: str
    plural: str = ""
    accepted: tuple[str, ...] = ()
    keep: bool = False


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
    en_plural: str = ""
    article: bool = False
    pos: str = "noun"
    # The Vietnamese forms with their own English, by form (vi, then vi_variants, in file order).
    form_list: tuple[Form, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self):
        """Forms given as mappings (a Term read back from JSON, e.g. .cache/site-data.json) become Forms."""
        if any(isinstance(f, dict) for f in self.form_list):
            forms = tuple(Form(**{**f, "accepted": tuple(f.get("accepted") or ())}) if isinstance(f, dict) else f
                          for f in self.form_list)
            object.__setattr__(self, "form_list", forms)

    def forms(self, lang: str = "vi") -> tuple[str, ...]:
        """Every form of the term recognised in text of `lang`, preferred first (English: plurals too)."""
        if lang == "vi":
            return (self.vi, *self.vi_variants)
        english = [self.en, self.en_plural, self.en_abbr, *self.en_variants,
                   *(x for f in self.form_list for x in (f.en, f.plural, *f.accepted))]
        return tuple(dict.fromkeys(strip_article(f) for f in english if f and f.strip()))

    def form(self, vi: str) -> Form:
        """The Form of the Vietnamese form `vi` (as written in the file; the main form when unknown)."""
        for candidate in self.form_list:
            if candidate.vi == vi:
                return candidate
        return self.main_form()

    def main_form(self) -> Form:
        return self.form_list[0] if self.form_list else default_form(self, self.vi)

    def definition(self, lang: str) -> str:
        return self.definition_vi if lang == "vi" else self.definition_en

    def name(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


# ─── Reading and validating one file ──────────────────────────────────────────────────

# Ids a generated page or anchor already uses: a term or topic with one would replace it
# (topics/index.md, glossary/index.md, the glossary's group anchors #kind-…).
RESERVED_IDS = re.compile(r"^(?:index|kind-.*)$")


def id_problems(doc: Document, data: dict, stem: str) -> list[Problem]:
    """The id must be a lower-case ASCII id equal to the file name, and not one the site reserves."""
    value = data.get("id")
    if not isinstance(value, str) or not value.strip():
        return []
    if not ID_PATTERN.match(value):
        return [doc.problem("id", f"expected lower-case letters, digits and '-', found {value!r}")]
    if value != stem:
        return [doc.problem("id", f"expected the file name {stem!r}, found {value!r}")]
    if RESERVED_IDS.match(value):
        return [doc.problem("id", f"{value!r} is the name of a generated page or anchor; choose another id "
                                  "(and file name)")]
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
    variants = data.get("vi_variants")
    if isinstance(variants, list):
        problems += _form_problems(doc, variants)
    if data.get("untranslated") is True and not all(
            isinstance(data.get(k), str) and _KEEPABLE.match(data[k].strip()) for k in ("vi", "en")):
        problems.append(doc.problem("untranslated", "a Vietnamese name is always translated: untranslated: true "
                                    "is only for a name written the same in both languages (Amy Pope); mark the "
                                    "form that stays as is instead, e.g. vi_variants: [{vi: IOM, keep: true}]"))
    references = data.get("references")
    if isinstance(references, list):
        for index, entry in enumerate(references):
            if not isinstance(entry, dict) or set(entry) != {"name", "url"} or not isinstance(entry["name"], str) \
                    or not entry["name"].strip() or safe_url(entry["url"]) is None:
                problems.append(doc.problem(f"references[{index}]", "expected a mapping with a non-empty name and an "
                                            f"http(s) url, found {found(entry)}"))
    for name in ("vi", "en", "en_abbr", "en_plural", "vi_variants", "en_variants"):
        values = data.get(name) if isinstance(data.get(name), list) else [data.get(name)]
        values = [v.get("vi") if isinstance(v, dict) else v for v in values]
        if any(isinstance(v, str) and LIST_SEPARATOR in v for v in values):
            problems.append(doc.problem(name, f"a form must not contain {LIST_SEPARATOR!r} (the CSV list separator)"))
    return problems


def _form_problems(doc: Document, variants: list) -> list[Problem]:
    problems = []
    for index, item in enumerate(variants):
        where = f"vi_variants[{index}]"
        if isinstance(item, str):
            if not item.strip():
                problems.append(doc.problem(where, "expected a non-empty Vietnamese form"))
            continue
        if not isinstance(item, dict):
            problems.append(doc.problem(where, f"expected a text or a mapping {{vi, en, …}}, found {item!r}"))
            continue
        problems += field_problems(doc, item, FORM_FIELDS, where)
        vi, en = item.get("vi"), item.get("en")
        if item.get("keep") is True:
            if not isinstance(vi, str) or not _KEEPABLE.match(vi.strip()):
                problems.append(doc.problem(f"{where}.keep", f"only a form written in English letters (IOM) is kept "
                                            f"as is; {vi!r} is Vietnamese: give its English in `en`"))
            elif isinstance(en, str) and en.strip() != vi.strip():
                problems.append(doc.problem(f"{where}.en", "a kept form's English is the form itself: drop `en` "
                                            "or `keep`"))
        for name in ("en", "en_plural"):
            value = item.get(name)
            if isinstance(value, str) and value.lower().startswith("the ") and name == "en_plural":
                problems.append(doc.problem(f"{where}.{name}", "write the plural without an article"))
    return problems


def strip_article(english: str) -> str:
    """An English form without its leading article ("the GCM" → "GCM")."""
    english = english.strip()
    return english[len(ARTICLE):] if english.lower().startswith(ARTICLE) else english


def default_form(term: Term, vi: str) -> Form:
    """A form with the term's own English: the full name, its plural and accepted variants."""
    en = (ARTICLE + term.en) if term.article else term.en
    return Form(vi=vi, en=en, plural=term.en_plural, accepted=(term.en, *term.en_variants))


def forms_from(data: dict, term: Term) -> tuple[Form, ...]:
    """Every Vietnamese form of a validated term with its English, the main form first."""
    forms = [default_form(term, term.vi)]
    for item in data.get("vi_variants") or ():
        if isinstance(item, str):
            forms.append(default_form(term, item.strip()))
            continue
        vi = item["vi"].strip()
        if item.get("keep"):
            forms.append(Form(vi=vi, en=vi, accepted=(vi,), keep=True))
        elif item.get("en"):
            en = item["en"].strip()
            forms.append(Form(vi=vi, en=en, plural=(item.get("en_plural") or "").strip(),
                              accepted=(strip_article(en), *(item.get("en_variants") or ()))))
        else:
            base = default_form(term, vi)
            forms.append(Form(vi=vi, en=base.en, plural=(item.get("en_plural") or base.plural).strip(),
                              accepted=(*base.accepted, *(item.get("en_variants") or ()))))
    return tuple(forms)


def term_from(data: dict, file: str) -> Term:
    """A Term from a validated mapping."""
    variants = tuple(v.strip() if isinstance(v, str) else v["vi"].strip() for v in data.get("vi_variants") or ())
    term = Term(
        id=data["id"], kind=data["kind"], vi=data["vi"].strip(), en=data["en"].strip(),
        definition_vi=" ".join(data["definition_vi"].split()),
        definition_en=" ".join(data["definition_en"].split()),
        vi_variants=variants, en_abbr=(data.get("en_abbr") or "").strip(),
        en_variants=tuple(data.get("en_variants") or ()),
        forbidden=tuple({"form": f["form"], "reason": f["reason"]} for f in data.get("forbidden") or ()),
        related=tuple(data.get("related") or ()), topics=tuple(data.get("topics") or ()),
        untranslated=bool(data.get("untranslated", False)), file=file,
        en_plural=(data.get("en_plural") or "").strip(), article=bool(data.get("article", False)),
        pos=data.get("pos") or "noun",
        references=tuple({"name": r["name"].strip(), "url": r["url"].strip()} for r in data.get("references") or ()),
    )
    return replace(term, form_list=forms_from(data, term))


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
