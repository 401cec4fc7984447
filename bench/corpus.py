"""Synthetic raw articles for the benchmark: seed sentences recombined in the seed's scraped format."""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.project import CODE_ROOT
from scripts.core.slugs import page_slug
from scripts.core.vietnamese import normalize

SETTINGS_FILE = Path(__file__).resolve().parent / "bench.yml"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
# A body line of a seed: long prose, not an image teaser, not a caption ending in " |".
_MIN_PARAGRAPH = 120
_CAPTION = re.compile(r"^(?:!\[\]\(\)\s*)?(.{30,250}?)\s+\|$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“\"(])")
_LEAD_PREFIX = re.compile(r"^\(ĐCSVN\)\s*-\s*")
_REQUIRED = {
    "corpus": ("seed", "first_year", "last_year", "min_paragraphs", "max_paragraphs", "max_captions"),
    "defaults": ("sizes", "optional_size", "runs"),
    "targets": ("noop_rerun_s", "ingest_articles_per_s", "bilingual_over_stock", "per_page_growth",
                "median_article_page_kb", "largest_page_kb", "search_gzip_per_article_kb",
                "first_search_s", "build_peak_memory_mb", "preview_edit_served_s"),
    "browser": ("executable", "args", "query", "timeout_s"),
    "titles": ("places", "actors", "actions", "subjects"),
    "chrome": ("logo", "share", "audio", "lead_prefix", "bylines", "related_heading", "tail"),
}


class SettingsError(ValueError):
    """bench/bench.yml lacks a section or key, or a value has the wrong type."""


@dataclass(frozen=True)
class RawArticle:
    """One synthetic raw dump: the file name under sources/ and its text."""

    name: str
    text: str
    title: str
    date: dt.datetime


@dataclass(frozen=True)
class Pools:
    """Seed material the articles are recombined from."""

    sentences: tuple[str, ...]
    captions: tuple[str, ...]


def load_settings(path: Path = SETTINGS_FILE) -> dict:
    """The benchmark settings, checked for every section and key the benchmark reads."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: expected a mapping of sections, found {type(data).__name__}")
    for section, keys in _REQUIRED.items():
        block = data.get(section)
        if not isinstance(block, dict):
            raise SettingsError(f"{path}: section '{section}' is missing or not a mapping")
        missing = [k for k in keys if k not in block]
        if missing:
            raise SettingsError(f"{path}: section '{section}' lacks {', '.join(missing)}")
    for key in ("places", "actors", "actions", "subjects"):
        if not (isinstance(data["titles"][key], list) and data["titles"][key]):
            raise SettingsError(f"{path}: titles.{key}: expected a non-empty list")
    if not isinstance(data.get("target_size"), int):
        raise SettingsError(f"{path}: target_size: expected an integer, found {data.get('target_size')!r}")
    return data


def pools_of(seed_texts: list[str]) -> Pools:
    """Sentences and captions of the seed dumps (prose lines split into sentences)."""
    sentences: list[str] = []
    captions: list[str] = []
    for text in seed_texts:
        for raw in normalize(text).splitlines():
            line = raw.strip()
            caption = _CAPTION.match(line)
            if caption:
                captions.append(caption.group(1).lstrip("! "))
            elif raw.startswith(" ") and len(line) > 30:
                captions.append(line)  # the seed's photo captions stand between spaces
            elif len(line) >= _MIN_PARAGRAPH and not line.startswith(("!", "[")):
                sentences += [s for s in _SENTENCE_END.split(_LEAD_PREFIX.sub("", line))
                              if len(s) > 25 and s.endswith((".", "!", "?", "…", "”", '"'))]
    unique = tuple(dict.fromkeys(sentences))
    if len(unique) < 5:
        raise ValueError(f"the seed texts hold only {len(unique)} usable sentences; at least 5 are needed")
    return Pools(sentences=unique, captions=tuple(dict.fromkeys(captions)) or unique[:3])


SEEDS = CODE_ROOT / "eval" / "seeds"  # the two seed articles as received (not the live sources/)


def seed_texts(sources: Path = SEEDS) -> list[str]:
    """The raw seed dumps (.txt) of the repository, the material the corpus is made of."""
    return [p.read_text(encoding="utf-8") for p in sorted(Path(sources).glob("*.txt"))]


def titles(n: int, parts: dict, rng: random.Random) -> list[str]:
    """`n` distinct titles whose bounded slugs are distinct too."""
    combos = [(p, a, v, s) for p in parts["places"] for a in parts["actors"]
              for v in parts["actions"] for s in parts["subjects"]]
    rng.shuffle(combos)
    chosen: list[str] = []
    slugs: set[str] = set()
    for place, actor, action, subject in combos:
        title = f"{place}: {actor} {action} {subject}"
        slug = page_slug(title)
        if slug not in slugs:
            slugs.add(slug)
            chosen.append(title)
            if len(chosen) == n:
                return chosen
    raise ValueError(f"bench/bench.yml titles: only {len(chosen)} distinct titles, {n} asked")


def dates(n: int, first_year: int, last_year: int, rng: random.Random) -> list[dt.datetime]:
    """`n` publication times spread uniformly over the years, between 06:00 and 22:59."""
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 31).toordinal()
    return [dt.datetime.combine(dt.date.fromordinal(rng.randint(start, end)),
                                dt.time(rng.randint(6, 22), rng.randint(0, 59))) for _ in range(n)]


def dateline(when: dt.datetime) -> str:
    """The seed's dateline: "Thứ Hai, 11/11/2024 19:30 (GMT+0)"."""
    return f"{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y %H:%M} (GMT+0)"


def paragraphs(pools: Pools, count: int, rng: random.Random) -> list[str]:
    """`count` paragraphs of one to three seed sentences each."""
    return [" ".join(rng.sample(pools.sentences, min(len(pools.sentences), rng.randint(1, 3))))
            for _ in range(count)]


def raw_text(title: str, when: dt.datetime, body: list[str], captions: list[str],
             related: list[str], byline: str, chrome: dict) -> str:
    """One dump laid out as the seed: logo, title, dateline, share icons, audio player, lead,
    paragraphs with captions (leading and trailing space) between them, byline, footer blocks."""
    lines = [chrome["logo"], "", title, "", dateline(when), *chrome["share"], chrome["audio"], "",
             f"{chrome['lead_prefix']} {body[0]}", ""]
    slots = {1 + i * max(1, (len(body) - 1) // (len(captions) + 1)): c for i, c in enumerate(captions)}
    for index, paragraph in enumerate(body[1:], start=1):
        if index in slots:
            lines += [f" {slots[index]} ", ""]
        lines += [paragraph, ""]
    lines += [" ", "", byline, ""]
    if related:
        lines += [chrome["related_heading"], ""]
        for headline in related:
            lines += [headline, ""]
    for block in chrome["tail"]:
        lines += [block, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def corpus(n: int, settings: dict, seeds: list[str]) -> list[RawArticle]:
    """`n` synthetic raw articles, the same for the same settings and seeds."""
    spec = settings["corpus"]
    rng = random.Random(spec["seed"])
    pools = pools_of(seeds)
    heads = titles(n, settings["titles"], rng)
    whens = dates(n, spec["first_year"], spec["last_year"], rng)
    articles = []
    for index, (title, when) in enumerate(zip(heads, whens)):
        body = paragraphs(pools, rng.randint(spec["min_paragraphs"], spec["max_paragraphs"]), rng)
        captions = rng.sample(pools.captions, min(len(pools.captions), rng.randint(0, spec["max_captions"])))
        related = [heads[j] for j in range(max(0, index - 3), index)]
        text = raw_text(title, when, body, captions, related, rng.choice(settings["chrome"]["bylines"]),
                        settings["chrome"])
        articles.append(RawArticle(name=f"{page_slug(title)}.txt", text=text, title=title, date=when))
    return articles


def write_corpus(articles: list[RawArticle], sources: Path) -> list[Path]:
    """Write the dumps into `sources` (a benchmark copy of the site, never the working tree)."""
    sources = Path(sources)
    sources.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = sources / article.name
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths
