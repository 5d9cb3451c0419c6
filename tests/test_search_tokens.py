"""Search tokens: the rules, and search.js agreeing with tokens.py and lunr.js' stemmer.

fixtures/search/tokens.json holds input texts and their expected tokens;
regenerate the expected side after a deliberate rule change with
`python -m tests.test_search_tokens`, and review the diff.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.assets import lunr_js
from generator.search.stemmer import stem
from generator.search.tokens import tokens

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "search" / "tokens.json"
SEARCH_JS = ROOT / "templates" / "static" / "search.js"
CASES = json.loads(FIXTURE.read_text(encoding="utf-8"))
NODE = shutil.which("node")
requires_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


@pytest.mark.parametrize("case", CASES, ids=[case["text"] for case in CASES])
def test_tokens_match_the_fixture(case):
    assert tokens(case["text"]) == case["tokens"]


@pytest.mark.parametrize(("text", "expected"), [
    ("30,000,", ["30,000", "30000"]),
    ("(U.N.)", ["u.n.", "un"]),
    ("12.5%.", ["12.5%", "12.5"]),
    ("$3.2", ["$3.2", "3.2"]),
    ("seven-day", ["seven-day", "seven", "day"]),
    ("Москва — столица", ["москва", "столица"]),
    ("بيروت، مدينة", ["بيروت", "مدينة"]),
])
def test_figures_abbreviations_and_other_scripts_stay_findable(text, expected):
    assert tokens(text) == expected


def run_node(script: str, *args: str, stdin: str) -> object:
    done = subprocess.run([NODE, "-e", script, *args], input=stdin, capture_output=True,
                          text=True, check=True, timeout=60)
    return json.loads(done.stdout)


@requires_node
def test_search_js_gives_the_same_tokens_as_python():
    script = """
    const {tokens} = require(process.argv[1]);
    const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(JSON.stringify(texts.map(tokens)));
    """
    texts = [case["text"] for case in CASES]
    assert run_node(script, str(SEARCH_JS), stdin=json.dumps(texts)) == [tokens(text) for text in texts]


@requires_node
def test_index_stems_agree_with_lunr_js(tmp_path):
    (tmp_path / "lunr.js").write_bytes(lunr_js())
    seeds = " ".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))
    texts = [seeds, "Monday day says try lay convoy envoy turkey cry by yesterday they", *(c["text"] for c in CASES)]
    words = sorted({token for text in texts for token in tokens(text)})
    script = """
    const lunr = require(process.argv[1]);
    const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(JSON.stringify(words.map(w => lunr.stemmer(new lunr.Token(w)).toString())));
    """
    assert run_node(script, str(tmp_path / "lunr.js"), stdin=json.dumps(words)) == [stem(word) for word in words]


def regenerate() -> None:
    cases = [{"text": case["text"], "tokens": tokens(case["text"])} for case in CASES]
    FIXTURE.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    regenerate()
