"""Where the versions of a story disagree about a figure, and where one article contradicts itself.

Two figures count the same thing when they sit in aligned sentences (the
aligner's links, or failing any link between two versions the sentences that
share most content words), count the same unit and share words around them; a
figure no link reaches is matched only to the same value said in the same words
(see compare_match). Matched figures are joined into groups across all
versions; a group whose members differ in value, upper bound or qualifier is a
disagreement. A figure only one version has is not.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from itertools import combinations

from generator.annotate.numbers_about import context_words, figure_about
from generator.archive.compare_match import (
    MIN_OVERLAP_FOR_NEW_VALUE,
    MIN_SHARED_CONTEXT,
    Pair,
    PlacedFigure,
    content_words,
    figure_pairs,
    group_pairs,
    sentence_pairs_by_words,
    similarity,
    unlinked_pairs,
    values_close,
)
from generator.model import (
    Alignment,
    Annotation,
    Article,
    Discrepancy,
    DiscrepancyMention,
    Sentence,
    Story,
)


def compare_figures(story: Story, articles: Mapping[str, Article],
                    annotations: Mapping[str, Annotation],
                    alignments: Sequence[Alignment]) -> tuple[Discrepancy, ...]:
    """Every figure the versions of `story` give differently, one Discrepancy per thing counted."""
    members = [a for a in story.articles if a in articles and a in annotations]
    order = {article: n for n, article in enumerate(members)}
    linked = _links_by_pair(alignments, order)
    placed = {a: place_figures(articles[a], annotations[a]) for a in members}
    matched: list[Pair] = []
    for first, second in combinations(members, 2):
        links = linked.get((first, second)) or _links_by_words(
            articles[first], annotations[first], articles[second], annotations[second])
        pairs = figure_pairs(placed[first], placed[second], links)
        matched += pairs + unlinked_pairs(placed[first], placed[second], pairs)
    return _disagreements(group_pairs(matched), order)


def story_alignments(stories: Sequence[Story],
                     alignments: Sequence[Alignment]) -> dict[str, tuple[Alignment, ...]]:
    """Each story's alignments (both ends in the story), in one pass over all of them:
    hand compare_figures its story's share rather than the whole archive's."""
    story_of = {article: story.id for story in stories for article in story.articles}
    by_story: dict[str, list[Alignment]] = {story.id: [] for story in stories}
    for alignment in alignments:
        story = story_of.get(alignment.article)
        if story is not None and story_of.get(alignment.other) == story:
            by_story[story].append(alignment)
    return {story: tuple(found) for story, found in by_story.items()}


def contradictions_within(article: Article, annotation: Annotation) -> tuple[Discrepancy, ...]:
    """Figures of one article that count the same thing (same unit and event) differently.

    Conservative: only figures whose about names both a unit and what happened to
    it ("people killed") are compared, only different values count, and the two
    sentences must say much the same thing otherwise (a lede restated lower down).
    """
    by_about: dict[str, list[PlacedFigure]] = {}
    for placed in place_figures(article, annotation):
        if placed.figure.unit and " " in placed.about and placed.figure.qualifier != "vague":
            by_about.setdefault(placed.about, []).append(placed)
    found = []
    for about, figures in sorted(by_about.items()):
        involved = {p for pair in combinations(figures, 2) if _contradict(*pair) for p in pair}
        if involved:
            mentions = sorted(involved, key=lambda p: p.figure.start)
            found.append(Discrepancy("figure", about, tuple(_mention(p) for p in mentions)))
    return tuple(found)


def _contradict(first: PlacedFigure, second: PlacedFigure) -> bool:
    if (first.figure.value, first.figure.upper) == (second.figure.value, second.figure.upper):
        return False
    return (values_close(first.figure.value, second.figure.value)
            and len(first.context & second.context) >= MIN_SHARED_CONTEXT
            and similarity(first.sentence_words, second.sentence_words) >= MIN_OVERLAP_FOR_NEW_VALUE)


def place_figures(article: Article, annotation: Annotation) -> tuple[PlacedFigure, ...]:
    """Each figure of the article with its sentence and context (figures outside sentences dropped)."""
    sentences = annotation.sentences
    starts = [s.start for s in sentences]
    words_of: dict[str, frozenset[str]] = {}
    placed = []
    for index, figure in enumerate(annotation.figures):
        at = bisect_right(starts, figure.start) - 1
        if at < 0 or figure.end > sentences[at].end:
            continue
        sentence = sentences[at]
        if sentence.id not in words_of:
            words_of[sentence.id] = content_words(article.text[sentence.start:sentence.end])
        context = context_words(article.text, figure, sentence.start, sentence.end)
        about = figure_about(article.text, figure)
        placed.append(PlacedFigure(article.id, index, sentence.id, figure, context,
                                   words_of[sentence.id], about))
    return tuple(placed)


def _links_by_words(first: Article, first_annotation: Annotation,
                    second: Article, second_annotation: Annotation) -> set[tuple[str, str]]:
    """No alignment links the two versions: pair their sentences that hold figures by shared words."""
    return sentence_pairs_by_words(first.text, _with_figures(first_annotation),
                                   second.text, _with_figures(second_annotation))


def _with_figures(annotation: Annotation) -> list[Sentence]:
    starts = [f.start for f in annotation.figures]
    return [s for s in annotation.sentences if bisect_left(starts, s.end) > bisect_left(starts, s.start)]


def _links_by_pair(alignments: Sequence[Alignment],
                   order: Mapping[str, int]) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """Linked sentence pairs per pair of story members, the earlier member first,
    from links in either direction."""
    linked: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for alignment in alignments:
        for link in alignment.links:
            ends = ((alignment.article, link.sentence), (link.other_article, link.other_sentence))
            if not all(article in order for article, _ in ends) or ends[0][0] == ends[1][0]:
                continue
            (first, first_sentence), (second, second_sentence) = sorted(ends, key=lambda e: order[e[0]])
            linked.setdefault((first, second), set()).add((first_sentence, second_sentence))
    return linked


def _disagreements(groups: list[list[PlacedFigure]], order: Mapping[str, int]) -> tuple[Discrepancy, ...]:
    found = []
    for group in groups:
        members = sorted(group, key=lambda p: (order[p.article], p.figure.start))
        if len({p.reading for p in members}) < 2 or len({p.article for p in members}) < 2:
            continue
        first = members[0]
        about = first.about or first.figure.text
        found.append((order[first.article], first.figure.start,
                      Discrepancy("figure", about, tuple(_mention(p) for p in members))))
    return tuple(d for *_, d in sorted(found, key=lambda f: f[:2]))


def _mention(placed: PlacedFigure) -> DiscrepancyMention:
    figure = placed.figure
    return DiscrepancyMention(placed.article, placed.sentence, figure.text, figure.value, figure.qualifier)
