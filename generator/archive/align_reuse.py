"""How much of each version comes from its story's original.

A sentence's reused words are the words it shares in order with the
sentence(s) of the original it is linked to (see align_match); a version's
shares are over all its sentences, and paragraph by paragraph.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from generator.archive.align_match import match_sentences
from generator.archive.align_tokens import comparison_tokens
from generator.model import Alignment, Annotation, Article, Reuse, Story


def reuse_shares(
    story: Story,
    alignments: Sequence[Alignment],
    articles: Mapping[str, Article],
    annotations: Mapping[str, Annotation],
) -> Mapping[str, Reuse]:
    """Per version but the original: the share of its words and sentences from the original."""
    shares = {}
    for version in story.articles:
        if version == story.original:
            continue
        counts = sentence_reuse(version, story.original, alignments, articles, annotations)
        words = sum(total for _, total in counts.values())
        reused_words = sum(reused for reused, _ in counts.values())
        reused_sentences = sum(1 for reused, _ in counts.values() if reused)
        shares[version] = Reuse(
            words=round(reused_words / words, 3) if words else 0.0,
            sentences=round(reused_sentences / len(counts), 3) if counts else 0.0,
        )
    return shares


def paragraph_reuse(
    story: Story,
    alignments: Sequence[Alignment],
    articles: Mapping[str, Article],
    annotations: Mapping[str, Annotation],
) -> Mapping[str, tuple[float, ...]]:
    """Per version other than the original: for each of its blocks, the share of words reused."""
    out = {}
    for version in story.articles:
        if version == story.original:
            continue
        counts = sentence_reuse(version, story.original, alignments, articles, annotations)
        blocks = articles[version].blocks
        per_block = [[0, 0] for _ in blocks]
        starts = [b.start for b in blocks]
        for sentence in annotations[version].sentences:
            reused, total = counts[sentence.id]
            held = bisect_right(starts, sentence.start) - 1
            if held >= 0:
                per_block[held][0] += reused
                per_block[held][1] += total
        out[version] = tuple(round(r / t, 3) if t else 0.0 for r, t in per_block)
    return out


def sentence_reuse(
    version: str,
    original: str,
    alignments: Sequence[Alignment],
    articles: Mapping[str, Article],
    annotations: Mapping[str, Annotation],
) -> dict[str, tuple[int, int]]:
    """Sentence id -> (words taken from the original, words) for each sentence of `version`."""
    sources: dict[str, list[str]] = {}
    for alignment in alignments:
        if alignment.article == version and alignment.other == original:
            for link in alignment.links:
                sources.setdefault(link.sentence, []).append(link.other_sentence)
    original_tokens = _tokens(articles[original], annotations[original])
    counts = {}
    for sentence_id, tokens in _tokens(articles[version], annotations[version]).items():
        reused: set[int] = set()
        for source in sources.get(sentence_id, ()):
            reused |= match_sentences(tokens, original_tokens[source]).matched_positions()
        counts[sentence_id] = (len(reused), len(tokens))
    return counts


def _tokens(article: Article, annotation: Annotation) -> dict[str, tuple[str, ...]]:
    return {s.id: comparison_tokens(article.text[s.start:s.end]) for s in annotation.sentences}
