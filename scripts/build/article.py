"""What a reader sees around an article: its header facts and the state of its English version."""
from __future__ import annotations

from scripts.core.content import Article
from scripts.core.dates import display_date
from scripts.core.labels import Labels
from scripts.core.status import uncovered, unmodified_percent
from scripts.core.urls import safe_url
from scripts.core.vietnamese import without_diacritics


def person_name(name: str, lang: str) -> str:
    """A person's name as pages in `lang` write it: in English without diacritics, family name first
    as printed (the glossary's rule for Vietnamese names: "Mạnh Hùng" → "Manh Hung")."""
    return name if lang == "vi" else without_diacritics(name)


def status_banner(status: str, en_meta: dict | None, lang: str, labels: Labels) -> dict:
    """{status, kind, text, link_text} of the banner an English page shows."""
    if status == "machine-draft":
        share = unmodified_percent(en_meta or {})
        text = (labels(lang, "status_machine_draft", share=share) if share is not None
                else labels(lang, "status_machine_draft_unknown"))
        kind = "warning"
    elif status == "human":
        text, kind = labels(lang, "status_human"), "info"
    elif status == "reviewed":
        text, kind = labels(lang, "status_reviewed"), "success"
    elif status == "edited-after-review":
        text, kind = labels(lang, "status_edited_after_review"), "info"
    elif status == "outdated":
        text, kind = labels(lang, "status_outdated"), "warning"
    else:
        text, kind = labels(lang, "status_untranslated"), "note"
    if (missing := uncovered(en_meta)) and status != "untranslated":  # a page a person restructured
        text, kind = f"{text} {labels.count(lang, 'status_uncovered', missing)}", "warning"
    return {"status": status, "kind": kind, "text": text, "link_text": labels(lang, "status_read_original")}


def withhold_untranslated(files, config):
    """MkDocs' on_files, before static-i18n picks each language's files: the English pages with
    nothing in English yet (status "untranslated", SiteData.untranslated) are left out, so that
    static-i18n serves the Vietnamese article in their place exactly as for an article without an
    English page: banner "not yet translated", text marked Vietnamese, the Vietnamese page as
    canonical, no alternate or offer of it, and out of the English search, sitemap and feed."""
    from scripts.build.terms import build_data

    withheld = build_data(config).withheld
    for file in [f for f in files if f.src_uri in withheld] if withheld else ():
        files.remove(file)
    return files


def article_header(vi: Article, lang: str, labels: Labels) -> dict:
    """The facts shown above an article, from its Vietnamese front matter (dates, outlet and
    source are only recorded there). Values are raw text: the template escapes them."""
    meta = vi.meta
    date = vi.date
    author = meta.get("author")
    date_text = display_date(date, lang, labels) if date else labels(lang, "date_unknown")
    if date and meta.get("date_source") == "inferred":  # worked out by ingest, not printed: approximate
        date_text = labels(lang, "date_approximate", date=date_text)
    return {
        "date_iso": date.isoformat() if date else None,
        "date_text": date_text,
        "outlet": outlet_name(meta, lang),
        "author": person_name(str(author), lang) if author not in (None, "") else None,
        "source_url": safe_url(meta.get("source_url")),
        "labels": {key: labels(lang, key) for key in (
            "meta_published", "meta_outlet", "meta_author", "meta_source", "meta_source_missing")},
    }


def outlet_name(meta: dict, lang: str) -> str | None:
    """The outlet as readers of `lang` know it: its English name on English pages when the outlet
    registry gives one (`outlet_en`, written by ingest), else its name."""
    english = meta.get("outlet_en") if lang == "en" else None
    return str(english or meta.get("outlet") or "") or None
