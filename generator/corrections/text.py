"""Corrections inside one article's text: names and figures, found again by quote."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from ..errors import ContentWarning
from ..model import Annotation, Article, Mention
from .model import FILE, Corrections


def locate(text: str, exact: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
    """Where EXACT stands in TEXT with PREFIX just before and SUFFIX just after (the first such
    place); None when there is none."""
    start = text.find(exact)
    while start >= 0 and exact:
        end = start + len(exact)
        if text[:start].endswith(prefix) and text[end:].startswith(suffix):
            return start, end
        start = text.find(exact, start + 1)
    return None


def apply_to_annotations(corrections: Corrections, articles: Sequence[Article],
                         annotations: Mapping[str, Annotation]) -> tuple[dict[str, Annotation], tuple[ContentWarning, ...]]:
    """The annotations with names removed and added and figures corrected; a warning for each
    correction whose article or quote is gone."""
    by_id = {article.id: article for article in articles}
    changed = dict(annotations)
    warnings = []
    for fix in corrections.mentions:
        article = by_id.get(fix.article)
        place = locate(article.text, fix.exact, fix.prefix, fix.suffix) if article else None
        if place is None:
            what = f"no article {fix.article!r}" if article is None else f"{fix.exact!r} is no longer in {fix.article}"
            warnings.append(ContentWarning(FILE, fix.line, f"{what}: this correction is not applied; "
                                                           "update its quote or remove it"))
            continue
        if fix.action in ("retype", "link"):
            continue  # applied to the entities, after reconciliation
        start, end = place
        annotation = changed[fix.article]
        kept = [m for m in annotation.mentions if m.end <= start or m.start >= end]
        if fix.action == "add":
            kept.append(Mention(start, end, fix.exact, fix.type, fix.exact, 1.0))
        changed[fix.article] = dataclasses.replace(annotation, mentions=tuple(sorted(kept, key=lambda m: m.start)))
    for fix in corrections.figures:
        article = by_id.get(fix.article)
        place = locate(article.text, fix.exact, fix.prefix, fix.suffix) if article else None
        figures = changed[fix.article].figures if place else ()
        hit = [f for f in figures if f.start < place[1] and f.end > place[0]] if place else []
        if not hit:
            what = f"no article {fix.article!r}" if article is None else f"no figure {fix.exact!r} in {fix.article}"
            warnings.append(ContentWarning(FILE, fix.line, f"{what}: this correction is not applied; "
                                                           "update its quote or remove it"))
            continue
        fixed = [] if fix.remove else [dataclasses.replace(
            f, value=f.value if fix.value is None else fix.value, qualifier=fix.qualifier or f.qualifier,
            unit=fix.unit or f.unit) for f in hit]
        kept = [f for f in figures if f not in hit] + fixed
        changed[fix.article] = dataclasses.replace(changed[fix.article],
                                                   figures=tuple(sorted(kept, key=lambda f: f.start)))
    return changed, tuple(warnings)
