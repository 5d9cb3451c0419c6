"""Candidate names of one article: people, organisations, places, groups.

`find_mentions` reads the article alone (so its result is cacheable): runs of
capitalised words in ordinary blocks are classified by cues (entities_classify);
then a headline in title case and all-caps subheads, where capitals say nothing,
are searched only for names the lexicon or the article's body already knows.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from generator.annotate.entities_classify import TENTATIVE, Context, Guess, classify
from generator.annotate.entities_cues import FUNCTION_WORDS
from generator.annotate.entities_lexicon import known_names, lexicon_key, town_names
from generator.annotate.entities_runs import NEVER_ALONE, RUN, segments
from generator.model import Article, Block, Mention, Sentence

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")  # not the al of al-Qaeda
_CAPS_WORD = re.compile(r"[\w.-]+(?:['’][A-Za-z]{2,})*")  # a possessive 's stays out
_FIRST_WORD = re.compile(r"[\W_]*")
# A quoted name ending in a lowercase organisation word: “Aleppo army”.
_QUOTED_ORG = re.compile(
    r"[“\"](?:The )?([A-Z][\w'’-]*(?: [\w'’-]+){0,3} (?:army|front|brigade|group|movement|alliance|party))[”\"]")
_LONGEST_NAME = 5  # words, for the lookup in headlines and subheads
SURNAME_SCORE = 0.85  # a lone word that ends a full name of the article
_SURER_THAN_SURNAME = 0.9  # a country, a demonym, an organisation's head word


def find_mentions(article: Article, sentences: tuple[Sentence, ...]) -> tuple[Mention, ...]:
    """Every candidate name, sorted by start, not overlapping."""
    text = article.text
    context = Context(
        text=text,
        source=article.source,
        known=known_names(),
        towns=town_names(),
        lower_words=frozenset(_LOWER_WORD.findall(text)),
        sentence_starts=frozenset(_FIRST_WORD.match(text, start).end() for start in
                                  sorted({s.start for s in sentences} | {b.start for b in article.blocks})),
    )
    special = [b for b in article.blocks if _is_capitalised_throughout(text, b)]
    plain = [b for b in article.blocks if b not in special]
    guesses = [g for b in plain for g in _block_guesses(context, b)]
    guesses += [g for b in plain for g in _quoted_orgs(text, b)]
    body = _agree(text, _without_overlaps(guesses))
    seen = {lexicon_key(m.key).casefold(): m.type for m in body}
    headed = [g for b in special for g in _lookup_guesses(context, seen, b)]
    return tuple(sorted([*body, *(_mention(text, g) for g in headed)], key=lambda m: m.start))


def _is_capitalised_throughout(text: str, block: Block) -> bool:
    """An all-caps subhead, or a headline or subhead in title case: capitals there are no cue."""
    passage = text[block.start:block.end]
    if passage.isupper():
        return True
    if block.kind not in ("title", "heading"):
        return False
    content = [w for w in passage.split() if len(w) > 3 and w.lower() not in FUNCTION_WORDS]
    return len(content) > 2 and sum(w[0].isupper() for w in content) >= 0.75 * len(content)


def _block_guesses(context: Context, block: Block) -> Iterable[Guess]:
    for match in RUN.finditer(context.text, block.start, block.end):
        if match.group() not in NEVER_ALONE:
            for segment in segments(match):
                yield from classify(context, segment)


def _quoted_orgs(text: str, block: Block) -> Iterable[Guess]:
    for match in _QUOTED_ORG.finditer(text, block.start, block.end):
        yield Guess(match.start(1), match.end(1), "org", 0.8)


def _lookup_guesses(context: Context, seen: Mapping[str, str], block: Block) -> Iterable[Guess]:
    """Longest runs of words that are known names, in a block whose capitals say nothing."""
    words = [(m.start(), m.end()) for m in _CAPS_WORD.finditer(context.text, block.start, block.end)]
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST_NAME, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            surface = context.text[start:end].strip(".'’-")
            end = start + len(surface)
            kind = seen.get(lexicon_key(surface).casefold())
            if kind is None and surface.lower() not in context.lower_words:  # HOMES is not Homs
                kind = context.known.get(lexicon_key(surface))
            if kind and surface.lower() not in FUNCTION_WORDS:
                yield Guess(start, end, kind, 0.9)
                i += n
                break
        else:
            i += 1


def _without_overlaps(guesses: list[Guess]) -> list[Guess]:
    """Longest first where two overlap."""
    kept: list[Guess] = []
    for guess in sorted(guesses, key=lambda g: (g.start, -(g.end - g.start))):
        if not kept or guess.start >= kept[-1].end:
            kept.append(guess)
    return kept


def _mention(text: str, guess: Guess) -> Mention:
    surface = text[guess.start:guess.end]
    return Mention(guess.start, guess.end, surface, guess.type, surface, guess.score)


def _agree(text: str, found: Iterable[Guess | Mention]) -> tuple[Mention, ...]:
    """One type per name in the article: a surname takes its full name's; else the surest cue's."""
    mentions = [m if isinstance(m, Mention) else _mention(text, m) for m in found]
    surnames = {_surname(m.key) for m in mentions if m.type == "person" and " " in m.key}
    mentions = [Mention(m.start, m.end, m.text, "person", m.key, max(m.score, SURNAME_SCORE))
                if m.key in surnames and m.score < _SURER_THAN_SURNAME else m for m in mentions]
    best: dict[str, Mention] = {}
    for m in mentions:
        if m.key not in best or m.score > best[m.key].score:
            best[m.key] = m
    return tuple(Mention(m.start, m.end, m.text, best[m.key].type, m.key, m.score)
                 for m in mentions if best[m.key].score > TENTATIVE)


def _surname(name: str) -> str:
    """Bashar al-Assad -> Assad."""
    last = name.rsplit(" ", 1)[-1]
    return last.split("-", 1)[1] if last[:3].lower() in ("al-", "el-") else last
