"""find_figures: table cases from fixtures, and the shape of its output on the seeds."""
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.annotate.numbers import find_figures
from generator.annotate.numbers_about import figure_about
from generator.model import QUALIFIERS

FIXTURES = Path(__file__).parent / "fixtures" / "numbers"
SEEDS = Path(__file__).parent.parent / "seeds"
CASES = yaml.safe_load((FIXTURES / "figures.yaml").read_text(encoding="utf-8"))


def _as_expected(figure) -> dict:
    found = {"text": figure.text, "value": figure.value}
    if figure.qualifier != "exact":
        found["qualifier"] = figure.qualifier
    if figure.unit:
        found["unit"] = figure.unit
    if figure.upper is not None:
        found["upper"] = figure.upper
    return found


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_figures_match_fixture(case):
    assert [_as_expected(f) for f in find_figures(case["text"])] == case["figures"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_figure_text_is_its_span(case):
    text = case["text"]
    assert all(text[f.start:f.end] == f.text for f in find_figures(text))


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_figures_sorted_and_disjoint(seed):
    text = seed.read_text(encoding="utf-8")
    figures = find_figures(text)
    assert figures
    assert all(a.end <= b.start for a, b in pairwise(figures))
    assert all(0 <= f.start < f.end <= len(text) for f in figures)


def test_offsets_survive_letters_that_lengthen_when_lower_cased():
    text = "İstanbul sent 40 buses."
    (figure,) = find_figures(text)
    assert (figure.text, figure.unit) == ("40", "buses")


def test_empty_text_has_no_figures():
    assert find_figures("") == ()


NEWS_ALPHABET = st.sampled_from(
    ["one", "two", "hundred", "thousands", "of", "tens", "between", "and", "to", "a", "half",
     "more than", "close to", "some", "people", "days", "-", "%", "$", "£", "1", "30,000",
     "2011", "3.5", "bn", "million", "first", "21st", "Seven", ".", ",", " ", "\n", "İ"])


@given(st.lists(NEWS_ALPHABET, max_size=40).map(" ".join))
def test_figures_are_sorted_disjoint_spans_of_the_text(text):
    figures = find_figures(text)
    assert all(a.end <= b.start for a, b in pairwise(figures))
    assert all(text[f.start:f.end] == f.text and f.start < f.end for f in figures)
    assert all(f.qualifier in QUALIFIERS for f in figures)
    assert all(f.upper is None or f.upper > f.value for f in figures)


ABOUT_CASES = yaml.safe_load((FIXTURES / "about.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ABOUT_CASES, ids=[c["about"] for c in ABOUT_CASES])
def test_figure_about_names_unit_and_event(case):
    first = find_figures(case["text"])[0]
    assert figure_about(case["text"], first) == case["about"]
