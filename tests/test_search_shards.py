"""The split index: the same postings and weights as one lunr index, and in Chromium the same ranking."""
from __future__ import annotations

import ast
import bisect
import itertools
import json
import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from browser import chromium, search, serve
from hypothesis import given
from hypothesis import strategies as st
from lunr.query import Query
from lunr.stop_word_filter import stop_word_filter
from test_search_browser import article_data
from test_search_index import article, entity, site_config

from generator.model import EntityMention, EntityTable, Site, Story
from generator.search import shards
from generator.search.index import (
    build_index,
    build_search_files,
    declared_aliases,
    in_search_order,
    index_documents,
)
from generator.search.shards import ENTITY_HEAD, SHARD_BYTES, SHOWN, in_shards, js_order
from generator.search.stemmer import stem
from generator.search.tokens import SEPARATORS, chunk_tokens, normalise, word_variants

ROOT = Path(__file__).resolve().parent.parent
HEAD = 3
"""Few documents per term in its shard, so that common words have tails and queries load them."""
WHOLE = 12
"""A rare word comes whole in its shard (the build's default would take every word of these sites)."""
COMMON = ["army", "city", "forces", "people", "aid", "truce", "rebels", "town", "border", "talks"]
RARE = [f"{a}{b}" for a in ("qal", "mar", "tel", "zab", "hom", "kaf") for b in ("un", "ek", "ova", "ir", "ash")]
SOURCES = ("Reuters", "AP", "The Guardian", "Al Akhbar")


def generated_site(count: int = 120) -> Site:
    """COUNT articles of common and rare words in skewed proportions, with figures, in four outlets."""
    rng = random.Random(5)
    articles = []
    for n in range(count):
        words = [rng.choice(COMMON[: rng.randint(2, len(COMMON))]) for _ in range(rng.randint(5, 60))]
        words += rng.sample(RARE, rng.randint(0, 3)) + [rng.choice(["30,000", "(U.N.)", "12.5%."])]
        rng.shuffle(words)
        title = f"Report {n} on {rng.choice(COMMON)} {rng.choice(RARE)}"
        articles.append(article(f"a/{n:03d}", title, " ".join(words) + ".", source=SOURCES[n % 4]))
    return Site(tuple(articles), {}, EntityTable((), {}), (), (), {}, {}, {})


QUERIES = ["army", "army city", "forces people truce", "qalun", "marova army", "arm", "30,000", "U.N.",
           "12.5%", "Report 7 on", "border talks aid", "zabir homek", "nothingatall", "said army", "peo"]


def test_the_split_files_hold_every_posting_of_the_whole_index(tmp_path):
    site = generated_site()
    files = build_search_files(site, site_config(tmp_path), head=HEAD, whole=WHOLE)
    manifest = json.loads(files["search/manifest.json"])
    whole = whole_index(site, tmp_path)
    term_of = {posting["_index"]: term for term, posting in whole.inverted_index.items()}
    expected = defaultdict(dict)
    for field_ref, vector in whole.field_vectors.items():
        field, ref = field_ref.split("/")
        for index, weight in zip(vector.elements[0::2], vector.elements[1::2], strict=True):
            expected[term_of[index]].setdefault(int(ref), {})[field] = round(weight * 1000)
    tailed = sorted((term for term, rows in expected.items() if len(rows) > WHOLE), key=js_order)
    number = {term: n for n, term in enumerate(tailed)}  # terms with tails, numbered in order
    found, lengths, wholes = defaultdict(dict), [], 0
    for n in range(len(manifest["shards"])):
        for term, index, df, head, best_left, tails, _, shown, whole, _, _ in json.loads(files[f"search/t/{n}.json"]):
            assert index == number.get(term, -1)
            rows = decode(head, manifest["fields"])
            assert shown == [result_of(files, ref) for ref, _ in rows[:SHOWN]]  # a page of results, no fetch
            assert bool(whole) == (HEAD < df <= WHOLE)
            if whole:  # every row, by ref; the head is its best
                everything = decode(whole, manifest["fields"], by_ref=True)
                assert [ref for ref, _ in everything] == sorted(ref for ref, _ in everything) and len(everything) == df
                best = sorted(everything, key=lambda row: (-sum(row[1].values()), row[0]))
                assert rows == best[:HEAD] and (index, tails, best_left) == (-1, 0, 0)
                found[term] = dict(everything)
                wholes += 1
                continue
            nexts = [best_left]
            for tail in range(tails):
                chunk = json.loads(files[f"search/tail/{index}/{tail}.json"])
                rows += decode(chunk["p"], manifest["fields"])
                nexts.append(chunk["next"])
            members = files.get(f"search/m/{index}.json")
            assert (members is not None) == (tails > 0)  # the members of every term with tails
            if members is not None:
                listed = json.loads(members)
                weight = {ref: sum(weights.values()) for ref, weights in rows}
                assert list(itertools.accumulate(listed["r"])) == sorted(weight)
                step = listed["s"]
                assert all(q * step <= weight[ref] < (q + 1) * step for q, ref in zip(listed["q"], sorted(weight)))
                assert max(listed["q"]) < 256
            impacts = [sum(weights.values()) for _, weights in rows]
            assert impacts == sorted(impacts, reverse=True) and len(rows) == df
            cuts = [HEAD * (4 ** (n + 1) - 1) // 3 for n in range(tails)]  # HEAD, then 4x, 16x... more
            assert nexts == [impacts[cut] for cut in cuts if cut < df] + [0]
            found[term] = dict(rows)
            lengths.append(df)
    assert found == expected
    assert max(lengths) > WHOLE * 5, "common words must have tails"
    assert wholes > 5, "rare words must come whole"
    for ref in range(len(site.articles)):
        vector = decode_vector(json.loads(files[f"search/d/0/{ref}.json"])["v"], manifest["fields"])
        assert vector == {number[term]: expected[term][ref] for term in tailed if ref in expected[term]}


def test_a_term_in_every_article_has_tails_even_with_no_head(tmp_path):
    files = build_search_files(generated_site(30), site_config(tmp_path), head=0, whole=2)
    assert "search/tail/0/0.json" in files and "search/m/0.json" in files


def test_shards_hold_at_most_their_bytes_and_a_longer_entry_stands_alone():
    small, big = "x" * (SHARD_BYTES * 3 // 8), "y" * (SHARD_BYTES + 1)
    entries = [("a", small), ("b", small), ("c", big), ("d", small), ("e", small), ("f", small)]
    assert [[term for term, _ in shard] for shard in in_shards(entries)] == [["a", "b"], ["c"], ["d", "e"], ["f"]]


def test_the_shards_of_words_typed_whole_are_fetched_as_they_are_typed(tmp_path, monkeypatch):
    """"qalun marek zab": the shards of the two words a separator follows are asked for in the
    input event; that of "zab", still being typed, only by the search the pause after it runs."""
    monkeypatch.setattr(shards, "SHARD_BYTES", 400)  # many shards: each word in its own
    with searching(tmp_path, generated_site()) as (page, _, _fetched):
        firsts = [js_order(term) for term in json.loads((tmp_path / "site/search/manifest.json").read_text())["shards"]]

        def shard(term: str) -> str:
            return f"/search/t/{bisect.bisect_right(firsts, js_order(term)) - 1}.json"

        typed, typing = {shard(stem("qalun")), shard(stem("marek"))}, shard("zab")
        assert len(typed | {typing}) == 3
        page.evaluate("() => document.querySelector('#search-q').addEventListener("
                      "'input', () => { window.typedAt = performance.now(); }, true)")
        page.fill("#search-q", "qalun marek zab")
        page.wait_for_selector('#search-results[data-state=done][data-query="qalun marek zab"]', state="attached")
        started = page.evaluate("() => Object.fromEntries(performance.getEntriesByType('resource')"
                                ".map(entry => [new URL(entry.name).pathname, entry.startTime - window.typedAt]))")
        assert all(started[path] < 100 for path in typed), started
        assert started[typing] >= 140, started  # the search runs 150 ms after the last key
        assert page.console_errors == []


def test_in_chromium_the_split_index_ranks_as_one_index_would(tmp_path):
    site = generated_site()
    with searching(tmp_path, site) as (page, whole, fetched):
        for query in QUERIES:
            got = run(page, query)
            assert got == reference(whole, site, query)[:10], query
        assert any("/search/m/" in one for one in fetched)  # queries of several words used the members
        page.select_option("#search-source", label="AP")
        page.wait_for_selector("#search-results[data-state=done]", state="attached")
        in_ap = {one.id for one in site.articles if one.source == "AP"}
        for query in ["army city", "qalun", "arm"]:
            wanted = [one for one in reference(whole, site, query, in_ap)]
            assert run(page, query) == wanted[:10], query
        page.select_option("#search-source", label="All sources")
        for query in ["army", "city"]:  # the next page of results ranks on
            wanted = reference(whole, site, query)[:20]
            assert len(wanted) == 20
            run(page, query)
            page.click(".search-more")
            page.locator("a.search-result-title").nth(len(wanted) - 1).wait_for(state="attached")
            hrefs = page.locator("a.search-result-title").evaluate_all("all => all.map(a => a.getAttribute('href'))")
            assert [href.removeprefix("/articles/").rstrip("/") for href in hrefs] == wanted, query
        assert page.console_errors == []


def result_of(files: dict[str, bytes], ref: int) -> dict:
    """What the result of article REF shows, from its own file."""
    record = json.loads(files[f"search/d/0/{ref}.json"])
    del record["v"], record["w"]
    return record


def benchmark_queries() -> tuple[str, ...]:
    """bench/search.py's fixed queries, read from its source (the tests do not import the benchmarks)."""
    tree = ast.parse((ROOT / "bench/search.py").read_text(encoding="utf-8"))
    return next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                and any(getattr(target, "id", "") == "FIXED_QUERIES" for target in node.targets))


def benchmark_like_site(count: int = 160) -> Site:
    """COUNT articles in the words the benchmark's queries ask for, common to rare, with two
    people's names and figures, so that those queries load heads, members and articles' files."""
    rng = random.Random(11)
    common = ["said", "people", "officials", "the", "forces", "city"]
    middle = ["ceasefire", "hospital", "airport", "Thursday", "talks", "evacuated"]
    rare = ["refinery", "amnesty", "amnesties", "temporary", "Mosul", "Juba", "30,000", "35,000", "Mariam Aziz",
            "Nadia al-Masri", "Nadia el-Masri"]
    articles = []
    for n in range(count):
        words = [rng.choice(common) for _ in range(rng.randint(10, 50))]
        words += [rng.choice(middle) for _ in range(rng.randint(0, 8))] + rng.sample(rare, rng.randint(0, 3))
        rng.shuffle(words)
        title = f"{rng.choice(middle).capitalize()} {rng.choice(rare)} report {n}"
        articles.append(article(f"b/{n:03d}", title, " ".join(words) + ".", source=SOURCES[n % 4]))
    return Site(tuple(articles), {}, EntityTable((), {}), (), (), {}, {}, {})


def test_in_chromium_the_benchmark_queries_rank_as_one_index_would(tmp_path):
    site = benchmark_like_site()
    queries = [*benchmark_queries(), "Mariam Aziz", "Nadia al-Masri", "refinery",
               *(one.title for one in site.articles[::40])]
    assert {"said", "30,000", "refinery airport ceasefire"} <= set(queries)
    with searching(tmp_path, site) as (page, whole, fetched):
        answered, counted = 0, []
        for query in queries:
            wanted = reference(whole, site, query)
            assert run(page, query) == wanted[:10], query
            answered += bool(wanted)
            status = page.locator("#search-status").text_content()
            if not status.startswith("the best"):  # a count, then exact
                assert status.startswith(f"{len(wanted)} article"), (query, status)
                counted.append(query)
        assert answered == len(queries) - 2  # "said" and "the" are lunr stop words: nothing
        assert {"hospital evacuated", "refinery airport ceasefire"} <= set(counted)  # from the members
        assert any("/search/m/" in one for one in fetched) and any("/search/d/" in one for one in fetched)
        assert page.console_errors == []


def test_the_versions_of_a_story_shown_together_come_in_one_file(tmp_path):
    """Three stories of three versions, their ids apart; no shard shows a result (HEAD 0): what the
    versions of the story a word finds show comes in the file of one of them, a fetch in all."""
    ids = {story: [f"{prefix}/{story}" for prefix in ("a", "m", "z")] for story in ("qal", "mar", "tel")}
    articles = sorted((article(one, f"Report {one}", f"{story}un army city" + " town" * (n % 3) + ".")
                       for story, versions in ids.items() for n, one in enumerate(versions)), key=lambda a: a.id)
    stories = tuple(Story(story, tuple(versions), versions[0]) for story, versions in sorted(ids.items()))
    site = Site(tuple(articles), {}, EntityTable((), {}), stories, (), {}, {}, {})
    with searching(tmp_path, site, head=0) as (page, whole, fetched):
        for word, story in [("marun", "mar"), ("telun", "tel")]:
            fetched.clear()
            assert sorted(run(page, word)) == ids[story] and run(page, word) == reference(whole, site, word)
            assert len([one for one in fetched if "/search/d/" in one]) == 1, fetched
        assert page.console_errors == []


def test_an_entity_past_the_first_of_each_of_its_words_comes_from_its_bucket(tmp_path):
    """Forty people named Ahmad and forty named Hassan, each said to be in two articles, and Ahmad
    Hassan in one: a shard shows the first ENTITY_HEAD of each word's entities (most articles
    first), and Ahmad Hassan, ranked last, is in neither list: the page fetches it from the
    entities' files."""
    names = [f"{a}{b}" for a in ("Qal", "Mar", "Tel", "Zab", "Hom", "Kaf", "Dor", "Sel") for b in ("un", "ek", "ir", "ash", "ova")]
    people = [f"Ahmad {name}" for name in names] + [f"{name} Hassan" for name in names] + ["Ahmad Hassan"]
    assert len(names) > ENTITY_HEAD
    articles = tuple(article(f"p/{n:02d}", f"Profile {n}", f"{person} spoke.") for n, person in enumerate(people))
    entities = tuple(entity(f"e{n:02d}", person, "person", (person,), (f"p/{n:02d}", f"q/{n:02d}")[:1 + (n < 80)])
                     for n, person in enumerate(people))
    mentions = {f"p/{n:02d}": (EntityMention(0, len(person), person, "person", f"e{n:02d}"),)
                for n, person in enumerate(people)}
    site = Site(articles, {}, EntityTable(entities, mentions), (), (), {}, {}, {})
    with searching(tmp_path, site) as (page, _, fetched):
        run(page, "Ahmad Hassan")
        assert page.locator(".search-entity-name").all_inner_texts() == ["Ahmad Hassan"]
        assert any("/search/e/" in one for one in fetched)
        assert page.console_errors == []


def test_a_query_of_stop_words_and_a_prefix_counts_only_what_it_finds(tmp_path):
    """No word of "for" is required (a stop word; its prefix reaches "forces"): the count is of the
    articles it finds in the source chosen, not of every article an earlier search loaded."""
    site = benchmark_like_site()
    in_ap = {one.id for one in site.articles if one.source == "AP"}
    with searching(tmp_path, site) as (page, whole, _):
        run(page, "forces people truce")
        page.select_option("#search-source", label="AP")
        page.wait_for_selector("#search-results[data-state=done]", state="attached")
        wanted = reference(whole, site, "for", in_ap)
        assert run(page, "for") == wanted[:10]
        status = page.locator("#search-status").text_content()
        assert status.startswith(("the best", f"{len(wanted)} articles")), status


def test_a_term_in_nearly_every_article_weighs_0_and_still_finds_them(tmp_path):
    """In 2,500 articles of one date, the year weighs 0.0002 (0 to three decimals): lunr still
    matches every article, with a score of 0, and so must the split files."""
    site = Site(tuple(article(f"y/{n:04d}", f"Note {n}", f"{COMMON[n % len(COMMON)]}.") for n in range(2500)),
                {}, EntityTable((), {}), (), (), {}, {}, {})
    with searching(tmp_path, site) as (page, whole, _):
        wanted = reference(whole, site, "2013")
        assert len(wanted) == 2500
        assert run(page, "2013") == wanted[:10]
        assert run(page, "2013 army") == reference(whole, site, "2013 army")[:10]


@contextmanager
def searching(tmp_path: Path, site: Site, head: int = HEAD, whole: int = WHOLE) -> Iterator[tuple[Any, Any, list[str]]]:
    """SITE's search page open in Chromium, SITE's whole lunr.py index, and the addresses the page
    fetches from then on."""
    write_search_site(tmp_path / "site", site, site_config(tmp_path, base_url="/"), head, whole)
    whole = whole_index(site, tmp_path)
    with serve(tmp_path / "site") as url, chromium() as page:
        page.goto(url + "search/")
        page.wait_for_selector("#search[data-ready=true]")
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        yield page, whole, fetched


def run(page, query: str) -> list[str]:
    return [href.removeprefix("/articles/").rstrip("/") for href in search(page, query)]


def reference(whole, site: Site, text: str, allowed: set[str] | None = None) -> list[str]:
    """What search.js must show for TEXT, from the whole lunr.py index: lunr's scores, the articles
    with every word if any has them all (else those with some), ties by ref; only ALLOWED ones."""
    words = [chunk_tokens(chunk) for chunk in SEPARATORS.split(normalise(text)) if chunk_tokens(chunk)]
    query = whole.create_query()
    parsed = []
    for i, variants in enumerate(words):
        kept = [token for token in word_variants(variants[0]) if stop_word_filter(token) is not None]
        prefix = variants[0] if i == len(words) - 1 and len(variants[0]) >= 3 else ""
        parsed.append(([stem(token) for token in kept], prefix, bool(kept)))
        for token in variants:
            if stop_word_filter(token) is not None:
                query.term(stem(token), use_pipeline=False)
        if prefix:
            query.term(prefix, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=0.5)
    if not query.clauses:
        return []
    results = [result for result in whole.query(query)
               if allowed is None or in_search_order(site)[int(result["ref"])].id in allowed]

    def has_all(result) -> bool:
        terms = result["match_data"].metadata.keys()
        return all(any(term in stems or (prefix and term.startswith(prefix)) for term in terms)
                   for stems, prefix, required in parsed if required)

    kept = [result for result in results if has_all(result)] or results
    kept.sort(key=lambda result: (-round(result["score"], 9), int(result["ref"])))
    return [in_search_order(site)[int(result["ref"])].id for result in kept]


def whole_index(site: Site, root: Path):
    """One lunr.py index of SITE, as the split files are cut from."""
    return build_index(index_documents(site, {}, declared_aliases(site_config(root))))


def write_search_site(folder: Path, site: Site, config, head: int = HEAD, whole: int = WHOLE) -> None:
    files = build_search_files(site, config, head=head, whole=whole)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "templates"), autoescape=True)
    files["search/index.html"] = environment.get_template("search.html").render(
        site=config, base=config.base_path, lang="en").encode("utf-8")
    files.update(article_data(site))
    for name in ("style.css", "theme.js"):
        files[f"static/{name}"] = (ROOT / "templates/static" / name).read_bytes()
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def decode(flat: list[int], fields: list[str], by_ref: bool = False) -> list[tuple[int, dict[str, int]]]:
    """Flat rows (ref, mask, weights); BY_REF: each ref given as its difference from the one before."""
    rows, i = [], 0
    while i < len(flat):
        ref, mask, i = flat[i] + (rows[-1][0] if by_ref and rows else 0), flat[i + 1], i + 2
        weights = {}
        for bit, field in enumerate(fields):
            if mask & (1 << bit):
                weights[field], i = flat[i], i + 1
        rows.append((ref, weights))
    return rows


def decode_vector(flat: list[int], fields: list[str]) -> dict[int, dict[str, int]]:
    return dict(decode(flat, fields))



def test_overlapping_searches_and_a_failed_fetch_leave_later_rankings_whole(tmp_path):
    """A search started while another still loads tails, and a search after a tail (or a list of
    members) failed to load, rank as one index would (tails asked for are not taken for tails
    that arrived)."""
    site = generated_site()
    with searching(tmp_path, site) as (page, whole, _):
        search_page = page.url
        for first, second in [("army city", "army"), ("city", "qalun city"), ("arm", "army")]:
            page.evaluate("""([first, second]) => {
                const form = document.getElementById("search-form"), box = document.getElementById("search-q");
                box.value = first; form.requestSubmit(); box.value = second; form.requestSubmit(); }""",
                          [first, second])
            page.locator(f"#search-results[data-state=done][data-query='{second}']").wait_for(state="attached")
            hrefs = page.locator("a.search-result-title").evaluate_all("all => all.map(a => a.getAttribute('href'))")
            assert [h.removeprefix("/articles/").rstrip("/") for h in hrefs] == reference(whole, site, second)[:10]
            assert page.url.endswith("?q=" + second.replace(" ", "+"))
            page.goto(search_page)  # a fresh store: nothing loaded
            page.wait_for_selector("#search[data-ready=true]")

        for pieces in ("**/search/tail/**", "**/search/m/**"):  # "army" needs one or the other
            page.route(pieces, lambda route: route.abort())
        page.fill("#search-q", "army")
        page.press("#search-q", "Enter")
        page.locator("#search-status", has_text="The search failed").wait_for()
        page.unroute("**/search/tail/**")
        page.unroute("**/search/m/**")
        for query in ["army city", "army"]:
            assert run(page, query) == reference(whole, site, query)[:10], query


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.text(st.characters(exclude_categories=["Cs"])),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(st.characters(exclude_categories=["Cs"])), inner),
    max_leaves=20)


@given(JSON_VALUES)
def test_the_search_files_json_is_what_json_dumps_makes_of_the_same_values(value):
    """Control characters, quotes, line separators, astral characters, keys that sort by code point."""
    made = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert shards.to_json(value) == made


def test_rows_are_ordered_by_term_then_best_first_then_ref_in_one_sort_or_three(monkeypatch):
    """One sort of a combined number where it fits in 64 bits (here, negative or 32-bit impacts and
    none at all among them), else np.lexsort (impacts so high that it would not): both give
    np.lexsort's order."""
    import numpy as np
    import pytest

    rng = np.random.default_rng(5)
    term, doc = rng.integers(0, 50, 2000).astype(np.int32), rng.integers(0, 300, 2000).astype(np.int32)
    small = [rng.integers(0, 40, 2000), rng.integers(-40, 40, 2000), np.asarray([2**31 - 1, -5, 0] * 666 + [1, 2])]
    expected = [np.lexsort((doc, -impact.astype(np.int64), term)) for impact in small]
    lexsort = np.lexsort
    monkeypatch.setattr(np, "lexsort", lambda *args: pytest.fail("np.lexsort where one sort fits"))
    for impact, order in zip(small, expected):
        assert np.array_equal(shards._best_first(term, impact.astype(np.int32), doc), order)
    empty = np.zeros(0, dtype=np.int32)
    assert shards._best_first(empty, empty, empty).tolist() == []
    monkeypatch.setattr(np, "lexsort", lexsort)
    huge = rng.integers(0, 2**55, 2000).astype(np.int64)
    assert np.array_equal(shards._best_first(term, huge, doc), np.lexsort((doc, -huge, term)))
