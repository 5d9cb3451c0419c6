"""Deciding what an import writes: new articles, new versions of changed ones, nothing for known ones."""
from __future__ import annotations

import pytest

from generator.ingest.plaintext import WireArticle
from generator.ingest.plan import plan_imports, with_story
from generator.render_context import text_direction


def article(title: str, text: str, url: str = "", story: str = "") -> WireArticle:
    return WireArticle(title=title, source="", byline="", dateline="", date="", credits="", story=story,
                       body=(("paragraph", text),), url=url, imported_from="test")


def statuses(plan) -> list[tuple[str, str]]:
    return [(one.path.name, one.status) for one in plan.results]


def test_the_same_text_at_another_url_is_not_imported_again(tmp_path):
    plan = plan_imports([article("Strike ends", "Dockers went back.", "https://a.example/1"),
                         article("Strike ends", "Dockers  went\nback.", "https://b.example/syndicated")], tmp_path)
    assert statuses(plan) == [("strike-ends.md", "new"), ("strike-ends.md", "already")]
    assert list(plan.writes) == [tmp_path / "strike-ends.md"]


def test_edits_in_one_run_are_versions_of_one_story_named_after_the_first(tmp_path):
    url = "https://a.example/strike#top"
    plan = plan_imports([article("Strike ends", "Dockers went back.", url),
                         article("Strike ends after vote", "Dockers voted to go back.", "https://a.example/strike"),
                         article("Strike ends after vote", "Dockers voted to go back on Thursday.", url)], tmp_path)
    assert statuses(plan) == [("strike-ends.md", "new"), ("strike-ends-2.md", "version"),
                              ("strike-ends-3.md", "version")]
    assert [text.split("story: ")[1].split("\n")[0] for text in plan.writes.values()] == ["strike-ends"] * 3


def test_a_known_first_version_keeps_its_story_key_or_is_given_one(tmp_path):
    (tmp_path / "keyed.md").write_text("---\ntitle: A\nurl: https://a.example/1\nstory: port\n---\n\nOne.\n")
    (tmp_path / "bare.md").write_text("---\ntitle: B\nurl: https://a.example/2\n---\n\nTwo.\n")
    plan = plan_imports([article("A", "One, edited.", "https://a.example/1"),
                         article("B", "Two, edited.", "https://a.example/2")], tmp_path)
    assert statuses(plan) == [("keyed-2.md", "version"), ("bare-2.md", "version")]
    assert "story: port\n" in plan.writes[tmp_path / "keyed-2.md"]
    assert plan.writes[tmp_path / "bare.md"] == "---\ntitle: B\nurl: https://a.example/2\nstory: bare\n---\n\nTwo.\n"
    assert tmp_path / "keyed.md" not in plan.writes


def test_with_story_adds_the_key_as_the_last_line_of_the_front_matter():
    assert with_story("---\ntitle: A\n---\nText.\n", "a: b") == "---\ntitle: A\nstory: 'a: b'\n---\nText.\n"


@pytest.mark.parametrize(("lang", "direction"), [
    ("ar", "rtl"), ("ar-EG", "rtl"), ("he", "rtl"), ("fa_IR", "rtl"), ("ur", "rtl"), ("ku-Arab", "rtl"),
    ("ru", "ltr"), ("zh-Hans", "ltr"), ("en", "ltr"), ("", "ltr"),
])
def test_text_direction_of_a_language(lang, direction):
    assert text_direction(lang) == direction


def test_a_broken_front_matter_in_content_does_not_stop_an_import(tmp_path):
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nOne.\n")
    plan = plan_imports([article("A", "Two.")], tmp_path)
    assert statuses(plan) == [("a.md", "new")]  # the build, not the import, reports broken.md
