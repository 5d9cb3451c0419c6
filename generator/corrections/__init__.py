"""Editors' corrections of the machine's names, kept in corrections.yaml beside site.yaml.

Each correction points at its place by the article's id and the quoted text, with a little of
the text before and after it when the quote alone is ambiguous (the W3C Web Annotation
text-quote selector: exact, prefix, suffix), so it finds its place again after the article is
edited elsewhere. They are applied in the cross-article stage: the per-article cache is never
invalidated by an edit here. A correction whose quote is gone is reported with its file:line
and left out; the rest of the site is built.

    mentions:
      - article: paper/qusair           # the article's id (its path under content/, no .md)
        exact: Hanano                   # the quoted text
        prefix: "the "                  # optional: text just before it
        suffix: " district"             # optional: text just after it
        action: remove                  # remove: not a name; add: a name the machine missed;
                                        # retype: the entity it names is of another type;
                                        # link: it names another entity (entity: its id)
        type: place                     # for add and retype: person, org, place or group
    merges:
      - [hezbollah, hizbullah]          # entity ids that are one entity; the first keeps its name
    disagreements:
      - story: aleppo-2016              # the story's id
        about: "30,000"                 # what it is about, or one of its figures as written
        action: dismiss                 # dismiss (no real disagreement) or confirm
        note: both are UN estimates, from different days   # shown to readers
    figures:
      - article: wire/qusair
        exact: close to 30,000          # the figure as written
        qualifier: approx               # and what is right: value, qualifier, unit (or remove: true)
    splits:
      - entity: aleppo-army              # some mentions of this entity are another one:
        name: Aleppo Army (2016 alliance)
        mentions:
          - {article: wire/qusair, exact: Aleppo Army}
    stories:
      - article: paper/qusair            # a version of this story (its id) ...
        story: qusair
      - article: sport/results           # ... or of none
        alone: true
"""
from __future__ import annotations

from .archive import (
           apply_to_alignments,
           apply_to_discrepancies,
           apply_to_entities,
           apply_to_stories,
)
from .load import load_corrections
from .model import FILE, NONE, Corrections
from .text import apply_to_annotations, locate

__all__ = ["FILE", "NONE", "Corrections", "apply_to_alignments", "apply_to_annotations", "apply_to_discrepancies",
           "apply_to_entities", "apply_to_stories", "load_corrections", "locate"]
