"""The per-article stage: everything found in one article from the article alone."""
from __future__ import annotations

from ..model import Annotation, Article
from .entities import find_mentions
from .numbers import find_figures
from .sentences import split_sentences


def annotate(article: Article) -> Annotation:
    """Sentences, candidate names and figures of one article (cacheable by its content)."""
    sentences = split_sentences(article)
    return Annotation(
        article=article.id,
        sentences=sentences,
        mentions=find_mentions(article, sentences),
        figures=find_figures(article.text),
    )
