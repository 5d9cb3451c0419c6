"""Previews for build --serve (generator/preview.py): the pages of an edited article, made against
the last build, are the pages the rebuild makes where the edit names nobody new; whatever else
changed is left to the rebuild."""
import json
from pathlib import Path

import pytest
from conftest import copy_archive, whole_build
from test_cli import tree
from test_corrections import REWRITE, WIRE, yaml_dump

from generator.cli import main
from generator.config import load_config
from generator.fingerprint import code_fingerprint
from generator.perarticle import CACHE_DIR, cache_key
from generator.preview import preview, warm_up

SOURCE = "content/rebels-in-aleppo-have-told-the-united-states-they-will-not.md"
OTHER = "content/rebels-defiant-as-syrian-army-nears-aleppos-old-city.md"
STORY_PAGES = [
    "articles/rebels-defiant-as-syrian-army-nears-aleppos-old-city/index.html",
    "articles/rebels-in-aleppo-have-told-the-united-states-they-will-not/index.html",
    ("stories/aleppo-2016/compare/rebels-defiant-as-syrian-army-nears-aleppos-old-city--"
     "rebels-in-aleppo-have-told-the-united-states-they-will-not/index.html"),
    "stories/aleppo-2016/index.html",
]

EDITS = {
    "a sentence added": (SOURCE, lambda text: text + "\nOfficials said the talks would resume.\n"),
    "a figure changed": (OTHER, lambda text: text.replace("30,000", "40,000", 1)),
    "the last paragraph cut": (SOURCE, lambda text: text.rstrip().rsplit("\n\n", 1)[0] + "\n"),
    "the title changed": (SOURCE, lambda text: text.replace("title: Rebels in Aleppo", "title: Edited, rebels", 1)),
}


def built(tmp_path: Path) -> tuple[Path, list]:
    """The seed archive built; and what the build gave its BUILT hook (configuration, site)."""
    root = copy_archive(tmp_path / "archive")
    kept: list = []
    assert main(["--source", str(root)], built=lambda config, site: kept.append((config, site))) == 0
    return root, kept


def edit(root: Path, source: str, change) -> Path:
    path = root / source
    text = path.read_text(encoding="utf-8")
    assert change(text) != text
    path.write_text(change(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", EDITS)
def test_a_preview_is_the_page_the_rebuild_makes(tmp_path, name):
    root, kept = built(tmp_path)
    [(config, site)] = kept
    warm = warm_up(config, site)
    pages = preview(warm, [str(edit(root, *EDITS[name]))])
    assert sorted(pages) == STORY_PAGES  # the story's page, its versions' and their comparison
    assert main(["--source", str(root)]) == 0
    for page, html in pages.items():
        assert (root / "build" / page).read_bytes() == html, page
    assert tree(root / "build") == tree(whole_build(root, tmp_path / "whole"))  # the cache entry it stored


def test_an_article_in_no_story_with_a_corrected_link_to_a_story(tmp_path):
    root = copy_archive(tmp_path / "archive")
    lone = root / "content/lone.md"
    lone.write_text("---\ntitle: Floods in Basra\nsource: Courier\n---\n\nOfficials in Basra said 3,000 people "
                    "fled the floods.\n\nThe river rose overnight after days of rain in the north.\n")
    assert main(["--source", str(root)]) == 0
    wire = json.loads((root / f"build/data/articles/{WIRE}.json").read_text())
    quote = wire["text"][wire["sentences"][1]["start"]:wire["sentences"][1]["end"]][:30]
    (root / "corrections.yaml").write_text(yaml_dump({"alignments": [
        {"article": WIRE, "quote": quote, "other": "lone", "other_quote": "The river rose overnight",
         "action": "add", "relation": "partial"}]}))
    kept: list = []
    assert main(["--source", str(root)], built=lambda config, site: kept.append((config, site))) == 0
    warm = warm_up(*kept[0])
    lone.write_text(lone.read_text().replace("Officials in", "A new first line.\n\nOfficials in"))
    pages = preview(warm, [str(lone)])
    assert sorted(pages) == ["articles/lone/index.html"]
    assert main(["--source", str(root)]) == 0
    assert (root / "build/articles/lone/index.html").read_bytes() == pages["articles/lone/index.html"]


def test_paths_as_the_watcher_lists_them_through_a_linked_source(tmp_path):
    root, _ = built(tmp_path)
    (tmp_path / "link").symlink_to(root)
    warm = warm_up(load_config(tmp_path / "link"))
    path = edit(root, *EDITS["a sentence added"])
    neighbours = [root / "content/#draft.md#", root / "content/notes.txt"]  # an editor's, and not articles
    for neighbour in neighbours:
        neighbour.write_text("scratch")
    pages = preview(warm, [str(path.resolve()), *map(str, neighbours)])
    assert pages and sorted(pages) == STORY_PAGES


def test_without_the_site_of_a_build_it_is_made_again_from_the_caches(tmp_path):
    root, _ = built(tmp_path)
    kept: list = []
    assert main(["--source", str(root)], built=lambda config, site: kept.append((config, site))) == 0
    assert kept == [(load_config(root), None)]  # nothing changed: nothing built
    warm = warm_up(load_config(root))
    path = edit(root, *EDITS["a figure changed"])
    pages = preview(warm, [str(path)])
    assert main(["--source", str(root)]) == 0
    assert pages and all((root / "build" / page).read_bytes() == html for page, html in pages.items())


def test_a_name_new_to_the_archive_is_plain_in_the_preview_and_linked_after_the_rebuild(tmp_path):
    root, [(config, site)] = built(tmp_path)
    warm = warm_up(config, site)
    path = edit(root, SOURCE, lambda text: text + "\nWladyslaw Kowalczyk, a doctor in Aleppo, said so.\n")
    page = preview(warm, [str(path)])[STORY_PAGES[1]].decode()
    assert "Wladyslaw Kowalczyk" in page and "/entities/wladyslaw-kowalczyk/" not in page
    assert 'href="/entities/aleppo/"' in page
    assert main(["--source", str(root)]) == 0
    assert "/entities/wladyslaw-kowalczyk/" in (root / "build" / STORY_PAGES[1]).read_text()


@pytest.mark.parametrize("rewritten", [False, True])
def test_versions_grouped_by_text_are_previewed_while_they_stay_one_story(tmp_path, rewritten):
    root = copy_archive(tmp_path / "archive")
    for article in (root / "content").glob("*.md"):  # no story keys: grouped by their shared text
        article.write_text(article.read_text().replace("story: aleppo-2016\n", ""))
    kept: list = []
    assert main(["--source", str(root)], built=lambda config, site: kept.append((config, site))) == 0
    [(config, site)] = kept
    assert [len(story.articles) for story in site.stories] == [2]
    warm = warm_up(config, site)
    if rewritten:  # another story's text: the rebuild takes it out of this one, so no preview
        path = edit(root, SOURCE, lambda text: text.split("---\n\n")[0] + "---\n\n"
                    + "Farmers in Iowa said the harvest of maize was the largest since 1990.\n")
        assert preview(warm, [str(path)]) is None
    else:
        path = edit(root, *EDITS["a sentence added"])
        pages = preview(warm, [str(path)])
        assert len(pages) == 4
        assert main(["--source", str(root)]) == 0
        assert all((root / "build" / page).read_bytes() == html for page, html in pages.items())


def test_the_rebuild_finds_the_edited_article_annotated(tmp_path):
    root, [(config, site)] = built(tmp_path)
    path = edit(root, *EDITS["a sentence added"])
    preview(warm_up(config, site), [str(path)])
    key = cache_key(code_fingerprint(config), Path(SOURCE).relative_to("content").as_posix(), path.read_bytes())
    assert (root / CACHE_DIR / key).is_file()


@pytest.mark.parametrize("change", ["site.yaml", "a new article", "an article removed", "front matter broken",
                                    "slug changed", "story changed", "date changed", "a template", "nothing",
                                    "a name split off by a correction"])
def test_what_is_not_an_edit_to_an_article_of_the_last_build_waits_for_the_rebuild(tmp_path, change):
    root, [(config, site)] = built(tmp_path)
    warm = warm_up(config, site)
    article = root / SOURCE
    if change == "site.yaml":
        changed = [root / "site.yaml", edit(root, *EDITS["a sentence added"])]
    elif change == "a new article":
        changed = [root / "content/new.md"]
        changed[0].write_text("---\ntitle: New\n---\nA new article.\n")
    elif change == "an article removed":
        article.unlink()
        changed = [article]
    elif change == "front matter broken":
        changed = [edit(root, SOURCE, lambda text: text.replace("---", "--- [", 1))]
    elif change == "slug changed":
        changed = [edit(root, SOURCE, lambda text: text.replace("title:", "slug: elsewhere\ntitle:", 1))]
    elif change == "story changed":
        changed = [edit(root, SOURCE, lambda text: text.replace("story: aleppo-2016", "story: elsewhere", 1))]
    elif change == "date changed":  # the versions' order: which is the original
        changed = [edit(root, OTHER, lambda text: text.replace("date: '2016-12-04'", "date: '2016-12-24'", 1))]
    elif change == "a name split off by a correction":  # corrections that pick out mentions one by one
        (root / "corrections.yaml").write_text(yaml_dump({"splits": [
            {"entity": "aleppo", "name": "Aleppo (the province)", "type": "place",
             "mentions": [{"article": REWRITE, "exact": "Aleppo", "prefix": "truce in "}]}]}))
        kept: list = []
        assert main(["--source", str(root)], built=lambda config, site: kept.append((config, site))) == 0
        warm = warm_up(*kept[0])
        changed = [edit(root, *EDITS["a sentence added"])]
    elif change == "a template":
        changed = [root / "templates/article.html"]
    else:
        changed = []
    assert preview(warm, [str(path) for path in changed]) is None
