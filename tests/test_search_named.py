"""The results of a name's best articles come in the shards of its words (generator/search/named.py)."""
from __future__ import annotations

import json
import random

import numpy as np
from test_search_index import article, entity, site_config
from test_search_shards import decode, reference, run, searching

from generator.model import EntityMention, EntityTable, Site
from generator.search.index import (
    build_index,
    build_search_files,
    declared_aliases,
    in_search_order,
    index_documents,
)
from generator.search.named import (
    NameQuery,
    Scratch,
    best_articles,
    name_query,
    named_results,
)
from generator.search.stemmer import stem

FIRST = ("Mariam", "Nadia", "Omar", "Karim")
LAST = ("Aziz", "al-Masri", "Haddad", "Saleh")


def test_a_name_is_queried_as_search_js_queries_it():
    vocabulary = sorted(["aziz", "azizi", "mariam", "al-masri", "al", "masri", "almasri", "azz"])
    query = name_query("Mariam Aziz", vocabulary)
    assert query.boosts == {"mariam": 1, "aziz": 1.5, "azizi": 0.5}
    assert query.required == [{"mariam"}, {"aziz", "azizi"}] and query.own == [{"mariam"}, {"aziz"}]
    query = name_query("Nadia al-Masri", vocabulary)
    assert query.boosts["masri"] == 1 and query.boosts["al-masri"] == 1.5  # its parts too; the whole word is also the prefix
    assert query.required[1] >= {"al-masri"} and "nadia" in query.required[0]
    assert name_query("The Hague", vocabulary).required == [{stem("hague")}]  # "the" is a stop word: not needed
    assert name_query("The The", vocabulary).required == []


def test_the_best_articles_have_every_word_and_the_highest_sum():
    rows = {"mariam": (np.array([1, 2, 3, 5]), np.array([900, 100, 400, 400])),
            "aziz": (np.array([2, 3, 4, 5]), np.array([500, 300, 999, 300]))}
    query = NameQuery({"mariam": 1, "aziz": 1.5}, [{"mariam"}, {"aziz"}], [{"mariam"}, {"aziz"}])
    scratch = Scratch(6)

    def best(query: NameQuery, count: int) -> list[int]:
        found = best_articles(query, rows.get, count, scratch)
        assert not (scratch.total.any() or scratch.words.any() or scratch.mark.any())  # left at 0 for the next
        return found

    assert best(query, 10) == [2, 3, 5]  # 1 and 4 lack a word; 3 and 5 tie: by ref
    assert best(query, 1) == [2]
    assert best(NameQuery({"nobody": 1}, [{"nobody"}], [{"nobody"}]), 10) == []
    rows["azizi"] = (np.array([4, 5]), np.array([10, 10]))
    forms = NameQuery({"aziz": 1, "azizi": 0.5}, [{"aziz", "azizi"}], [{"aziz"}])  # two forms of one word: counted once
    assert best(forms, 10) == [4, 2, 5, 3]


def test_a_name_s_results_go_to_its_rarest_own_word_never_a_word_it_is_a_prefix_of():
    """"azizi" is rarer, but a query of "Aziz Mariam" or "Mariam Aziz truce" does not load its shard."""
    rows = {"mariam": (np.array([1, 2]), np.array([5, 5])), "aziz": (np.array([1, 2, 3]), np.array([5, 5, 5])),
            "azizi": (np.array([2]), np.array([1]))}
    df = {term: len(refs) for term, (refs, _) in rows.items()}
    assert named_results(["Mariam Aziz", "The The"], sorted(rows), df, rows.get, 4, 10) == {"mariam": [1, 2]}


def people_site() -> Site:
    """Sixteen people whose names share their words, each in several articles among others'."""
    rng = random.Random(3)
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    articles, mentions, named = [], {}, {person: [] for person in people}
    for n in range(160):
        here = rng.sample(people, 3)
        body = " ".join(f"{person} said {rng.choice(['talks', 'truce', 'aid'])} would hold." for person in here)
        articles.append(article(f"a/{n:03d}", f"Report {n} on {here[0].split()[1]}", body))
        spans, at = [], len(f"Report {n} on {here[0].split()[1]}") + 2
        for person in here:
            start = articles[-1].text.index(person, at)
            spans.append(EntityMention(start, start + len(person), person, "person", f"p{people.index(person):02d}"))
            named[person].append(articles[-1].id)
        mentions[articles[-1].id] = tuple(spans)
    entities = tuple(entity(f"p{n:02d}", person, "person", (person,), tuple(named[person]))
                     for n, person in enumerate(people))
    return Site(tuple(articles), {}, EntityTable(entities, mentions), (), (), {}, {}, {})


def test_the_shards_of_a_name_s_words_show_its_best_results(tmp_path):
    """With three results a term in its shard (HEAD 3), the first page of each name's results (lunr.py's
    ranking of the whole index) is still shown by the shards of the name's words."""
    site = people_site()
    config = site_config(tmp_path, base_url="/")
    files = build_search_files(site, config, head=3, whole=1000)
    manifest = json.loads(files["search/manifest.json"])
    shown: dict[str, set[str]] = {}
    for n in range(len(manifest["shards"])):
        for entry in json.loads(files[f"search/t/{n}.json"]):
            refs = [ref for ref, _ in decode(entry[3], manifest["fields"])][:len(entry[7])]
            shown[entry[0]] = {one["id"] for one in entry[7]} | {one["id"] for _, one in entry[10]}
            assert [one["id"] for one in entry[7]] == [in_search_order(site)[ref].id for ref in refs]
    whole = build_index(index_documents(site, {one.id: one for one in site.entities.entities},
                                        declared_aliases(config)))
    for person in (one.name for one in site.entities.entities):
        wanted = reference(whole, site, person)[:10]
        terms = name_query(person, sorted(shown)).boosts
        assert len(wanted) == 10 and set(wanted) <= set().union(*(shown.get(term, set()) for term in terms)), person


def test_in_chromium_a_name_s_results_draw_with_no_article_file(tmp_path):
    """Every word comes whole in its shard (scored with no other file) and shows three results: the
    rest of the page comes from the shard of the name's rarest word."""
    site = people_site()
    with searching(tmp_path, site, head=3, whole=1000) as (page, _, fetched):
        for person in ("Mariam Aziz", "Nadia al-Masri"):
            fetched.clear()
            assert len(run(page, person)) == 10
            assert not [one for one in fetched if "/search/d/" in one], fetched
        assert page.console_errors == []
