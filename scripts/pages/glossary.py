"""The glossary page of each language: every term by kind, alphabetical in that language, with its
other-language name, variants, definition, forbidden forms, related terms, topics and articles."""
from __future__ import annotations

from scripts.core.collation import collation_key
from scripts.core.markdown import escape_inline
from scripts.glossary.terms import KINDS, Term
from scripts.pages.model import GLOSSARY_PAGE, LANGUAGES, TOPICS_DIR, Inputs, Pages, link, unindexed


def term_heading(term: Term, lang: str) -> str:
    name = term.name(lang)
    if lang != "vi" and term.en_abbr and term.en_abbr != name:
        name = f"{name} ({term.en_abbr})"
    return escape_inline(name)


def term_entry(inputs: Inputs, term: Term, lang: str, appears_in: list[str]) -> list[str]:
    """The lines of one glossary entry, headed by an anchor {#term-id}."""
    data, label = inputs.data, inputs.labels
    page = GLOSSARY_PAGE
    other = "en" if lang == "vi" else "vi"
    lines = [f"### {term_heading(term, lang)} {{#{term.id}}}", ""]
    facts = [f"**{label(lang, 'glossary_other_language')}:** {term_heading(term, other)}"]
    own_variants = term.vi_variants if lang == "vi" else tuple(v for v in (*term.en_variants,) if v)
    if own_variants:
        facts.append(f"**{label(lang, 'glossary_variants')}:** " + ", ".join(escape_inline(v) for v in own_variants))
    if term.untranslated:
        facts.append(f"**{label(lang, 'glossary_untranslated')}**")
    lines += ["  \n".join(facts), "", escape_inline(term.definition(lang)), ""]
    if term.forbidden:
        lines.append(f"**{label(lang, 'glossary_forbidden')}:**")
        lines.append("")
        lines += [f"- <del>{escape_inline(f['form'])}</del> — {escape_inline(f['reason'])}" for f in term.forbidden]
        lines.append("")
    links = []
    related = [data.terms[r] for r in term.related if r in data.terms]
    if related:
        links.append(f"**{label(lang, 'glossary_related')}:** " + ", ".join(
            f"[{term_heading(r, lang)}](#{r.id})" for r in related))
    topics = [data.topics[t] for t in term.topics if t in data.topics]
    if topics:
        links.append(f"**{label(lang, 'glossary_topics')}:** " + ", ".join(
            f"[{escape_inline(t.title(lang))}]({link(page, f'{TOPICS_DIR}/{t.id}.md')})" for t in topics))
    if links:
        lines += ["  \n".join(links), ""]
    if appears_in:
        limit = inputs.settings.appears_in_limit
        shown = ", ".join(f"[{escape_inline(data.title(rel, lang)[0])}]({link(page, rel)})"
                          for rel in appears_in[:limit])
        more = len(appears_in) - limit
        if more > 0:
            shown += " " + label(lang, "glossary_appears_more", count=more)
        lines += unindexed([f"**{label(lang, 'glossary_appears_in')}:** {shown}"])
    return lines + [""]


def glossary_page(inputs: Inputs, lang: str) -> str:
    """docs/<lang>/glossary/index.md: every term, grouped by kind, alphabetical in `lang`."""
    data, label = inputs.data, inputs.labels
    lines = [f"# {label(lang, 'glossary_title')}", "", label(lang, "glossary_intro"), "",
             f"*{label(lang, 'generated_notice')}*", ""]
    for kind in KINDS:
        terms = sorted((t for t in data.terms.values() if t.kind == kind), key=lambda t: collation_key(t.name(lang)))
        if not terms:
            continue
        lines += [f"## {label(lang, f'kind_{kind}')} {{#kind-{kind}}}", ""]
        for term in terms:
            appears = [rel for rel, info in data.articles.items() if term.id in info.terms]
            lines += term_entry(inputs, term, lang, appears)
    return "\n".join(lines).rstrip() + "\n"


def glossary_pages(inputs: Inputs) -> Pages:
    """Generator: docs/<lang>/glossary/index.md of every language."""
    return {f"{lang}/{GLOSSARY_PAGE}": glossary_page(inputs, lang) for lang in LANGUAGES}
