"""split_sentences on news copy: fixture cases, ids, spans."""
from pathlib import Path

import pytest
import yaml

from generator.annotate.sentences import split_sentences
from generator.model import Article, Block

FIXTURES = Path(__file__).parent / "fixtures" / "sentences"
CASES = [case for path in sorted(FIXTURES.glob("*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


def make_article(blocks: list[list[str]], pad: str = "") -> Article:
    """Blocks [kind, text] joined by blank lines; `pad` surrounds each block's text."""
    text, placed = "", []
    for kind, body in blocks:
        if text:
            text += "\n\n"
        start = len(text)
        text += pad + body + pad
        placed.append(Block(kind, start, len(text), 2 if kind == "heading" else 0))
    return Article("a", "a.md", blocks[0][1], "", "", text, tuple(placed))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture(case):
    article = make_article(case["blocks"])
    found = [article.text[s.start:s.end] for s in split_sentences(article)]
    assert found == case["sentences"]


def test_ids_follow_position():
    article = make_article([["title", "T"], ["paragraph", "One. Two."], ["paragraph", "Three."]])
    assert [s.id for s in split_sentences(article)] == ["s1", "s2", "s3", "s4"]


def test_spans_are_trimmed_of_whitespace():
    article = make_article([["title", "Title"], ["paragraph", "One here. Two here."]], pad="  ")
    found = [article.text[s.start:s.end] for s in split_sentences(article)]
    assert found == ["Title", "One here.", "Two here."]


def test_an_empty_article_has_no_sentences():
    assert split_sentences(Article("a", "a.md", "", "", "", "", ())) == ()
