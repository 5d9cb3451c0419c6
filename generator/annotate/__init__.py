"""The per-article stage: everything found in one article from the article alone."""
from __future__ import annotations

from collections.abc import Callable

from ..config import SiteConfig
from ..model import Annotation, Article, Mention, Sentence
from ..search import terms
from . import words
from .entities import find_mentions
from .numbers import find_figures
from .sentences import split_sentences
from .shingles import shingles, stored

Recogniser = Callable[[Article, tuple[Sentence, ...]], tuple[Mention, ...]]
"""Candidate names of one article, given its sentences: find_mentions or a spaCy pipeline's."""


def entity_recogniser(config: SiteConfig) -> Recogniser:
    """The site's recogniser, built once: the rules, or spaCy (imported only when asked for)."""
    if config.entities_backend == "spacy":
        # The optional extra: imported here so that the default path never loads spaCy.
        from .spacy_backend import spacy_recogniser
        return spacy_recogniser(config.spacy_model, config.gazetteer)
    return find_mentions


def annotate(article: Article, recogniser: Recogniser = find_mentions) -> Annotation:
    """Sentences, candidate names and figures of one article (cacheable by its content)."""
    sentences = split_sentences(article)
    return Annotation(
        article=article.id,
        sentences=sentences,
        mentions=recogniser(article, sentences),
        figures=find_figures(article.text),
        shingles=stored(shingles(article.text)),
        terms=terms.stored(terms.article_terms(article)),
        words=words.stored(words.content_words(article.text)),
    )
