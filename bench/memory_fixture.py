"""Benchmark fixture: fill a benchmark copy's translation memory so that translate needs no engine."""
from __future__ import annotations


# Origin of every segment recorded here: the text is synthetic, made by the benchmark, and is
# neither a machine translation nor a human one.
ORIGIN = "bench-fixture"
MARK = "[synthetic benchmark text, not a translation]"


def synthetic_english(vietnamese: str) -> str:
    """Stand-in English of the same length class: the accent-folded source behind a mark that
    says what it is (never presented as the output of an engine)."""
    from scripts.core.vietnamese import fold

    return f"{MARK} {fold(vietnamese)}"


def prefill_memory(project) -> int:
    """Record a bench-fixture translation for every segment of every Vietnamese article of a
    benchmark copy, so that translate finds all of them in the memory; prints how many."""
    from scripts.core import frontmatter
    from scripts.translate import memory
    from scripts.core.content import article_paths
    from scripts.translate.segments import page_segments

    docs = project.docs
    now = memory.timestamp()
    count = 0
    for path in article_paths(docs, "vi"):
        rel = path.relative_to(docs / "vi").as_posix()
        page = memory.load_page(project, rel)
        for segment in page_segments(*frontmatter.read(path)):
            english = synthetic_english(segment.text)
            page.records[segment.id] = memory.Record(segment.id, segment.text, None, english, ORIGIN, now)
            count += 1
        memory.save_page(project, page)
    print(f"prefill: {count} segment(s) recorded with origin {ORIGIN}")
    return 0
