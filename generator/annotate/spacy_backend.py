"""The optional spaCy recogniser: candidate names from any installed spaCy pipeline.

Chosen in site.yaml with `entities_backend: spacy` (and `spacy_model`, an
installed pipeline such as en_core_web_sm, or `blank:en` for a pipeline with
no statistical model). It needs the extra: pip install 'story-archive[spacy]'.
The default build never imports this module.

The site's gazetteer goes into an entity ruler placed before "ner", so its
names win over the model's guesses. spaCy's labels become the project's types
(PERSON person; ORG org; GPE, LOC, FAC place; NORP group); other labels (dates,
money, works of art) are dropped: figures are the numbers annotator's business.
"""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from generator.annotate import Recogniser
from generator.annotate.entities_cues import TITLE_WORDS
from generator.config import BLANK_MODEL
from generator.model import Article, Gazetteer, Mention, Sentence

LABEL_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
               "NORP": "group"}
"""spaCy label -> the project's entity type; a label not here is dropped."""
TYPE_LABELS = {"person": "PERSON", "org": "ORG", "place": "GPE", "group": "NORP"}
"""The project's type -> the label the entity ruler gives a gazetteer name."""
RULER_SCORE = 1.0
"""A gazetteer name: as sure as the default recogniser's gazetteer matches."""
MODEL_SCORE = 0.8
"""A name the statistical model found: as sure as a good cue of the default recogniser."""
_POSSESSIVES = ("'s", "’s", "'", "’")
_ARTICLES = frozenset(("the",))


def load_pipeline(model: str, gazetteer: Gazetteer) -> Language:
    """The spaCy pipeline MODEL (a package name, or blank:LANG), with the gazetteer's ruler."""
    nlp = spacy.blank(model.removeprefix(BLANK_MODEL)) if model.startswith(BLANK_MODEL) else spacy.load(model)
    return with_gazetteer(nlp, gazetteer)


def with_gazetteer(nlp: Language, gazetteer: Gazetteer) -> Language:
    """Add to NLP an entity ruler of the gazetteer's names and aliases, before its "ner" if any."""
    patterns = [{"label": TYPE_LABELS[entry.type], "pattern": name, "id": entry.name}
                for entry in gazetteer.entries for name in (entry.name, *entry.aliases)]
    if patterns:  # a ruler without patterns only warns
        placement = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        nlp.add_pipe("entity_ruler", name="gazetteer_ruler", **placement).add_patterns(patterns)
    return nlp


def spacy_recogniser(model: str, gazetteer: Gazetteer) -> Recogniser:
    """A recogniser with find_mentions' signature, over the pipeline loaded once."""
    return functools.partial(spacy_mentions, load_pipeline(model, gazetteer))


def spacy_mentions(nlp: Language, article: Article, sentences: tuple[Sentence, ...]) -> tuple[Mention, ...]:
    """Every name the pipeline tags in the article with a label we keep, sorted by start.

    `sentences` is accepted for the recogniser's uniform signature; spaCy reads the text whole.
    """
    found = []
    for ent in nlp(article.text).ents:
        kind = LABEL_TYPES.get(ent.label_)
        key = name_key(ent.text, kind) if kind else ""
        if key:
            score = RULER_SCORE if ent.id_ else MODEL_SCORE
            found.append(Mention(ent.start_char, ent.end_char, ent.text, kind, key, score))
    return tuple(found)


def name_key(surface: str, kind: str) -> str:
    """The name without a leading article or (for a person) title, or a possessive ending.

    "the United Nations" -> "United Nations"; "President Bashar al-Assad" -> "Bashar al-Assad";
    "Aleppo's" -> "Aleppo". A name that is nothing but such words gives "".
    """
    words = surface.split()
    drop = _ARTICLES | TITLE_WORDS if kind == "person" else _ARTICLES
    while words and words[0].lower() in drop:
        words = words[1:]
    if words:
        last = words[-1]
        words[-1] = next((last[:-len(p)] for p in _POSSESSIVES if last.endswith(p) and len(last) > len(p)), last)
    return " ".join(words)
