"""group_versions and explain_pair on small hand-made archives."""
from pathlib import Path

import numpy as np
import pytest
import yaml

from generator.archive.stories import (
    BOILERPLATE_MIN_ARTICLES,
    boilerplate,
    candidate_pairs,
    explain_pair,
    group_versions,
    is_wire,
    shingles,
    signature,
    signature_similarity,
)
from generator.model import Annotation, Article, Block, Story

FIXTURES = Path(__file__).parent / "fixtures" / "stories"
CASES = [case for path in sorted(FIXTURES.glob("*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


def make_article(spec: dict) -> Article:
    title = f"About {spec['id']}"
    text, blocks = title, [Block("title", 0, len(title))]
    for paragraph in spec["paragraphs"]:
        text += "\n\n"
        blocks.append(Block("paragraph", len(text), len(text) + len(paragraph)))
        text += paragraph
    return Article(spec["id"], f"{spec['id']}.md", title, spec["source"], spec["date"], text,
                   tuple(blocks), story=spec.get("story", ""))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture(case):
    articles = [make_article(spec) for spec in case["articles"]]
    expected = tuple(Story(i, tuple(a), o) for i, a, o in case["stories"])
    assert group_versions(articles, {}) == expected


def test_grouping_does_not_depend_on_input_order():
    articles = [make_article(spec) for spec in CASES[0]["articles"]]
    assert group_versions(articles[::-1], {}) == group_versions(articles, {})


def test_story_id_is_stable_when_the_archive_grows():
    articles = [make_article(spec) for spec in CASES[0]["articles"]]
    before = {s.id for s in group_versions(articles[:4], {})}
    after = {s.id for s in group_versions(articles, {})}
    assert before <= after


def test_explain_pair_says_why():
    first, second, *_, markets = [make_article(spec) for spec in CASES[0]["articles"]]
    grouped = explain_pair(first, second, 0.3)
    assert grouped.startswith("wire-aleppo / paper-aleppo: grouped: ")
    assert "against threshold 0.30" in grouped
    unrelated = explain_pair(first, markets, 0.3)
    assert unrelated.startswith("wire-aleppo / markets: not grouped: 0 of the ")


@pytest.mark.parametrize("source, wire", [
    ("Reuters", True), ("Associated Press", True), ("AP", True), ("Agence France-Presse", True),
    ("AFP", True), ("The Guardian", False), ("Apple Daily", False), ("", False),
])
def test_is_wire(source, wire):
    assert is_wire(source) is wire


def test_candidates_come_from_lsh_buckets_only():
    texts = ["the army advanced towards the old city on sunday in an attack " * 3,
             "oil prices rose as traders weighed a fall in crude inventories " * 3]
    word_hashes: dict[str, int] = {}
    first, second = (signature(shingles(t, word_hashes)) for t in texts)
    assert candidate_pairs([first, second, first]) == [(0, 2)]
    assert signature_similarity(first, first) == 1.0
    assert signature_similarity(first, second) < 0.1


def test_articles_without_text_are_never_grouped():
    empty = [make_article({"id": f"e{n}", "source": "", "date": "", "paragraphs": []})
             for n in range(3)]
    assert group_versions(empty, {}) == ()


def test_the_shingles_the_per_article_stage_found_are_those_grouping_uses():
    from generator.annotate import annotate
    from generator.annotate.shingles import restored, stored

    articles = [make_article(spec) for spec in CASES[0]["articles"]]
    annotations = {a.id: annotate(a) for a in articles}
    assert all((restored(annotations[a.id].shingles) == shingles(a.text)).all() for a in articles)
    assert group_versions(articles, annotations) == group_versions(articles, {})
    # what grouping reads is the annotation's: a text's shingles stored under another article
    second, markets = articles[1], articles[-1]
    swapped = {**annotations, second.id: Annotation(second.id, (), (), (), stored(shingles(markets.text)))}
    assert {s.id for s in group_versions(articles, swapped)} != {s.id for s in group_versions(articles, {})}


def test_boilerplate_is_every_shingle_in_more_articles_than_the_share_and_no_other():
    """Shingles are counted only where their bucket (low bits) holds enough: here many shingles of
    one bucket, each in too few articles, and a shingle in just enough and just too few."""
    rng = np.random.default_rng(7)
    sets = []
    for n in range(400):
        own = rng.integers(0, 2**62, 40, dtype=np.int64).astype(np.uint64) << np.uint64(20)  # one bucket: 0
        shared = [np.uint64(5 + (1 << 40))] * (n <= BOILERPLATE_MIN_ARTICLES) + [np.uint64(9)] * (
            n < BOILERPLATE_MIN_ARTICLES)
        sets.append(np.unique(np.concatenate([own, np.asarray(shared, dtype=np.uint64)])))
    distinct, counts = np.unique(np.concatenate(sets), return_counts=True)
    assert boilerplate(sets).tolist() == distinct[counts > BOILERPLATE_MIN_ARTICLES].tolist() == [5 + (1 << 40)]
