"""Per-story results remembered across builds: the same as computing afresh, and only the
stories that changed computed again."""
from pathlib import Path

from generator import diskcache
from generator.archive.align import align_versions
from generator.archive.story_memo import MEMO_DIR, StoryMemo
from generator.config import load_config
from generator.model import Annotation, Article, Block, Sentence, Story
from generator.page_memo import TEXTS, text_digest
from generator.pipeline import build_archive, fingerprints


def article(article_id: str, sentences: list[str]) -> tuple[Article, Annotation]:
    text, spans = "", []
    for one in sentences:
        start = len(text) + (1 if text else 0)
        text = f"{text} {one}" if text else one
        spans.append(Sentence(f"s{len(spans) + 1}", start, len(text)))
    return (Article(id=article_id, path=f"{article_id}.md", title=sentences[0], source="", date="", text=text,
                    blocks=(Block("paragraph", 0, len(text)),)),
            Annotation(article=article_id, sentences=tuple(spans), mentions=(), figures=()))


VERSIONS = {
    "wire": ["Rebels in Aleppo will not leave, an official said.", "Close to 30,000 people have fled.",
             "Aid reached the city on Friday."],
    "paper": ["Rebels in Aleppo say they will not leave.", "More than 30,000 people have fled.",
              "Prices have doubled."],
    "other": ["Farmers met in the old harbour.", "They sold apples and bread."],
    "again": ["Farmers gathered in the old harbour.", "They sold apples, bread and fish."],
}
STORIES = [Story("aleppo", ("wire", "paper"), "wire"), Story("market", ("other", "again"), "other")]


def archive(versions=VERSIONS):
    made = {key: article(key, sentences) for key, sentences in versions.items()}
    return {k: a for k, (a, _) in made.items()}, {k: n for k, (_, n) in made.items()}


def align(memo, articles, annotations, computed):
    def compute(story):
        computed.append(story.id)
        return align_versions([story], articles, annotations)
    found = memo.each("alignments", STORIES, compute)
    memo.save()
    return found


def in_order(found):
    return tuple(sorted(sum(found.values(), ()), key=lambda x: (x.article, x.other)))


def test_what_a_build_computed_the_next_one_finds_and_computes_nothing(tmp_path: Path):
    articles, annotations = archive()
    computed: list[str] = []
    first = align(StoryMemo(tmp_path, STORIES, fingerprints(articles.values(), annotations), ()), articles, annotations, computed)
    assert computed == ["aleppo", "market"]
    assert in_order(first) == align_versions(STORIES, articles, annotations)
    assert all(alignment.links for alignment in first["aleppo"])
    computed.clear()
    assert align(StoryMemo(tmp_path, STORIES, fingerprints(articles.values(), annotations), ()), articles, annotations, computed) == first
    assert computed == []


def test_an_edited_version_recomputes_its_story_and_no_other(tmp_path: Path):
    articles, annotations = archive()
    align(StoryMemo(tmp_path, STORIES, fingerprints(articles.values(), annotations), ()), articles, annotations, [])
    articles, annotations = archive({**VERSIONS, "paper": VERSIONS["paper"] + ["Talks resume on Monday."]})
    computed: list[str] = []
    again = align(StoryMemo(tmp_path, STORIES, fingerprints(articles.values(), annotations), ()), articles, annotations, computed)
    assert computed == ["aleppo"]
    assert in_order(again) == align_versions(STORIES, articles, annotations)
    assert len(list((tmp_path / MEMO_DIR).iterdir())) == 2  # the story's old entry is dropped


def test_other_corrections_or_a_corrupt_entry_mean_computing_again(tmp_path: Path):
    articles, annotations = archive()
    first = align(StoryMemo(tmp_path, STORIES, fingerprints(articles.values(), annotations), ()), articles, annotations, [])
    computed: list[str] = []
    align(StoryMemo(tmp_path, STORIES, fingerprints(articles.values(), annotations), ("a correction",)), articles, annotations, computed)
    assert computed == ["aleppo", "market"]
    for entry in (tmp_path / MEMO_DIR).iterdir():
        entry.write_bytes(b"not a pickle")
    computed.clear()
    assert align(StoryMemo(tmp_path, STORIES, fingerprints(articles.values(), annotations), ("a correction",)), articles, annotations,
                 computed) == first
    assert computed == ["aleppo", "market"]


def test_the_archive_built_from_remembered_stories_is_the_archive_built_afresh(tmp_path: Path, seed_archive,
                                                                             monkeypatch):
    from generator import pipeline
    from generator.perarticle import read_and_annotate

    config = load_config(seed_archive)
    prepared = read_and_annotate(config)
    annotations = {article.id: prepared.annotations[article.path] for article in prepared.articles}
    fresh, _ = build_archive(prepared.articles, annotations, config)
    assert (seed_archive / MEMO_DIR).is_dir() and fresh.alignments and any(fresh.discrepancies.values())
    computed = []
    for name in ("align_versions", "compare_versions"):
        real = getattr(pipeline, name)
        monkeypatch.setattr(pipeline, name, lambda *args, _real=real, _name=name: computed.append(_name)
                            or _real(*args))
    again, _ = build_archive(prepared.articles, annotations, config)
    assert again == fresh and computed == []
    for site in (fresh, again):  # the digests the pages are keyed by: remembered or made, those of the site
        assert site.link_digests == {(a.article, a.other): diskcache.key(a.links) for a in site.alignments}
        assert site.mention_digests == {a: diskcache.key(m) for a, m in site.entities.mentions.items()}
        assert site.text_digests == {a.id: text_digest(a, annotations[a.id]) for a in prepared.articles}
    (seed_archive / TEXTS).write_bytes(b"not a pickle")  # a broken entry is made again, not trusted
    assert build_archive(prepared.articles, annotations, config)[0].text_digests == fresh.text_digests
    (seed_archive / MEMO_DIR).joinpath(next(p.name for p in (seed_archive / MEMO_DIR).iterdir())).unlink()
    assert build_archive(prepared.articles, annotations, config)[0] == fresh
    assert computed == ["align_versions", "compare_versions"]  # the one story, again


def test_many_stories_are_computed_in_worker_processes_with_the_same_results(tmp_path: Path, monkeypatch):
    import os

    from generator import parallel
    from generator.archive import story_memo

    articles, annotations = archive()
    monkeypatch.setattr(story_memo, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "_forkable", lambda: True)
    memo = StoryMemo(tmp_path, STORIES, fingerprints(articles.values(), annotations), ())
    found = memo.each("alignments", STORIES, lambda story: (os.getpid(), align_versions([story], articles,
                                                                                         annotations)))
    assert {pid for pid, _ in found.values()} != {os.getpid()}  # forked workers did the work
    assert in_order({key: value for key, (_, value) in found.items()}) == align_versions(STORIES, articles,
                                                                                          annotations)
    memo.save()
    assert StoryMemo(tmp_path, STORIES, fingerprints(articles.values(), annotations), ()).each("alignments", STORIES, None) == found
