"""Grouping by text with the last build's signatures and verdicts: the stories grouping without
them finds, and only the changed articles signed and judged again."""
import dataclasses

from test_stories import CASES, make_article

from generator import diskcache
from generator.archive import stories
from generator.archive.group_memo import ENTRY, GroupMemo
from generator.archive.stories import group_versions


def fingerprints(articles):
    return {a.id: diskcache.key(a) for a in articles}


def counting(monkeypatch):
    """How many articles are signed, and how many pairs judged, from now on."""
    counts = {"signed": 0, "judged": 0}
    sign, judge = stories.signatures, stories.containment

    def signatures(sets):
        counts["signed"] += len(sets)
        return sign(sets)

    def containment(a, b):
        counts["judged"] += 1
        return judge(a, b)
    monkeypatch.setattr(stories, "signatures", signatures)
    monkeypatch.setattr(stories, "containment", containment)
    return counts


def test_remembered_signatures_and_verdicts_group_as_grouping_without_them(tmp_path, monkeypatch):
    articles = [make_article(spec) for spec in CASES[0]["articles"]]
    fresh = group_versions(articles, {})
    counts = counting(monkeypatch)
    assert group_versions(articles, {}, 0.3, GroupMemo(tmp_path, fingerprints(articles), 0.3)) == fresh
    assert counts["signed"] == len(articles) and counts["judged"] > 0
    counts.update(signed=0, judged=0)
    assert group_versions(articles, {}, 0.3, GroupMemo(tmp_path, fingerprints(articles), 0.3)) == fresh
    assert counts == {"signed": 0, "judged": 0}

    edited = [dataclasses.replace(a, text=a.text + " Markets closed early.") if a.id == "markets" else a
              for a in articles]
    expected = group_versions(edited, {})
    counts.update(signed=0, judged=0)
    assert group_versions(edited, {}, 0.3, GroupMemo(tmp_path, fingerprints(edited), 0.3)) == expected
    assert counts["signed"] == 1  # the edited article only


def test_another_threshold_or_a_broken_entry_is_not_trusted(tmp_path, monkeypatch):
    articles = [make_article(spec) for spec in CASES[0]["articles"]]
    group_versions(articles, {}, 0.3, GroupMemo(tmp_path, fingerprints(articles), 0.3))
    counts = counting(monkeypatch)
    assert group_versions(articles, {}, 0.9, GroupMemo(tmp_path, fingerprints(articles), 0.9)) == group_versions(
        articles, {}, 0.9)
    assert counts["signed"] > 0
    (tmp_path / ENTRY).write_bytes(b"not a pickle")
    counts.update(signed=0)
    assert group_versions(articles, {}, 0.3, GroupMemo(tmp_path, fingerprints(articles), 0.3)) == group_versions(
        articles, {})
    assert counts["signed"] > 0


def test_when_the_boilerplate_changes_nothing_remembered_is_used(tmp_path, monkeypatch):
    articles = [make_article(spec) for spec in CASES[0]["articles"]]
    group_versions(articles, {}, 0.3, GroupMemo(tmp_path, fingerprints(articles), 0.3))
    monkeypatch.setattr(stories, "BOILERPLATE_MIN_ARTICLES", 1)  # a shingle two articles share is boilerplate now
    counts = counting(monkeypatch)
    assert group_versions(articles, {}, 0.3, GroupMemo(tmp_path, fingerprints(articles), 0.3)) == group_versions(
        articles, {})
    assert counts["signed"] == 2 * len(articles)  # with the memo, then without
