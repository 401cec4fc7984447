"""How much of the Vietnamese a page restructured by hand covers (scripts/translate/coverage.py),
on the fixture project's two articles and their human translations: merges and splits cover the
source, cut paragraphs do not."""
import random

import pytest

from scripts.core import frontmatter
from scripts.core.content import article_paths
from scripts.translate.coverage import body_blocks, uncovered, uncovered_count
from scripts.translate.segments import Segment
from tests.support.project import CONTENT

PAIRS = [(body_blocks(frontmatter.read(path)[1]),
          body_blocks(frontmatter.read(CONTENT / "docs" / "en" / path.relative_to(CONTENT / "docs" / "vi"))[1]))
         for path in article_paths(CONTENT / "docs", "vi")]
PAIRS.sort(key=lambda pair: len(pair[0]))  # the short article (7 blocks), then the long one (14)


def paragraph(*blocks: Segment) -> Segment:
    return Segment("paragraph", " ".join(b.text for b in blocks))


def test_the_fixture_translations_follow_their_source_paragraph_for_paragraph():
    assert [(len(vi), len(en)) for vi, en in PAIRS] == [(7, 7), (14, 14)]
    assert all(uncovered(vi, en) == [] for vi, en in PAIRS)


def test_a_page_cut_from_eight_paragraphs_to_two_leaves_six_uncovered():
    vi, en = PAIRS[1]
    assert len(uncovered(vi[:8], [en[0], en[4]])) == 6
    assert uncovered(vi[:8], en[:2]) == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("at", range(1, 6))
def test_merged_and_split_paragraphs_cover_their_source(at):
    for vi, en in PAIRS:
        merged = en[:at] + [paragraph(en[at], en[at + 1])] + en[at + 2:]
        assert uncovered(vi, merged) == []
        three = en[:at] + [paragraph(*en[at:at + 3])] + en[at + 3:]
        assert uncovered(vi, three) == []
        words = en[at].text.split()
        split = en[:at] + [Segment("paragraph", " ".join(words[:len(words) // 2])),
                           Segment("paragraph", " ".join(words[len(words) // 2:]))] + en[at + 1:]
        assert uncovered(vi, split) == []


def test_a_cut_paragraph_is_found_beside_a_merge():
    vi, en = PAIRS[0]
    english = [en[0], paragraph(en[1], en[2]), en[3], en[5], en[6]]  # 1 and 2 merged, 4 cut
    assert uncovered(vi, english) == [4]


def test_the_count_on_random_restructurings():
    """Random merges, splits and cuts of the fixture translations (seeded): merges and splits alone
    never count as uncovered, and the count of cut paragraphs is exact nearly always."""
    rng = random.Random(18)
    exact = total = restructured_alone = 0
    for vi, en in PAIRS:
        for _ in range(300):
            english, cut, i = [], 0, 1
            english.append(en[0])
            while i < len(vi):
                draw = rng.random()
                if draw < 0.15:
                    cut, i = cut + 1, i + 1
                elif draw < 0.3 and i + 1 < len(vi) and en[i + 1].kind == en[i].kind == "paragraph":
                    english.append(paragraph(en[i], en[i + 1]))
                    i += 2
                elif draw < 0.4 and en[i].kind == "paragraph" and len(en[i].text.split()) > 10:
                    words = en[i].text.split()
                    english += [Segment("paragraph", " ".join(words[:len(words) // 2])),
                                Segment("paragraph", " ".join(words[len(words) // 2:]))]
                    i += 1
                else:
                    english.append(en[i])
                    i += 1
            found = len(uncovered(vi, english))
            total += 1
            exact += found == cut
            if cut == 0:
                restructured_alone += 1
                assert found == 0, [s.text[:30] for s in english]
    assert restructured_alone > 50 and exact / total >= 0.95, (exact, total)


def test_whole_bodies_are_counted():
    vi, en = PAIRS[0]
    vi_body = "\n\n".join(("# " if s.kind == "heading" else "") + s.text for s in vi) + "\n"
    en_body = "\n\n".join(("# " if s.kind == "heading" else "") + s.text for s in en[:3]) + "\n"
    assert uncovered_count(vi_body, en_body) == (4, 7)
