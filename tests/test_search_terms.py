"""search.terms: an article's own fields counted once, by the per-article stage, and what the index does with them."""
from __future__ import annotations

import dataclasses
import json

from test_search_index import site_config, small_site
from test_search_shards import HEAD, WHOLE, generated_site

from generator.annotate import annotate
from generator.search.index import build_search_files
from generator.search.terms import (
    ARTICLE_FIELDS,
    article_terms,
    count,
    restored,
    stored,
)
from generator.search.tokens import tokens


def annotated(site):
    return dataclasses.replace(site, annotations={a.id: annotate(a) for a in site.articles})


def term_entry(files: dict[str, bytes], term: str) -> list:
    """TERM's record in the shards: [term, number, document count, head, ...]."""
    for path, data in files.items():
        if path.startswith("search/t/"):
            for entry in json.loads(data):
                if entry[0] == term:
                    return entry
    raise AssertionError(f"{term!r} is in no shard")


def test_counted_as_lunr_counts_a_field():
    counted = count(tokens("The army said the army's 30,000 troops, (U.N.) said, were running"))
    # in order of first appearance, stemmed, stop words ("the", "said", "were") out, every variant counted
    assert counted.terms == ["armi", "army'", "30,000", "30000", "troop", "u.n.", "un", "run"]
    assert counted.counts.tolist() == [2, 1, 1, 1, 1, 1, 1, 1]
    assert counted.length == 9


def test_stored_terms_come_back_the_same_counts_lengths_and_empty_fields_too():
    repeated = dataclasses.replace(small_site().articles[0], title="Army army the army's army, ARMY")
    assert article_terms(repeated)["title"].counts.tolist() == [5, 1]  # armi: 4 + army's, which also gives army'
    assert article_terms(repeated)["title"].length == 6
    for article in (*small_site().articles, repeated):
        found = article_terms(dataclasses.replace(article, byline=""))
        back = restored(stored(found))
        assert list(back) == list(ARTICLE_FIELDS)
        for name in ARTICLE_FIELDS:
            assert back[name].terms == found[name].terms
            assert back[name].counts.tolist() == found[name].counts.tolist()
            assert back[name].length == found[name].length
        assert back["byline"].terms == [] and back["byline"].length == 0


def test_the_index_of_stored_terms_is_the_index_of_the_text(tmp_path):
    config = site_config(tmp_path)
    generated = annotated(generated_site())  # words repeated in every field, tails and members
    assert build_search_files(generated, config, head=HEAD, whole=WHOLE) == build_search_files(generated_site(), config, head=HEAD, whole=WHOLE)
    with_terms = annotated(small_site())
    assert all(a.terms is not None for a in with_terms.annotations.values())
    without = dataclasses.replace(with_terms, annotations={
        key: dataclasses.replace(a, terms=None) for key, a in with_terms.annotations.items()})
    assert build_search_files(with_terms, config) == build_search_files(without, config)
    assert build_search_files(with_terms, config) == build_search_files(small_site(), config)


def test_the_index_weighs_the_terms_the_annotation_holds(tmp_path):
    """The terms of the wire report stored under the football results: the index then has
    "qusair" in three articles, so it read the stored terms, not the text."""
    config = site_config(tmp_path)
    site = annotated(small_site())
    assert term_entry(build_search_files(site, config), "qusair")[2] == 2
    wire = site.annotations["wire/qusair"]
    swapped = {**site.annotations,
               "sport/results": dataclasses.replace(site.annotations["sport/results"], terms=wire.terms)}
    assert term_entry(build_search_files(dataclasses.replace(site, annotations=swapped), config), "qusair")[2] == 3
