"""Previews for build --serve (generator/preview.py): the pages of an edited article, made against
the last build, are the pages the rebuild makes where the edit names nobody new; whatever else
changed is left to the rebuild."""
from pathlib import Path

import pytest
from conftest import copy_archive

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
    assert sorted(pages) == STORY_PAGES  # the story's versions and their comparison
    assert main(["--source", str(root)]) == 0
    for page, html in pages.items():
        assert (root / "build" / page).read_bytes() == html, page


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


def test_the_rebuild_finds_the_edited_article_annotated(tmp_path):
    root, [(config, site)] = built(tmp_path)
    path = edit(root, *EDITS["a sentence added"])
    preview(warm_up(config, site), [str(path)])
    key = cache_key(code_fingerprint(config), Path(SOURCE).relative_to("content").as_posix(), path.read_bytes())
    assert (root / CACHE_DIR / key).is_file()


@pytest.mark.parametrize("change", ["site.yaml", "a new article", "an article removed", "front matter broken",
                                    "slug changed", "a template", "nothing"])
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
    elif change == "a template":
        changed = [root / "templates/article.html"]
    else:
        changed = []
    assert preview(warm, [str(path) for path in changed]) is None
