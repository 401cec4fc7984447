"""Drafting the segments an article's memory lacks, and checking every draft before anything is written.

Placeholder engines (Libre, Microsoft, MyMemory, Google, DeepL) get one segment at a time with terms,
numbers, links and code as placeholders, restored after in the form that fits the sentence. The language
model gets the article's segments in windows under a token budget with the glossary of exactly the terms
they hold; an unusable answer is asked once more, a draft that fails the check is sent back once with
its problems named. What still fails stays pending, with its reason."""
from __future__ import annotations

from dataclasses import dataclass

from scripts.core.markdown import inert_markdown
from scripts.core.vietnamese import normalize
from scripts.glossary.terms import strip_article
from scripts.translate.engines import AnswerError, EngineError, answer_text
from scripts.translate.fidelity import segment_violations
from scripts.translate.protect import MarkupError, PlaceholderError, inert_answer, protect, restore
from scripts.translate.segments import Segment
from scripts.translate.settings import answer_limit
from scripts.translate.usage import Use, term_uses


@dataclass
class Draft:
    """An engine's checked English for one segment, or None with the reason it stays pending."""

    english: str | None
    why: str = ""


def draft_segments(run, segments: list[Segment], title: str = "") -> dict[str, Draft]:
    """Drafts of `segments` (distinct ids) by the run's engine, each checked; keyed by segment id."""
    if run.engine is None:
        return {s.id: Draft(None, "no engine") for s in segments}
    if run.engine.batch:
        return _with_model(run, segments, title)
    return {s.id: _with_placeholders(run, s) for s in segments}


def _uses(run, segment: Segment) -> list[Use]:
    return term_uses(segment.text, run.terms, run.grammar) if run.terms else []


def _checked(run, segment: Segment, english: str, uses: list[Use]) -> list[str]:
    return [str(v) for v in segment_violations(segment.text, english, run.terms, run.grammar, uses)]


# ─── Placeholder engines ─────────────────────────────────────────────────────────────

def _with_placeholders(run, segment: Segment) -> Draft:
    if run.engine_failure:
        return Draft(None, run.engine_failure)
    markdown = segment.kind != "plain"
    uses = _uses(run, segment)
    spans = [] if run.engine.own_glossary else [(u.start, u.end, _term_markdown(u.english, markdown)) for u in uses]
    protected = protect(segment.text, markdown, spans)
    try:
        output = run.engine.translate(protected.text)
        english = restore(normalize(output), protected, markdown)
    except EngineError as exc:
        run.engine_failure = str(exc)
        return Draft(None, str(exc))
    except (AnswerError, PlaceholderError) as exc:
        return Draft(None, f"{exc} in the engine's answer for segment {segment.id}")
    if len(english) > answer_limit(run.engine.settings, segment.text):
        return Draft(None, f"the engine's answer for segment {segment.id} is far longer than the Vietnamese")
    if problems := _checked(run, segment, english, uses):
        return Draft(None, "; ".join(problems))
    return Draft(english)


def _term_markdown(english: str, markdown: bool) -> str:
    """A term's English as a placeholder restores it: escaped for Markdown, its article kept apart."""
    article = english[:4] if english.lower().startswith("the ") and strip_article(english) else ""
    body = strip_article(english) if article else english
    return ("the " if article else "") + (inert_markdown(body) if markdown else body)


# ─── The language model ──────────────────────────────────────────────────────────────

def windows(engine, segments: list[Segment]) -> list[list[Segment]]:
    """Consecutive segments grouped under the engine's token budget (a short article is one window)."""
    groups: list[list[Segment]] = [[]]
    used = 0
    for segment in segments:
        cost = engine.tokens(segment.text)
        if groups[-1] and used + cost > engine.budget:
            groups.append([])
            used = 0
        groups[-1].append(segment)
        used += cost
    return [g for g in groups if g]


def glossary_of(uses: list[Use]) -> list[dict]:
    """The approved English of exactly the term forms found, each once: [{vi, en}]."""
    entries = {}
    for use in uses:
        entries.setdefault((use.form.vi, use.english), {"vi": use.form.vi, "en": strip_article(use.english)})
    return list(entries.values())


def _with_model(run, segments: list[Segment], title: str) -> dict[str, Draft]:
    results: dict[str, Draft] = {}
    for window in windows(run.engine, segments):
        if run.engine_failure:
            results.update({s.id: Draft(None, run.engine_failure) for s in window})
            continue
        results.update(_window(run, window, title))
    return results


def _window(run, window: list[Segment], title: str) -> dict[str, Draft]:
    engine = run.engine
    uses = {s.id: _uses(run, s) for s in window}
    context = {"title": title, "language": "Vietnamese to English"}
    items = [{"id": s.id, "text": s.text} for s in window]
    glossary = glossary_of([u for s in window for u in uses[s.id]])
    try:
        answers = _asked_twice(engine, items, glossary, context)
    except EngineError as exc:
        run.engine_failure = str(exc)
        return {s.id: Draft(None, str(exc)) for s in window}
    except AnswerError as exc:
        return {s.id: Draft(None, f"the model's answer was unusable twice: {exc}") for s in window}
    drafts, problems = {}, {}
    for segment in window:
        english, found = _accepted(run, segment, answers[segment.id], uses[segment.id])
        drafts[segment.id] = english
        if found:
            problems[segment.id] = found
    if problems:  # sent back once, with the violations named
        again = [s for s in window if s.id in problems]
        corrections = [{"id": s.id, "previous_translation": _printable(answers[s.id]), "problems": problems[s.id]}
                       for s in again]
        try:
            second = engine.translate_batch([{"id": s.id, "text": s.text} for s in again],
                                            glossary_of([u for s in again for u in uses[s.id]]), context, corrections)
        except EngineError as exc:
            run.engine_failure = str(exc)
            second = {}
        except AnswerError:
            second = {}
        for segment in again:
            if segment.id in second:
                english, found = _accepted(run, segment, second[segment.id], uses[segment.id])
                drafts[segment.id], problems[segment.id] = english, found
    return {s.id: Draft(drafts[s.id]) if not problems.get(s.id) else Draft(None, "; ".join(problems[s.id]))
            for s in window}


def _printable(value) -> str:
    """A previous answer as it can be sent back: text only, never a lone surrogate (F9)."""
    if not isinstance(value, str):
        return ""
    return value.encode("utf-8", "replace").decode("utf-8")


def _asked_twice(engine, items, glossary, context) -> dict[str, object]:
    try:
        return engine.translate_batch(items, glossary, context)
    except AnswerError as exc:
        return engine.translate_batch(items, glossary, context, note=f"Your previous answer was unusable: {exc}. "
                                      'Answer with {"translations": [{"id", "text"}]} only.')


def _accepted(run, segment: Segment, value, uses: list[Use]) -> tuple[str | None, list[str]]:
    """The model's text for a segment made inert, and what is wrong with it (empty: accepted)."""
    markdown = segment.kind != "plain"
    try:
        text = normalize(answer_text(value, run.engine.secrets))
        if len(text) > answer_limit(run.engine.settings, segment.text):
            return None, ["the answer is far longer than the Vietnamese"]
        english = inert_answer(text, segment.text, markdown)
    except (AnswerError, MarkupError) as exc:
        return None, [str(exc)]
    return english, _checked(run, segment, english, uses)
