"""find_mentions: cases from tests/fixtures/entities/mentions.yaml, and its invariants."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml

from generator.annotate.entities import find_mentions
from generator.model import ENTITY_TYPES, Article, Block, Sentence

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "entities" / "mentions.yaml").read_text())
_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[\"“A-Z])")


def make_article(blocks: list[list[str]], source: str = "") -> Article:
    """An Article shaped as the reader makes it: blocks joined by a blank line."""
    text, made, offset = "", [], 0
    for kind, passage in blocks:
        made.append(Block(kind, offset, offset + len(passage), 2 if kind == "heading" else 0))
        text += passage + "\n\n"
        offset += len(passage) + 2
    return Article("a", "a.md", blocks[0][1], source, "", text[:-2], tuple(made))


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """A naive splitter: enough for the recogniser, which reads only where sentences start."""
    spans = []
    for block in article.blocks:
        start = block.start
        for match in _SENTENCE_END.finditer(article.text, block.start, block.end):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, block.end))
    return tuple(Sentence(f"s{i}", s, e) for i, (s, e) in enumerate(spans, 1))


def mentions_of(article: Article):
    return find_mentions(article, split_sentences(article))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture(case):
    article = make_article(case["blocks"], case.get("source", ""))
    found = [[m.text, m.type] + ([m.key] if m.key != m.text else []) for m in mentions_of(article)]
    assert found == case["expected"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_mentions_are_sorted_disjoint_and_point_into_the_text(case):
    article = make_article(case["blocks"], case.get("source", ""))
    mentions = mentions_of(article)
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.start
    for m in mentions:
        assert article.text[m.start:m.end] == m.text
        assert m.type in ENTITY_TYPES
        assert 0.0 <= m.score <= 1.0


def test_title_is_cut_from_span_and_key():
    article = make_article([["title", "Talks"], ["paragraph", "It was a triumph for Mr Assad."]])
    (mention,) = mentions_of(article)
    assert (mention.text, mention.key, article.text[mention.start:mention.end]) == ("Assad", "Assad", "Assad")


def test_same_article_gives_same_mentions():
    article = make_article(CASES[0]["blocks"])
    assert mentions_of(article) == mentions_of(article)


def test_an_empty_article_has_no_mentions():
    article = Article("a", "a.md", "", "", "", "", (Block("title", 0, 0),))
    assert find_mentions(article, ()) == ()
