"""Compare views: two versions of a story side by side, sentence by sentence, word by word.

Rows follow the right-hand version (b) in order; each row holds the sentences
of the left-hand version (a) linked to it. A sentence of either version that
the other lacks gets a row of its own, the left ones placed before the first
row that follows them in a's order.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from generator import urls
from generator.archive.worddiff import word_diff
from generator.highlight import escape
from generator.model import Sentence, SentenceLink, Story
from generator.page_memo import PageMemo
from generator.render_context import Lookup, page
from generator.render_story import compare_pairs
from generator.theme import Theme
from generator.write import Kept

Diff = Callable[[str, str], tuple[tuple[str, str], ...]]


@dataclass(frozen=True, slots=True)
class Cell:
    sentences: tuple[str, ...]
    """The sentence ids the cell holds, in order."""
    html: Markup
    url: str
    """The first sentence on its article page."""


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    """"same", "changed", "only-left" or "only-right"."""
    left: Cell | None
    right: Cell | None
    relation: str = ""
    moved: bool = False


class WordDiffs:
    """word_diff remembered for one render: each pair of passages is compared once, either way round."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}

    def __call__(self, a: str, b: str) -> tuple[tuple[str, str], ...]:
        if (a, b) not in self._seen:
            mirrored = self._seen.get((b, a))
            self._seen[(a, b)] = (word_diff(a, b) if mirrored is None
                                  else tuple((_MIRROR[kind], text) for kind, text in mirrored))
        return self._seen[(a, b)]


_MIRROR = {"same": "same", "cut": "added", "added": "cut"}


def render_compares(lookup: Lookup, theme: Theme, share: tuple[int, int] = (0, 1),
                    memo: PageMemo | None = None) -> dict[str, bytes | Kept]:
    """Every compare page; with SHARE (k, n), only those of every n-th story from the k-th;
    with MEMO, a story's pages are not rendered again when nothing they show has changed."""
    pages: dict[str, bytes | Kept] = {}
    diff = WordDiffs()
    part, parts = share
    for story in lookup.site.stories[part::parts]:
        render = functools.partial(story_compares, lookup, theme, story, diff)
        pages.update(memo.pages(compare_inputs(lookup, story), render) if memo else render())
    return pages


def story_compares(lookup: Lookup, theme: Theme, story: Story, diff: Diff) -> dict[str, bytes]:
    pages = {}
    for a, b in compare_pairs(story):
        page_path = urls.compare_path(story.id, a, b)
        title = f"{lookup.articles[a].title} / {lookup.articles[b].title}"
        pages[urls.output_file(page_path)] = page(theme, "compare.html", lookup.config, page_path=page_path,
                                                  page_title=title, **compare_context(lookup, story, a, b, diff))
    return pages


def compare_inputs(lookup: Lookup, story: Story) -> list[object]:
    """All that the compare pages of STORY read but the configuration and the templates: the
    story, each version and its sentences, the alignments between them, either way round (a page
    shows b's links to a; a correction may relabel one way only)."""
    return [story, *(lookup.fingerprint(a) for a in story.articles),
            *(lookup.links_digest(*pair) for a, b in compare_pairs(story) for pair in ((a, b), (b, a)))]


def compare_context(lookup: Lookup, story: Story, a: str, b: str, diff: Diff = word_diff) -> dict[str, object]:
    return {
        "story": story,
        "story_url": lookup.url(urls.story_path(story.id)),
        "title": lookup.articles[story.original].title,
        "a": {**lookup.summary(a), "label": lookup.source(a)},
        "b": {**lookup.summary(b), "label": lookup.source(b)},
        "swap_url": lookup.url(urls.compare_path(story.id, a, b)) + "#swapped",
        "rows": compare_rows(lookup, a, b, diff),
    }


def compare_rows(lookup: Lookup, a: str, b: str, diff: Diff = word_diff) -> list[Row]:
    """The rows of the view of `a` (left) against `b` (right), in b's order (Swap sides, in the
    browser, puts b on the left and keeps this order)."""
    a_sentences = lookup.sentences(a)
    order = {s.id: i for i, s in enumerate(a_sentences)}
    by_id = {s.id: s for s in a_sentences}
    links = _links_from(lookup, b, a)
    linked = {link.other_sentence for found in links.values() for link in found}
    pending = [s for s in a_sentences if s.id not in linked]
    b_sentences = lookup.sentences(b)
    matches = [sorted((link for link in links.get(s.id, ()) if link.other_sentence in by_id),
                      key=lambda link: order[link.other_sentence]) for s in b_sentences]
    anchors = _next_anchors([order[m[0].other_sentence] if m else None for m in matches], len(a_sentences))
    rows: list[Row] = []
    for sentence, matched, anchor in zip(b_sentences, matches, anchors):
        # a's own sentences go before the row that follows them in a's order, a's side first.
        while pending and order[pending[0].id] < anchor:
            rows.append(Row("only-left", _cell(lookup, a, [pending.pop(0)]), None))
        if matched:
            lefts = [by_id[link.other_sentence] for link in matched]
            rows.append(_pair_row(lookup, (a, lefts), (b, sentence), matched, diff))
        else:
            rows.append(Row("only-right", None, _cell(lookup, b, [sentence])))
    rows += [Row("only-left", _cell(lookup, a, [s]), None) for s in pending]
    return rows


def _next_anchors(positions: list[int | None], end: int) -> list[int]:
    """For each row of b, the position in a of the next linked sentence at or after it."""
    anchors, following = [], end
    for position in reversed(positions):
        following = position if position is not None else following
        anchors.append(following)
    return anchors[::-1]


def _links_from(lookup: Lookup, b: str, a: str) -> dict[str, list[SentenceLink]]:
    """b's sentence id -> its links to a's sentences (read from either direction's alignment)."""
    found: dict[str, list[SentenceLink]] = defaultdict(list)
    if (b, a) in lookup.links:
        for link in lookup.links[(b, a)]:
            found[link.sentence].append(link)
        return found
    for link in lookup.links.get((a, b), ()):
        found[link.other_sentence].append(SentenceLink(link.other_sentence, a, link.sentence,
                                                       link.relation, link.score, link.moved))
    return found


def _pair_row(lookup: Lookup, left: tuple[str, list[Sentence]], right_side: tuple[str, Sentence],
              links: list[SentenceLink], diff: Diff) -> Row:
    (a, lefts), (b, right) = left, right_side
    left_text = " ".join(lookup.articles[a].text[s.start:s.end] for s in lefts)
    right_text = lookup.articles[b].text[right.start:right.end]
    ops = diff(left_text, right_text)
    left_html = _side(ops, "added", "del")
    right_html = _side(ops, "cut", "ins")
    changed = any(kind != "same" for kind, _ in ops)
    return Row(
        "changed" if changed else "same",
        Cell(tuple(s.id for s in lefts), left_html, _sentence_url(lookup, a, lefts[0].id)),
        Cell((right.id,), right_html, _sentence_url(lookup, b, right.id)),
        relation=links[0].relation,
        moved=any(link.moved for link in links),
    )


def _side(ops: tuple[tuple[str, str], ...], other: str, tag: str) -> Markup:
    """One side of a word diff; a space between two changes joins them into one."""
    parts = [(kind, text) for kind, text in ops if kind != other]
    merged: list[tuple[str, str]] = []
    for i, (kind, text) in enumerate(parts):
        if (kind == "same" and text.isspace() and 0 < i < len(parts) - 1
                and parts[i - 1][0] != "same" and parts[i + 1][0] != "same"):
            kind = parts[i - 1][0]
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return Markup("".join(_op(kind, text, tag) for kind, text in merged))


def _op(kind: str, text: str, tag: str) -> str:
    """TEXT escaped, in TAG if it changed."""
    return escape(text) if kind == "same" else f"<{tag}>{escape(text)}</{tag}>"


def _cell(lookup: Lookup, article_id: str, sentences: list[Sentence]) -> Cell:
    text = " ".join(lookup.articles[article_id].text[s.start:s.end] for s in sentences)
    return Cell(tuple(s.id for s in sentences), Markup(escape(text)), _sentence_url(lookup, article_id, sentences[0].id))


def _sentence_url(lookup: Lookup, article_id: str, sentence_id: str) -> str:
    return f"{lookup.url(urls.article_path(article_id))}#{sentence_id}"
