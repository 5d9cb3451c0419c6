"""word_diff: ops that mark words cut and added, and give both texts back."""
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.archive.worddiff import word_diff

CASES = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "align" / "worddiff.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture(case):
    assert [list(op) for op in word_diff(case["a"], case["b"])] == case["ops"]


words = st.lists(st.sampled_from(
    ["the", "army", "U.N.", "UN", ",", " ", "  ", "\n", "’s", "30,000", "é"]))


@given(words, words)
def test_same_and_cut_give_a_same_and_added_give_b(a_parts, b_parts):
    a, b = "".join(a_parts), "".join(b_parts)
    ops = word_diff(a, b)
    assert "".join(text for kind, text in ops if kind != "added") == a
    assert "".join(text for kind, text in ops if kind != "cut") == b
    assert all(text for _, text in ops)
    assert all(x[0] != y[0] for x, y in pairwise(ops))
