"""The glossary of each language: a compact index of every term by kind (with a filter box), and a
page per term: its forms in both languages, definition, forbidden English forms with their reasons,
authoritative references, related terms, topics, and the articles that mention it, by date."""
from __future__ import annotations

from html import escape

from scripts.core.collation import collation_key
from scripts.core.markdown import escape_inline
from scripts.core.urls import safe_url
from scripts.glossary.terms import KINDS, Term
from scripts.pages.items import article_date
from scripts.pages.model import GLOSSARY_PAGE, LANGUAGES, TOPICS_DIR, Inputs, Pages, html_href, link, term_page

OTHER = {"vi": "en", "en": "vi"}


def term_heading(term: Term, lang: str) -> str:
    """The term's name in `lang` as Markdown text, with its English abbreviation on English pages."""
    name = term.name(lang)
    if lang != "vi" and term.en_abbr and term.en_abbr != name:
        name = f"{name} ({term.en_abbr})"
    return escape_inline(name)


def forms_line(term: Term, lang: str, shown_in: str, label) -> str:
    """"**Vietnamese:** name; other forms: a, b" for the forms of `lang` on a page in `shown_in`."""
    name = term.vi if lang == "vi" else term_heading(term, "en")
    text = f"**{label(shown_in, f'glossary_language_{lang}')}:** " + (escape_inline(name) if lang == "vi" else name)
    variants = term.vi_variants if lang == "vi" else tuple(v for v in term.en_variants if v)
    if variants:
        text += f"; {label(shown_in, 'glossary_other_forms')}: " + ", ".join(escape_inline(v) for v in variants)
    return text


def reference_link(reference: dict) -> str | None:
    """A Markdown link to an authoritative reference (http(s) only; None for anything else)."""
    url = safe_url(reference.get("url"))
    if url is None:
        return None
    target = "".join(f"%{ord(c):02X}" if c in "()<> " else c for c in url)
    return f"[{escape_inline(reference.get('name', url))}]({target})"


def term_articles(inputs: Inputs, term: Term, lang: str, page: str) -> list[str]:
    """The articles that mention the term, newest first, grouped by year (for a person or an
    organisation, their timeline), as one HTML block kept out of search; beyond the page-size
    setting, how many more."""
    data, label = inputs.data, inputs.labels
    rels = [rel for rel, info in data.articles.items() if term.id in info.terms]
    if not rels:
        return [label(lang, "glossary_no_articles"), ""]
    limit = inputs.settings.appears_in_limit
    lines, year = ['<div class="term-articles" data-search-exclude>'], object()
    for rel in rels[:limit]:
        date = data.articles[rel].article.date
        if (date.year if date else None) != year:
            lines += ["</ul>"] if len(lines) > 1 else []
            year = date.year if date else None
            lines += [f"<p><strong>{year if year else escape(label(lang, 'undated'))}</strong></p>", "<ul>"]
        title, translated = data.title(rel, lang)
        suffix = "" if translated else f" ({escape(label(lang, 'not_translated'))})"
        day = (f'<time datetime="{date.date().isoformat()}">{escape(article_date(data, rel, lang, label))}</time> — '
               if date else "")
        marked = "" if translated else ' lang="vi"'
        lines.append(f'<li>{day}<a href="{escape(html_href(page, rel))}"{marked}>{escape(" ".join(title.split()))}</a>'
                     f"{suffix}</li>")
    lines.append("</ul>")
    if len(rels) > limit:
        lines.append(f"<p>{escape(label.count(lang, 'glossary_appears_more', len(rels) - limit))}</p>")
    return lines + ["</div>", ""]


def term_page_text(inputs: Inputs, term: Term, lang: str) -> str:
    """docs/<lang>/glossary/<id>.md: everything the glossary knows about one term."""
    data, label = inputs.data, inputs.labels
    page = term_page(term.id)
    lines = [f"# {term_heading(term, lang)}", ""]
    facts = [forms_line(term, lang, lang, label), forms_line(term, OTHER[lang], lang, label)]
    if term.untranslated:
        facts.append(f"*{label(lang, 'glossary_untranslated')}*")
    lines += ["  \n".join(facts), "", escape_inline(term.definition(lang)), ""]
    if term.forbidden:
        lines += [f"## {label(lang, 'glossary_forbidden')} {{#forbidden}}", ""]
        lines += [f"- <del>{escape_inline(f['form'])}</del> — {escape_inline(f['reason'])}" for f in term.forbidden]
        lines.append("")
    references = [x for x in map(reference_link, term.references) if x]
    if references:
        lines += [f"## {label(lang, 'glossary_references')} {{#references}}", ""]
        lines += [f"- {x}" for x in references] + [""]
    related = sorted((data.terms[r] for r in term.related if r in data.terms), key=lambda t: collation_key(t.name(lang)))
    if related:
        lines += [f"## {label(lang, 'glossary_related')} {{#related}}", ""]
        lines += [f"- [{term_heading(r, lang)}]({r.id}.md)" for r in related] + [""]
    topics = [data.topics[t] for t in term.topics if t in data.topics]
    if topics:
        lines += [f"## {label(lang, 'glossary_topics')} {{#topics}}", ""]
        lines += [f"- [{escape_inline(t.title(lang))}]({link(page, f'{TOPICS_DIR}/{t.id}.md')})" for t in topics]
        lines.append("")
    lines += [f"## {label(lang, 'glossary_appears_in')} {{#articles}}", ""]
    lines += term_articles(inputs, term, lang, page)
    return "\n".join(lines).rstrip() + "\n"


def filter_box(lang: str, label) -> list[str]:
    """The filter box of the glossary index (assets/javascripts/site.js shows it and filters the
    list as the reader types; without scripts it stays hidden and the whole list shows)."""
    return ['<div class="glossary-filter" data-glossary-filter hidden>',
            f'<label for="glossary-filter-input">{escape_inline(label(lang, "glossary_filter"))}</label>',
            '<input type="search" id="glossary-filter-input" autocomplete="off" spellcheck="false" '
            'aria-controls="glossary-index" aria-describedby="glossary-filter-count">',
            f'<p id="glossary-filter-count" role="status" data-none="{escape_inline(label(lang, "glossary_filter_none"))}" '
            f'data-one="{escape_inline(label.count(lang, "glossary_filter_count", 1))}" '
            f'data-some="{escape_inline(label(lang, "glossary_filter_count", count="{count}"))}"></p>',
            "</div>", ""]


def glossary_index(inputs: Inputs, lang: str) -> str:
    """docs/<lang>/glossary/index.md: every term by kind, alphabetical in `lang`, one line each
    (its name, linking its page, and its name in the other language)."""
    data, label = inputs.data, inputs.labels
    lines = [f"# {label(lang, 'glossary_title')}", "", label(lang, "glossary_intro"), ""]
    lines += filter_box(lang, label)
    body = []
    for kind in KINDS:
        terms = sorted((t for t in data.terms.values() if t.kind == kind), key=lambda t: collation_key(t.name(lang)))
        if not terms:
            continue
        body += [f"## {label(lang, f'kind_{kind}')} {{#kind-{kind}}}", ""]
        body += [f"- [{term_heading(t, lang)}]({t.id}.md) <span class=\"glossary-other\" lang=\"{OTHER[lang]}\">"
                 f"{term_heading(t, OTHER[lang])}</span>" for t in terms]
        body.append("")
    # The names are on each term's own page, which search finds: the list stays out of the index.
    lines += ['<div class="glossary-index" id="glossary-index" markdown data-search-exclude>', "", *body, "</div>"]
    return "\n".join(lines).rstrip() + "\n"


def glossary_pages(inputs: Inputs) -> Pages:
    """Generator: docs/<lang>/glossary/index.md and docs/<lang>/glossary/<id>.md of every language."""
    pages = {}
    for lang in LANGUAGES:
        pages[f"{lang}/{GLOSSARY_PAGE}"] = glossary_index(inputs, lang)
        for term in inputs.data.terms.values():
            pages[f"{lang}/{term_page(term.id)}"] = term_page_text(inputs, term, lang)
    return pages
