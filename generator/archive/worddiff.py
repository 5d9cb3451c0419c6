"""Word-level difference of two passages, for the view that marks words cut and added.

Both texts are cut into words, single punctuation marks and runs of space, and
compared token by token. Every character is kept: the "same" and "cut" texts
joined give the first passage back, the "same" and "added" texts the second.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def word_diff(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """Ops ("same" | "cut" | "added", text) that turn `a` into `b`; a change is cut, then added."""
    if a == b:  # a copied sentence: most of what the compare pages show
        return (("same", a),) if a else ()
    a_tokens, b_tokens = _TOKEN.findall(a), _TOKEN.findall(b)
    ops: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            _append(ops, "same", "".join(a_tokens[a_start:a_end]))
            continue
        _append(ops, "cut", "".join(a_tokens[a_start:a_end]))
        _append(ops, "added", "".join(b_tokens[b_start:b_end]))
    return tuple(ops)


def _append(ops: list[tuple[str, str]], kind: str, text: str) -> None:
    """Add an op, merged into the last one when it is of the same kind."""
    if not text:
        return
    if ops and ops[-1][0] == kind:
        ops[-1] = (kind, ops[-1][1] + text)
    else:
        ops.append((kind, text))
