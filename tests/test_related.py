"""find_related on a small archive with a hand-made entity table."""
import pytest

from generator.annotate import annotate
from generator.annotate.words import content_words, restored
from generator.archive.related import find_related
from generator.model import Article, Block, EntityMention, EntityTable, Related, Story

TEXTS = {
    "wire": "The U.N. Security Council will vote on Monday on a seven-day truce in Aleppo. "
            "Envoy Staffan de Mistura said 100,000 civilians were trapped in the eastern "
            "districts.",
    "paper": "The UN Security Council will vote on Monday on a seven-day truce in Aleppo. "
             "Envoy Staffan de Mistura said 100,000 civilians were trapped in the east.",
    "weekly": "Diplomats lobbied Security Council members ahead of the Aleppo truce vote, while "
              "de Mistura warned that trapped civilians in the eastern districts were starving.",
    "oil": "Oil prices rose as traders weighed a fall in crude inventories in Texas and "
           "rising output from shale producers.",
}
ENTITIES = {
    "wire": ["un-security-council", "aleppo", "staffan-de-mistura"],
    "paper": ["un-security-council", "aleppo", "staffan-de-mistura"],
    "weekly": ["un-security-council", "aleppo", "staffan-de-mistura"],
    "oil": ["texas"],
}


def make_article(article_id: str) -> Article:
    title = f"News {article_id}"
    text = f"{title}\n\n{TEXTS[article_id]}"
    blocks = (Block("title", 0, len(title)), Block("paragraph", len(title) + 2, len(text)))
    return Article(article_id, f"{article_id}.md", title, "", "", text, blocks)


def make_table() -> EntityTable:
    mentions = {a: tuple(EntityMention(0, 1, e, "place", e) for e in es)
                for a, es in ENTITIES.items()}
    return EntityTable((), mentions)


@pytest.fixture
def related():
    articles = [make_article(a) for a in TEXTS]
    stories = [Story("story-wire", ("wire", "paper"), "wire")]
    return find_related(articles, {}, stories, make_table())


def test_every_article_has_an_entry(related):
    assert sorted(related) == ["oil", "paper", "weekly", "wire"]


def test_versions_of_one_story_are_not_related_to_each_other(related):
    assert [r.article for r in related["wire"]] == ["weekly"]
    assert [r.article for r in related["paper"]] == ["weekly"]


def test_another_story_is_listed_once_by_its_best_version(related):
    assert len(related["weekly"]) == 1
    assert related["weekly"][0].article in ("wire", "paper")


def test_unrelated_articles_are_not_listed(related):
    assert related["oil"] == ()


def test_scores_are_between_zero_and_one(related):
    scores = [r.score for rs in related.values() for r in rs]
    assert scores and all(0.0 < s <= 1.0 for s in scores)


def test_limit_and_order():
    articles = [make_article(a) for a in TEXTS]
    found = find_related(articles, {}, [], make_table(), limit=1)
    assert all(len(rs) <= 1 for rs in found.values())
    full = find_related(articles, {}, [], make_table())
    assert [r.article for r in full["weekly"]] == [r.article for r in sorted(
        full["weekly"], key=lambda r: (-r.score, r.article))]


def test_same_input_same_output_whatever_the_order():
    articles = [make_article(a) for a in TEXTS]
    stories = [Story("story-wire", ("wire", "paper"), "wire")]
    assert find_related(articles[::-1], {}, stories, make_table()) == find_related(
        articles, {}, stories, make_table())


def test_a_related_entry_is_a_related_value(related):
    assert isinstance(related["wire"][0], Related)


def test_the_words_the_per_article_stage_counted_are_those_related_coverage_compares():
    articles = [make_article(a) for a in TEXTS]
    stories = [Story("story-wire", ("wire", "paper"), "wire")]
    annotations = {a.id: annotate(a) for a in articles}
    assert all(restored(annotations[a.id].words) == content_words(a.text) for a in articles)
    assert content_words("Aleppo aleppo ALEPPO's truce, the 100,000 said")["aleppo"] == 3
    assert find_related(articles, annotations, stories, make_table()) == find_related(articles, {}, stories,
                                                                                     make_table())
    # what is compared is the annotation's: the oil report's words stored under the weekly
    swapped = {**annotations, "weekly": annotations["oil"]}
    assert find_related(articles, swapped, stories, make_table())["weekly"] != find_related(
        articles, annotations, stories, make_table())["weekly"]


def test_a_profile_keeps_the_heaviest_words_and_at_a_tie_the_first_in_alphabetical_order(monkeypatch):
    from generator.archive import related

    monkeypatch.setattr(related, "KEY_TERMS", 3)
    texts = {"a": "zebra yak walrus vole otter", "b": "zebra yak walrus vole otter otter", "c": "lemur"}
    articles = [Article(i, f"{i}.md", i, "", "", t, (Block("paragraph", 0, len(t)),)) for i, t in texts.items()]
    a, b, c = related._profiles(articles, {}, [frozenset()] * 3)[0]
    assert list(a.terms) == ["otter", "vole", "walrus"]  # all of one weight: the first three by name
    assert list(b.terms) == ["otter", "vole", "walrus"] and b.terms["otter"] > b.terms["vole"]  # twice: heaviest
    assert list(c.terms) == ["lemur"] and c.terms["lemur"] == 1.0  # unit length
    assert abs(sum(w * w for w in a.terms.values()) - 1.0) < 1e-12


def test_the_memo_keeps_the_lists_whose_inputs_are_unchanged_and_they_are_those_found_anew(tmp_path, monkeypatch):
    from generator.archive import related as module
    from generator.archive.related_memo import ENTRY, RelatedMemo

    scored = []
    real = module._score
    monkeypatch.setattr(module, "_score", lambda *args: scored.append(1) or real(*args))
    articles = [make_article(a) for a in TEXTS]
    stories = [Story("story-wire", ("wire", "paper"), "wire")]

    def check(step: str) -> int:
        del scored[:]
        found = find_related(articles, {}, stories, make_table(), memo=RelatedMemo(tmp_path))
        made = len(scored)
        assert found == find_related(articles, {}, stories, make_table()), step
        return made

    assert check("first") > 0
    assert check("nothing changed") == 0
    weekly = articles[2]
    articles[2] = Article("weekly", "weekly.md", weekly.title, "", "", weekly.text + " Aleppo truce talks stalled.",
                          weekly.blocks)
    assert check("one edited") > 0
    assert check("again") == 0
    (tmp_path / ENTRY).write_bytes(b"not a pickle")
    assert check("a broken entry") > 0
