"""align_versions, relations and reuse shares on small hand-made versions."""
from pathlib import Path

import pytest
import yaml

from generator.annotate.sentences import split_sentences
from generator.archive.align import align_versions
from generator.archive.align_match import match_sentences, relation
from generator.archive.align_reuse import paragraph_reuse, reuse_shares
from generator.archive.align_tokens import comparison_tokens
from generator.model import Annotation, Article, Block, Reuse, Story

FIXTURES = Path(__file__).parent / "fixtures" / "align"
CASES = yaml.safe_load((FIXTURES / "versions.yaml").read_text(encoding="utf-8"))
RELATIONS = yaml.safe_load((FIXTURES / "relations.yaml").read_text(encoding="utf-8"))


def make_version(article_id: str, blocks: list[list[str]]) -> tuple[Article, Annotation]:
    text, placed = "", []
    for kind, body in blocks:
        if text:
            text += "\n\n"
        start = len(text)
        text += body
        placed.append(Block(kind, start, len(text), 2 if kind == "heading" else 0))
    article = Article(article_id, f"{article_id}.md", blocks[0][1], "", "", text, tuple(placed))
    return article, Annotation(article_id, split_sentences(article), (), ())


def make_story(versions: dict[str, list[list[str]]]):
    made = {name: make_version(name, blocks) for name, blocks in versions.items()}
    articles = {name: article for name, (article, _) in made.items()}
    annotations = {name: annotation for name, (_, annotation) in made.items()}
    story = Story("story", tuple(versions), next(iter(versions)))
    return story, articles, annotations


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture(case):
    story, articles, annotations = make_story(case["versions"])
    alignments = {(a.article, a.other): a for a in align_versions([story], articles, annotations)}
    for direction, expected in case["expected"].items():
        article, other = direction.split("->")
        links = alignments[article, other].links
        assert all(link.other_article == other for link in links)
        found = [[x.sentence, x.other_sentence, x.relation, x.moved] for x in links]
        assert found == expected, direction


def test_every_ordered_pair_is_aligned_once_in_sorted_order():
    versions = {name: [["title", "Aid reaches the city"], ["paragraph", "Aid convoys arrived."]]
                for name in ("c", "a", "b")}
    story, articles, annotations = make_story(versions)
    pairs = [(a.article, a.other) for a in align_versions([story], articles, annotations)]
    assert pairs == [("a", "b"), ("a", "c"), ("b", "a"), ("b", "c"), ("c", "a"), ("c", "b")]


def test_a_story_of_one_version_has_no_alignment():
    story, articles, annotations = make_story({"only": [["title", "Alone"]]})
    assert align_versions([story], articles, annotations) == ()


def test_scores_are_between_zero_and_one():
    story, articles, annotations = make_story(CASES[1]["versions"])
    scores = [x.score for a in align_versions([story], articles, annotations) for x in a.links]
    assert scores and all(0.0 < s <= 1.0 for s in scores)


@pytest.mark.parametrize("case", RELATIONS, ids=[c["name"] for c in RELATIONS])
def test_relation(case):
    match = match_sentences(comparison_tokens(case["a"]), comparison_tokens(case["b"]))
    assert relation(match) == case["relation"]


def test_reuse_shares_count_words_and_sentences_from_the_original():
    story, articles, annotations = make_story(CASES[2]["versions"])
    alignments = align_versions([story], articles, annotations)
    assert reuse_shares(story, alignments, articles, annotations) == {"paper": Reuse(1.0, 1.0)}
    paragraphs = paragraph_reuse(story, alignments, articles, annotations)
    assert paragraphs == {"paper": (1.0, 1.0, 1.0, 1.0)}


def test_reuse_shares_of_a_partly_new_version():
    story, articles, annotations = make_story(CASES[0]["versions"])
    alignments = align_versions([story], articles, annotations)
    shares = reuse_shares(story, alignments, articles, annotations)["paper"]
    assert shares.sentences == pytest.approx(5 / 6, abs=0.001)  # all but "Diplomats in New York..."
    assert 0.5 < shares.words < shares.sentences
