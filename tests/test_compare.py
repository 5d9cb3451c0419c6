"""compare_figures and contradictions_within on small hand-made stories."""
from pathlib import Path

import pytest
import yaml

from generator.annotate.numbers import find_figures
from generator.archive.compare import (
    compare_figures,
    contradictions_within,
    story_alignments,
)
from generator.model import (
    Alignment,
    Annotation,
    Article,
    Block,
    Discrepancy,
    DiscrepancyMention,
    Sentence,
    SentenceLink,
    Story,
)

FIXTURES = Path(__file__).parent / "fixtures" / "compare"
CASES = yaml.safe_load((FIXTURES / "stories.yaml").read_text(encoding="utf-8"))


def make_version(article_id: str, sentences: list[str]) -> tuple[Article, Annotation]:
    """The headline as s1, the other sentences as one paragraph (s2, s3, ...)."""
    headline, *body = sentences
    text = headline + "\n\n" + " ".join(body)
    blocks = (Block("title", 0, len(headline)), Block("paragraph", len(headline) + 2, len(text)))
    spans, start = [(0, len(headline))], len(headline) + 2
    for sentence in body:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 1
    article = Article(article_id, f"{article_id}.md", headline, "", "", text, blocks)
    placed = tuple(Sentence(f"s{n}", s, e) for n, (s, e) in enumerate(spans, 1))
    return article, Annotation(article_id, placed, (), find_figures(text))


def make_alignments(links: list[list[str]]) -> tuple[Alignment, ...]:
    by_pair: dict[tuple[str, str], list[SentenceLink]] = {}
    for article, sentence, other, other_sentence, relation in links:
        by_pair.setdefault((article, other), []).append(
            SentenceLink(sentence, other, other_sentence, relation, 0.9))
    return tuple(Alignment(a, o, tuple(ls)) for (a, o), ls in sorted(by_pair.items()))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_compare_figures_matches_fixture(case):
    built = {aid: make_version(aid, sentences) for aid, sentences in case["versions"].items()}
    story = Story("story", tuple(case["story"]), case["story"][0])
    found = compare_figures(story, {a: v[0] for a, v in built.items()},
                            {a: v[1] for a, v in built.items()}, make_alignments(case["links"]))
    expected = tuple(
        Discrepancy("figure", d["about"], tuple(DiscrepancyMention(*m) for m in d["mentions"]))
        for d in case["expected"])
    assert found == expected


def test_alignment_in_either_direction_is_used():
    built = {aid: make_version(aid, s) for aid, s in CASES[1]["versions"].items()}
    story = Story("story", ("wire", "weekly"), "wire")
    links = make_alignments([["wire", "s2", "weekly", "s2", "rewrite"]])
    (found,) = compare_figures(story, {a: v[0] for a, v in built.items()},
                               {a: v[1] for a, v in built.items()}, links)
    assert [m.text for m in found.mentions] == ["40", "45"]


def test_contradiction_within_one_article():
    article, annotation = make_version("a", [
        "Death toll rises",
        "At least 40 people were killed in the shelling on Monday.",
        "The toll was revised later.",
        "Officials said 52 people were killed in the shelling.",
    ])
    (found,) = contradictions_within(article, annotation)
    assert found.about == "people killed"
    assert [(m.sentence, m.text) for m in found.mentions] == [("s2", "At least 40"), ("s4", "52")]


def test_no_contradiction_between_different_events():
    article, annotation = make_version("a", [
        "Thousands displaced",
        "With more than 30,000 people uprooted by the fighting, residents began returning.",
        "The U.N. estimates that close to 30,000 people have been displaced.",
        "Envoys said more than 100,000 people may still be in the area.",
    ])
    assert contradictions_within(article, annotation) == ()


def test_story_alignments_keeps_only_links_inside_each_story():
    stories = (Story("x", ("a", "b"), "a"), Story("y", ("c",), "c"))
    inside = Alignment("b", "a", (SentenceLink("s2", "a", "s2", "copy", 0.9),))
    across = Alignment("b", "c", (SentenceLink("s2", "c", "s2", "copy", 0.9),))
    assert story_alignments(stories, (inside, across)) == {"x": (inside,), "y": ()}
