"""Passages that only one version of a story has: what the others cut, or it added."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import (
    Alignment,
    Annotation,
    Article,
    Discrepancy,
    DiscrepancyMention,
    Story,
)

QUOTES = ('"', "\u201c", "\u201d")


def only_in_discrepancies(story: Story, articles: Mapping[str, Article],
                          annotations: Mapping[str, Annotation],
                          alignments: Sequence[Alignment]) -> tuple[Discrepancy, ...]:
    """One entry per version: its body sentences that no other version has (quotes first)."""
    if len(story.articles) < 2:
        return ()
    linked = {(alignment.article, link.sentence) for alignment in alignments for link in alignment.links}
    found = []
    for article_id in story.articles:
        article = articles[article_id]
        alone = [s for s in _body_sentences(article, annotations[article_id]) if (article_id, s.id) not in linked]
        alone.sort(key=lambda s: (not _is_quote(article.text[s.start:s.end]), s.start))
        if alone:
            found.append(Discrepancy("only-in", f"only in {article.source or article.title}", tuple(
                DiscrepancyMention(article_id, s.id, article.text[s.start:s.end]) for s in alone)))
    return tuple(found)


def _body_sentences(article: Article, annotation: Annotation):
    """Sentences of paragraphs, quotes and list items (not the headline or subheads)."""
    body = [b for b in article.blocks if b.kind not in ("title", "heading")]
    return [s for s in annotation.sentences if any(b.start <= s.start < b.end for b in body)]


def _is_quote(text: str) -> bool:
    return any(mark in text for mark in QUOTES)
