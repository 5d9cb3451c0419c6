"""builder.weigh: the weight lunr.py's Builder gives every (term, field, document), to the last digit."""
import random

import numpy as np
from lunr.builder import Builder

from generator.search.builder import _thousandths, weigh
from generator.search.index import FIELDS, index_pipeline

WORDS = ["the", "Army", "army", "armies", "said", "30,000", "30000", "u.n.", "un", "Monday", "of", "Aleppo's",
         "aleppo", "seven-day", "seven", "day", "Хезболла", "حزب", "café", "cafe", "running", "ran", "a"]


def documents(count: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    vocabulary = WORDS + [f"w{n}" for n in range(300)]
    return [{"id": str(n), **{name: [rng.choice(vocabulary[: rng.randint(3, len(vocabulary))])
                                     for _ in range(rng.randint(0, 80))] for name, _ in FIELDS}}
            for n in range(count)]


def lunr_weights(docs: list[dict]) -> tuple[dict[str, int], dict[tuple[int, str, int], int]]:
    """lunr.py's own index of DOCS: term -> index, and (term index, field, ref) -> weight x 1000."""
    builder = Builder()
    builder.pipeline = index_pipeline()
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in docs:
        builder.add(doc)
    index = builder.build()
    found = {}
    for field_ref, vector in index.field_vectors.items():
        field, ref = field_ref.split("/")
        for term, weight in zip(vector.elements[0::2], vector.elements[1::2], strict=True):
            found[term, field, int(ref)] = round(weight * 1000)
    return {term: posting["_index"] for term, posting in index.inverted_index.items()}, found


def test_every_weight_and_term_number_is_lunr_pys():
    for seed in (3, 4):
        docs = documents(300, seed)
        numbers, expected = lunr_weights(docs)
        weights = weigh(docs, FIELDS)
        assert {term: n for n, term in enumerate(weights.terms)} == numbers
        found = {(int(t), FIELDS[f][0], int(d)): int(v)
                 for t, f, d, v in zip(weights.term, weights.field, weights.doc, weights.value, strict=True)}
        assert found == expected
        assert len(found) > 20_000


def test_rounding_to_thousandths_is_pythons_round_even_at_a_half():
    halves = np.asarray([k / 1000 + 0.0005 for k in range(5000)] + [2.0005, 1.0005, 0.0015, 7.3325])
    assert _thousandths(halves).tolist() == [round(round(float(x), 3) * 1000) for x in halves]
    assert (np.rint(halves * 1000) != [round(round(float(x), 3) * 1000) for x in halves]).any()  # NumPy alone errs
