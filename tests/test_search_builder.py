"""TokenListBuilder: the index lunr.py's own Builder makes of the same documents, byte for byte."""
import json
import random

from lunr.builder import Builder
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter

from generator.search.builder import TokenListBuilder
from generator.search.index import FIELDS
from generator.search.stemmer import lunr_js_stemmer

WORDS = ["the", "Army", "army", "armies", "said", "30,000", "30000", "u.n.", "un", "Monday", "of", "Aleppo's",
         "aleppo", "seven-day", "seven", "day", "Хезболла", "حزب", "café", "cafe", "running", "ran", "a"]


def documents(count: int = 80) -> list[dict]:
    rng = random.Random(3)
    return [{"id": str(n), **{name: [rng.choice(WORDS) for _ in range(rng.randint(0, 30))] for name, _ in FIELDS}}
            for n in range(count)]


def built(builder: Builder, docs: list[dict]) -> str:
    builder.pipeline.add(stop_word_filter, lunr_js_stemmer)
    builder.search_pipeline.add(stemmer)
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in docs:
        builder.add(doc)
    return json.dumps(builder.build().serialize(), sort_keys=True)


def test_the_same_index_as_lunr_py_builds():
    docs = documents()
    assert built(TokenListBuilder(), docs) == built(Builder(), docs)


def test_a_field_given_as_text_is_left_to_lunr_py():
    docs = [{"id": "0", **{name: "The army said, on Monday" for name, _ in FIELDS}}]
    assert built(TokenListBuilder(), docs) == built(Builder(), docs)
