"""Raw wire text -> WireArticle: headline, byline, dateline, subheads, credits.

The rules are those of wire copy in general (Reuters, AP, AFP and the papers
that rewrite them), not of any one file: a short first line is a headline, a
"By NAME PLACE (Source) - " opening carries the byline and dateline, all-caps
runs between sentences are subheads, and a bracketed "(Reporting by ...)"
line at the end is the credits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

BodyBlock = tuple[str, str]
"""("heading" | "paragraph", text): one block of the body, in reading order."""

HEADLINE_MAX_WORDS = 20
HEADING_MAX_WORDS = 12
TITLE_MAX_WORDS = 12
# Function words a derived title should not end on ("... will not leave their…").
_WEAK_TITLE_ENDINGS = frozenset({
    "a", "an", "and", "as", "at", "by", "for", "from", "her", "his", "in", "into",
    "its", "of", "on", "or", "than", "that", "the", "their", "to", "with",
})

_SPACE_RUN = re.compile(r"[ \t\f\v]+")
_BLANK_LINES = re.compile(r"\n{2,}")
# Lines longer than this are not hard-wrapped prose: each is a paragraph of its own.
_WRAP_WIDTH = 100
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_DASH = r"(?:-{1,2}|\u2013|\u2014)"
_NAME = r"[A-Z][\w'\u2019.\-]*"
_NAME_WORD = rf"(?:{_NAME}|al|el|de|da|di|van|von|der|bin|and)"
_STANDALONE_BYLINE = re.compile(rf"By (?P<byline>{_NAME}(?:,? {_NAME_WORD}){{0,8}})")
_PLACE_WORD = r"[A-Z\u00c0-\u00d6\u00d8-\u00de][A-Z\u00c0-\u00d6\u00d8-\u00de'.\-]"
_PLACE = rf"{_PLACE_WORD}+(?: {_PLACE_WORD}+)*"
# "By Tom Perry BEIRUT, 2016-12-04 (Reuters) - ": byline, place, date, agency;
# without an agency in brackets only a bare place counts ("NEW YORK - ").
_OPENING = re.compile(
    r"(?:By (?P<byline>[^()\n]{1,80}?) )?"
    rf"(?:(?P<dateline>{_PLACE}(?:, [^()]{{1,40}}?)?) \((?P<source>[^()]{{1,40}})\)"
    rf"|(?P<place>{_PLACE})) {_DASH} "
)
_CREDITS = re.compile(
    r"\s*\((?P<credits>(?:Additional |Further )?(?:[Rr]eporting|Writing|Written|Editing"
    r"|Edited|Compiled|Produced)\b[^()]*\bby\b[^()]*)\)\s*\Z"
)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\Z")
_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.){2,}\Z")
_QUOTES = "\"'\u201c\u201d\u2018\u2019"


@dataclass(frozen=True, slots=True)
class WireArticle:
    """An article as received (wire text, a web page, a feed entry, a row of a table),
    split into its metadata, its provenance and its body."""

    title: str
    """The headline, the `title` argument, or a title derived from the lede."""
    source: str
    """The outlet: the argument, else the agency named in the dateline."""
    byline: str
    dateline: str
    """The place line of the opening ("BEIRUT"), without an ISO date it held."""
    date: str
    """An ISO date from the dateline, else the argument; may be empty."""
    credits: str
    """The closing "(Additional reporting by ...)" line, without its brackets."""
    story: str
    body: tuple[BodyBlock, ...]
    lang: str = ""
    """The language the source declares (BCP 47: "ar", "pt-BR"); empty when it declares none."""
    rights: str = ""
    """The copyright or licence line the source gives, as it gives it."""
    url: str = ""
    """Where the article was published: the page's canonical URL, else the address fetched."""
    retrieved: str = ""
    """When the importer read it: UTC, ISO 8601 to the second."""
    imported_from: str = ""
    """The file (with :line for a row of a table) or the URL the import read."""


@dataclass(frozen=True, slots=True)
class _Opening:
    """What the first paragraph's "By NAME PLACE (Source) - " says."""

    byline: str = ""
    dateline: str = ""
    source: str = ""
    date: str = ""


def parse_wire_text(
    raw: str, *, title: str = "", source: str = "", date: str = "", story: str = ""
) -> WireArticle:
    """Split raw wire copy into headline, opening metadata, body blocks and credits."""
    headline, rest = take_headline(normalise(raw))
    opening, chunks = take_opening(split_chunks(rest))
    credits, chunks = take_credits(chunks)
    body = classify_blocks(chunks)
    lede = next((text for kind, text in body if kind == "paragraph"), "")
    return WireArticle(
        title=title or headline or derive_title(lede),
        source=source or opening.source,
        byline=opening.byline,
        dateline=opening.dateline,
        date=opening.date or date,
        credits=credits,
        story=story,
        body=body,
    )


def normalise(raw: str) -> str:
    """Unix newlines, no BOM, single spaces, no spaces at line ends."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip()


def split_chunks(text: str) -> list[str]:
    """Paragraph-sized chunks, each on one line.

    Blank lines separate chunks. Inside one, short lines are hard-wrapped prose
    and are joined; long lines are paragraphs written one per line.
    """
    chunks: list[str] = []
    for block in _BLANK_LINES.split(text):
        lines = block.split("\n")
        if max(len(line) for line in lines[:-1] or [""]) <= _WRAP_WIDTH:
            chunks.append(" ".join(lines))
        else:
            chunks.extend(lines)
    return [chunk for chunk in chunks if chunk]


def take_headline(text: str) -> tuple[str, str]:
    """(headline, rest): the first line is a headline when a blank line follows it."""
    first, blank, rest = text.partition("\n\n")
    if blank and rest and "\n" not in first and is_headline(first):
        return first, rest
    return "", text


def is_headline(line: str) -> bool:
    """A short line without a final full stop that is not a byline."""
    return (
        len(line.split()) <= HEADLINE_MAX_WORDS
        and not line.rstrip(_QUOTES + ")").endswith(".")
        and not line.startswith("By ")
        and any(char.isalpha() for char in line)
    )


def take_opening(chunks: list[str]) -> tuple[_Opening, list[str]]:
    """Take "By NAME PLACE (Source) - " off the first paragraph (the byline may stand alone)."""
    byline = ""
    standalone = _STANDALONE_BYLINE.fullmatch(chunks[0]) if len(chunks) > 1 else None
    if standalone:
        byline, chunks = standalone["byline"], chunks[1:]
    found = _OPENING.match(chunks[0]) if chunks else None
    if not found:
        return _Opening(byline=byline), chunks
    dateline, date = _split_date(found["dateline"] or found["place"])
    byline = (found["byline"] or byline).strip(" ,;")
    opening = _Opening(byline, dateline, (found["source"] or "").strip(), date)
    rest = chunks[0][found.end() :].strip()
    return opening, ([rest] if rest else []) + chunks[1:]


def _split_date(dateline: str) -> tuple[str, str]:
    """("BEIRUT, 2016-12-04") -> ("BEIRUT", "2016-12-04")."""
    date = _ISO_DATE.search(dateline)
    if not date:
        return dateline.strip(), ""
    place = (dateline[: date.start()] + dateline[date.end() :]).strip(" ,")
    return re.sub(r"\s*,\s*,\s*", ", ", place), date.group()


def take_credits(chunks: list[str]) -> tuple[str, list[str]]:
    """Take the bracketed credits off the end of the last paragraph (or the paragraph itself)."""
    if not chunks:
        return "", chunks
    found = _CREDITS.search(chunks[-1])
    if not found:
        return "", chunks
    rest = chunks[-1][: found.start()].strip()
    return found["credits"].strip(), chunks[:-1] + ([rest] if rest else [])


def classify_blocks(chunks: list[str]) -> tuple[BodyBlock, ...]:
    """Headings and paragraphs, with run-in all-caps subheads split out."""
    blocks: list[BodyBlock] = []
    for index, chunk in enumerate(chunks):
        between_paragraphs = 0 < index < len(chunks) - 1
        if between_paragraphs and is_heading_line(chunk):
            blocks.append(("heading", chunk))
        else:
            blocks.extend(split_run_in_subheads(chunk))
    return tuple(blocks)


def is_heading_line(line: str) -> bool:
    """A short line with no final punctuation: a subhead standing on its own."""
    return (
        len(line.split()) <= HEADING_MAX_WORDS
        and line[-1] not in ".!?:;,\u2026" + _QUOTES
        and any(char.isalpha() for char in line)
    )


def split_run_in_subheads(paragraph: str) -> list[BodyBlock]:
    """Split a paragraph at the all-caps subheads a wire text runs into it."""
    blocks: list[BodyBlock] = []
    words = list(re.finditer(r"\S+", paragraph))
    start_of_text = 0
    index = 0
    while index < len(words):
        run_end = _subhead_run_end(words, index)
        if run_end is None:
            index += 1
            continue
        before = paragraph[start_of_text : words[index].start()].strip()
        if before:
            blocks.append(("paragraph", before))
        blocks.append(("heading", paragraph[words[index].start() : words[run_end - 1].end()]))
        start_of_text = words[run_end].start()
        index = run_end
    blocks.append(("paragraph", paragraph[start_of_text:].strip()))
    return blocks


def _subhead_run_end(words: list[re.Match[str]], index: int) -> int | None:
    """Where an all-caps subhead starting at `index` ends (exclusive), or None.

    A subhead starts a sentence, has two or more all-caps words (two of them
    real words, not "U.S. UN"), and is followed by a sentence in mixed case.
    """
    if index > 0 and not _SENTENCE_END.search(words[index - 1].group()):
        return None
    end = index
    while end < len(words) and _is_caps_word(words[end].group()):
        end += 1
    if end == len(words) or not _opens_mixed_case_sentence(words[end].group()):
        return None
    if end - index > 2 and words[end - 1].group() in ("A", "I"):
        end -= 1  # "HOMES A Reuters journalist said": the article opens the sentence
    run = [word.group().strip(_QUOTES) for word in words[index:end]]
    real_words = sum(1 for word in run if sum(char.isalpha() for char in word) >= 3)
    return end if len(run) >= 2 and real_words >= 2 else None


def _opens_mixed_case_sentence(word: str) -> bool:
    """"The", "(Reuters)", "“We": capitalised but not all caps."""
    bare = word.lstrip(_QUOTES + "(")
    return bare[:1].isupper() and not _is_caps_word(bare)


def _is_caps_word(word: str) -> bool:
    """An all-caps word, maybe quoted; no sentence punctuation but in abbreviations (U.N.)."""
    bare = word.strip(_QUOTES)
    if not bare.isupper():
        return False
    if _ABBREVIATION.match(bare):
        return True
    return re.fullmatch(r"[^\W_][\w'\u2019&\-]*", bare) is not None


def derive_title(lede: str) -> str:
    """A title from the lede: its first clause, or its first words, cut at a word boundary."""
    sentence = re.split(r"(?<=[.!?])\s+(?=[^\W\d_a-z])", lede, maxsplit=1)[0]
    clause = re.split(r"[,;:]\s|\s[\u2013\u2014-]\s", sentence, maxsplit=1)[0]
    words = clause.split() if 5 <= len(clause.split()) <= TITLE_MAX_WORDS else sentence.split()
    kept = words[:TITLE_MAX_WORDS]
    whole_sentence = len(kept) == len(sentence.split())
    if whole_sentence:
        return " ".join(kept).rstrip(".")
    while len(kept) > 1 and kept[-1].lower().strip(",;:") in _WEAK_TITLE_ENDINGS:
        kept.pop()
    return " ".join(kept).rstrip(",;:") + "\u2026"
