"""`build --review`: a page of the machine's most doubtful judgements, each with the correction
to paste into corrections.yaml: as given it confirms the machine's judgement, and a comment says
what to change to correct it instead. Built only when asked; it links nowhere
from the site and asks search engines to stay away.

Doubt, 0 to 1, orders the page:
- a name the recogniser was unsure of: 1 - its score (those under LOW_SCORE);
- two entities of one type whose names are nearly the same, not merged: their similarity;
- a name typed differently in different articles: the share of the minority type;
- a link between sentences of two versions the aligner scored under WEAK_LINK: 1 - its score;
- a disagreement between versions: 0.5 (it is for an editor to judge, always).
"""
from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

import yaml

from .config import SiteConfig
from .model import Site
from .render_context import page
from .theme import Theme

LOW_SCORE = 0.7
WEAK_LINK = 0.5
NEAR_NAMES = 0.8
CONTEXT = 60
PREFIX = 12


@dataclass(frozen=True, slots=True)
class Doubt:
    doubt: float
    kind: str
    what: str
    context: str
    fix: str
    """The YAML to paste into corrections.yaml."""


def snippet(section: str, entry: object) -> str:
    return yaml.safe_dump({section: [entry]}, allow_unicode=True, sort_keys=False, width=1000)


def quote(text: str, start: int, end: int) -> dict[str, str]:
    """The text-quote selector of TEXT[start:end]: the quote, and the text just before it."""
    return {"exact": text[start:end], "prefix": text[max(0, start - PREFIX):start]}


def quote_of(sentence: str) -> str:
    """The start of a sentence, long enough to find it again (at most eight words)."""
    return " ".join(sentence.split()[:8])


def around(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - CONTEXT):min(len(text), end + CONTEXT)].split())


def doubts(site: Site) -> list[Doubt]:
    found: list[Doubt] = []
    texts = {article.id: article.text for article in site.articles}
    for article in site.articles:
        annotation = site.annotations.get(article.id)
        for mention in annotation.mentions if annotation else ():
            if mention.score < LOW_SCORE:
                found.append(Doubt(
                    1 - mention.score, "unsure name", f"“{mention.text}” ({mention.type}) in {article.id}",
                    around(article.text, mention.start, mention.end),
                    snippet("mentions", {"article": article.id, **quote(article.text, mention.start, mention.end),
                                         "action": "add", "type": mention.type})
                    + "# keeps it as it is; not a name? action: remove; another type? action: retype\n"))
    entities = site.entities.entities
    by_type = defaultdict(list)
    for entity in entities:
        by_type[entity.type].append(entity)
    for group in by_type.values():
        for a, b in combinations(sorted(group, key=lambda e: e.id), 2):
            likeness = difflib.SequenceMatcher(None, a.name.casefold(), b.name.casefold()).ratio()
            if likeness >= NEAR_NAMES:
                keep, other = (a, b) if len(a.articles) >= len(b.articles) else (b, a)
                found.append(Doubt(likeness, "near names", f"“{a.name}” and “{b.name}” ({a.type}) are two entities",
                                   f"{a.name}: {len(a.articles)} article(s); {b.name}: {len(b.articles)}",
                                   snippet("merges", [keep.id, other.id])))
    raw_types: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, tuple[str, int, int]] = {}
    for article_id, mentions in site.entities.mentions.items():
        annotation = site.annotations.get(article_id)
        guessed = {(m.start, m.end): m.type for m in annotation.mentions} if annotation else {}
        for mention in mentions:
            if (mention.start, mention.end) in guessed:
                raw_types[mention.entity][guessed[(mention.start, mention.end)]] += 1
                first.setdefault(mention.entity, (article_id, mention.start, mention.end))
    for entity in entities:
        counts = raw_types.get(entity.id, Counter())
        if len(counts) > 1:
            article_id, start, end = first[entity.id]
            minority = 1 - counts.most_common(1)[0][1] / sum(counts.values())
            found.append(Doubt(minority, "mixed types", f"“{entity.name}” is typed {entity.type}; articles "
                                                        f"say {', '.join(sorted(counts))}",
                               around(texts[article_id], start, end),
                               snippet("mentions", {"article": article_id, **quote(texts[article_id], start, end),
                                                    "action": "retype", "type": entity.type})))
    sentences = {article_id: {s.id: s for s in annotation.sentences}
                 for article_id, annotation in site.annotations.items()}
    for alignment in site.alignments:
        if alignment.article > alignment.other:
            continue  # each pair once: the other direction holds the same links
        for link in alignment.links:
            if link.score >= WEAK_LINK:
                continue
            mine = sentences[alignment.article][link.sentence]
            theirs = sentences[link.other_article][link.other_sentence]
            here = texts[alignment.article][mine.start:mine.end]
            there = texts[link.other_article][theirs.start:theirs.end]
            found.append(Doubt(1 - link.score, "weak link",
                               f"{alignment.article} {link.sentence} \u2194 {link.other_article} "
                               f"{link.other_sentence} ({link.relation}, {link.score:.2f})",
                               f"{' '.join(here.split())[:2 * CONTEXT]} \u2194 {' '.join(there.split())[:2 * CONTEXT]}",
                               snippet("alignments", {"article": alignment.article, "quote": quote_of(here),
                                                      "other": link.other_article, "other_quote": quote_of(there),
                                                      "action": "relabel", "relation": link.relation})
                               + "# not the same passage? action: remove; another relation? copy, rewrite, partial\n"))
    for story_id, flagged in site.discrepancies.items():
        for discrepancy in flagged:
            if discrepancy.kind != "figure" or discrepancy.status:
                continue
            said = "; ".join(f"“{m.text}” ({m.article})" for m in discrepancy.mentions)
            found.append(Doubt(0.5, "disagreement", f"{discrepancy.about} in story {story_id}", said,
                               snippet("disagreements", {"story": story_id,
                                                         "about": discrepancy.mentions[0].text,
                                                         "action": "confirm"})
                               + "# no real disagreement? action: dismiss, and a note: for readers\n"))
    return sorted(found, key=lambda d: (-d.doubt, d.kind, d.what))


def review_page(site: Site, config: SiteConfig, theme: Theme) -> dict[str, bytes]:
    return {"review/index.html": page(theme, "review.html", config, page_path="review/", page_title="Review",
                                      doubts=doubts(site))}
