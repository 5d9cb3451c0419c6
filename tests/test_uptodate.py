"""A build whose inputs and output have not changed since the last one writes nothing."""
from pathlib import Path

from conftest import copy_archive
from test_cli import tree

from generator import (
    export,
    render_article,
    render_compare,
    render_context,
    render_entities,
    render_story,
)
from generator.cli import main


def mtimes(folder):
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_nothing_changed_means_nothing_written_and_the_same_report(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    (root / "content/broken.md").write_text("---\ntitle: [oops\n---\n")
    assert main(["--source", str(root)]) == 1
    first_out, first_err = capsys.readouterr()
    before = mtimes(root / "build")
    assert main(["--source", str(root)]) == 1
    out, err = capsys.readouterr()
    assert err == first_err and "content/broken.md:2" in err
    assert out.startswith(first_out.rsplit(" in ", 1)[0] + "; nothing changed since, so nothing written")
    assert mtimes(root / "build") == before


def test_a_change_to_content_templates_site_yaml_or_build_means_a_new_build(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    whole = tree(root / "build")
    changes = [
        lambda: (root / "content/new.md").write_text("---\ntitle: A new article\n---\n\nText.\n"),
        lambda: (root / "templates").mkdir() or (root / "templates/404.html").write_text(
            '{% extends "base.html" %}{% block content %}<h1>Lost</h1>{% endblock %}'),
        lambda: (root / "site.yaml").write_text((root / "site.yaml").read_text().replace("related_limit: 5", "related_limit: 3")),
        lambda: (root / "build/404.html").write_text("tampered"),
        lambda: (root / "build/robots.txt").unlink(),
    ]
    for change in changes:
        capsys.readouterr()
        change()
        assert main(["--source", str(root)]) == 0
        assert "nothing changed" not in capsys.readouterr().out
    assert main(["--source", str(root)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert (root / "build/robots.txt").read_bytes() == whole["robots.txt"]
    assert b"<h1>Lost</h1>" in (root / "build/404.html").read_bytes()


def test_strict_always_builds(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    assert main(["--source", str(root), "--strict"]) == 0
    assert "nothing changed" not in capsys.readouterr().out.splitlines()[-1]


def test_a_linked_folder_added_to_content_and_a_dangling_link_in_build_mean_a_new_build(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    (root / "content/more").mkdir()
    (root / "content/more/extra.md").write_text("---\ntitle: Extra\n---\n\nText.\n")
    assert main(["--source", str(root)]) == 0
    (root / "content/again").symlink_to(root / "content/more")  # the same files, read a second time
    assert main(["--source", str(root)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("built 4 articles")
    (root / "build/dangling").symlink_to(tmp_path / "nowhere")
    assert main(["--source", str(root)]) == 0
    assert "nothing changed" not in capsys.readouterr().out and not (root / "build/dangling").is_symlink()


def test_after_an_edit_only_the_files_that_differ_are_rewritten_and_build_is_as_a_whole_build_makes_it(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    folder = (root / "build").stat().st_ino
    before = mtimes(root / "build")
    article = root / "content/rebels-defiant-as-syrian-army-nears-aleppos-old-city.md"
    article.write_text(article.read_text() + "\nThe United Nations said 12 schools had closed.\n")
    assert main(["--source", str(root)]) == 0
    assert (root / "build").stat().st_ino == folder  # updated where it is, not swapped
    after = mtimes(root / "build")
    rewritten = [p for p in after if before.get(p) != after[p]]
    assert 0 < len(rewritten) < len(after) / 2
    capsys.readouterr()
    assert main(["--source", str(root)]) == 0  # its stamp, made from the last one, matches build/
    assert "nothing changed" in capsys.readouterr().out
    assert main(["--source", str(root), "--output", str(tmp_path / "whole")]) == 0
    assert tree(root / "build") == tree(tmp_path / "whole")


def test_after_a_build_that_left_no_stamp_the_next_writes_the_whole_site(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    whole = tree(root / "build")
    (root / ".cache/story-archive/last-build.json").unlink()  # what a build drops before it writes
    (root / "build/index.html").write_bytes(b"changed by hand")
    (root / "build/.index.html.new-123").write_bytes(b"a stray file")
    assert main(["--source", str(root)]) == 0
    assert tree(root / "build") == whole


def test_the_pages_of_stories_an_edit_leaves_alone_are_not_rendered_again(tmp_path, monkeypatch):
    root = tmp_path / "archive"
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text("title: Stories\n")
    texts = {  # three stories that have nothing in common (so none is related coverage of another)
        "aleppo": "Officials in Aleppo said on Monday that 3,000 people had fled the shelling. Talks stalled",
        "mosul": "The harvest festival in Bergen opened with apples, bread and cheese from the farms. Crowds came",
        "juba": "Engineers in Porto said the new bridge over the Douro would open next spring. Tolls rise"}
    for story, (key, text) in enumerate(texts.items()):
        for version, outlet in enumerate(("Reuters", "Herald")):
            (root / "content" / f"s{story}v{version}.md").write_text(
                f"---\ntitle: {text.split('.')[0][:30]}\nsource: {outlet}\nstory: {key}\n---\n\n"
                f"{text}{' again' if version else ''}.\n")
    log = tmp_path / "rendered.txt"

    def logged(module, name, kind, story_of):
        real = getattr(module, name)

        def render(lookup, theme, unit, *rest):
            with log.open("a") as out:  # a file: the pages render in forked workers
                out.write(f"{kind}:{story_of(lookup, unit)}\n")
            return real(lookup, theme, unit, *rest)
        monkeypatch.setattr(module, name, render)

    logged(render_compare, "story_compares", "compare", lambda lookup, story: story.id)
    logged(render_article, "group_pages", "article", lambda lookup, group: lookup.story_of[group[0]].id)
    logged(render_entities, "_entity_pages", "entity", lambda lookup, entity: entity.name.replace(" ", "_"))
    logged(render_story, "story_page", "story", lambda lookup, story: story.id)
    logged(export, "_group_records", "data", lambda site, story: story.id)
    every = ["article:aleppo", "article:juba", "article:mosul", "compare:aleppo", "compare:juba", "compare:mosul",
             "data:aleppo", "data:juba", "data:mosul",
             "entity:Aleppo", "entity:Bergen", "entity:Douro", "entity:Mo", "entity:Porto",
             "story:aleppo", "story:juba", "story:mosul"]
    assert main(["--source", str(root)]) == 0
    assert sorted(log.read_text().split()) == every
    log.unlink()
    edited = root / "content/s1v1.md"
    edited.write_text(edited.read_text().replace("came again", "came once more"))
    assert main(["--source", str(root)]) == 0
    # the story's pages and data, and the pages of the entity the edited version names
    assert sorted(log.read_text().split()) == ["article:mosul", "compare:mosul", "data:mosul", "entity:Bergen",
                                               "story:mosul"]
    log.unlink()
    renamed = root / "content/s0v1.md"  # an outlet's name: shown on the pages of the entities it names
    renamed.write_text(renamed.read_text().replace("source: Herald", "source: Courier"))
    assert main(["--source", str(root)]) == 0
    assert sorted(log.read_text().split()) == ["article:aleppo", "compare:aleppo", "data:aleppo", "entity:Aleppo",
                                               "entity:Mo", "story:aleppo"]
    log.unlink()
    bylined = root / "content/s2v1.md"  # a byline: on the article's pages, not on its entities'
    bylined.write_text(bylined.read_text().replace("source: Herald", "source: Herald\nbyline: A. Writer"))
    assert main(["--source", str(root)]) == 0
    assert sorted(log.read_text().split()) == ["article:juba", "compare:juba", "data:juba", "story:juba"]
    assert main(["--source", str(root), "--output", str(tmp_path / "whole")]) == 0
    assert tree(root / "build") == tree(tmp_path / "whole")
    (root / "templates").mkdir()
    (root / "templates/compare.html").write_text(
        (Path(render_compare.__file__).parents[1] / "templates/compare.html").read_text().replace("Swap sides", "Swap"))
    log.unlink()
    assert main(["--source", str(root)]) == 0
    assert sorted(log.read_text().split()) == every  # a template changed: every page again
    (root / "content/s2v0.md").unlink()  # a version of the bridge gone: Porto and Douro named in one article
    log.unlink()
    assert main(["--source", str(root)]) == 0
    assert sorted(log.read_text().split()) == ["article:juba", "compare:juba", "data:juba", "entity:Douro",
                                               "entity:Porto"]
    assert main(["--source", str(root), "--output", str(tmp_path / "whole")]) == 0
    assert tree(root / "build") == tree(tmp_path / "whole")


def test_the_listing_pages_an_edit_leaves_alone_are_not_rendered_again(tmp_path, monkeypatch):
    root = tmp_path / "archive"
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text("title: Listings\n")
    for n, (outlet, date) in enumerate([("Reuters", "2020-03-01"), ("Herald", "2020-03-02"), ("Herald", "2021-05-09")]):
        (root / "content" / f"a{n}.md").write_text(
            f"---\ntitle: Report {n}\nsource: {outlet}\ndate: {date}\n---\n\nWords of report {n} from Oslo.\n")
    log = tmp_path / "rendered.txt"
    real = render_context.page

    def page(theme, name, config, lang="", page_path=None, page_title="", **context):
        with log.open("a") as out:  # a file: the pages render in forked workers
            out.write(f"/{page_path}\n")
        return real(theme, name, config, lang, page_path, page_title, **context)
    monkeypatch.setattr(render_context, "page", page)

    def listings() -> list[str]:
        shown = sorted(p for p in log.read_text().split() if p.startswith(("/dates/", "/sources/")) or p == "/")
        log.unlink()
        return shown

    assert main(["--source", str(root)]) == 0
    assert listings() == ["/", "/dates/", "/dates/2020/", "/dates/2020/03/", "/dates/2021/", "/dates/2021/05/",
                          "/sources/", "/sources/herald/", "/sources/reuters/"]
    body = root / "content/a1.md"
    body.write_text(body.read_text().replace("Words", "More words"))
    assert main(["--source", str(root)]) == 0
    # its source's pages only: their template is given the source's Articles, text and all
    assert listings() == ["/sources/herald/"]
    body.write_text(body.read_text().replace("Report 1", "Report one"))
    assert main(["--source", str(root)]) == 0
    assert listings() == ["/", "/dates/2020/03/", "/sources/herald/"]  # the title is on those
    from generator.page_memo import MEMO_DIR

    (root / MEMO_DIR / "listing.all").write_bytes(b"not a pickle")  # a broken entry: not trusted
    body.write_text(body.read_text().replace("More words", "Other words"))
    assert main(["--source", str(root)]) == 0
    assert len(listings()) == 9
    assert main(["--source", str(root), "--output", str(tmp_path / "whole")]) == 0
    log.unlink()
    assert tree(root / "build") == tree(tmp_path / "whole")


def test_the_remembered_pages_no_part_of_the_build_stored_are_dropped_after_it(tmp_path):
    import os
    import time

    from generator.page_memo import MEMO_DIR, prune_untouched

    memo = tmp_path / MEMO_DIR
    (memo / "article").mkdir(parents=True)  # an older version's layout: a folder of entries
    (memo / "article" / "0f3a").write_bytes(b"")
    (memo / "compare.1-4").write_bytes(b"")  # a part of a build on four cores
    os.utime(memo / "compare.1-4", (0, 0))
    began = time.time()
    (memo / "compare.1-2").write_bytes(b"")  # a part of this build
    prune_untouched(tmp_path, began)
    assert sorted(p.name for p in memo.iterdir()) == ["compare.1-2"]


def test_the_listing_of_build_names_links_without_following_them(tmp_path):
    from generator.uptodate import output_files

    (tmp_path / "d").mkdir()
    (tmp_path / "d/b.html").write_text("b")
    (tmp_path / "a.html").write_text("aa")
    (tmp_path / "to-folder").symlink_to(tmp_path / "d")
    (tmp_path / "to-file").symlink_to(tmp_path / "a.html")
    (tmp_path / "broken").symlink_to(tmp_path / "missing")
    found = output_files(tmp_path)
    assert sorted(found) == ["a.html", "broken", "d/b.html", "to-file", "to-folder"]
    assert found["a.html"][0] == 2 and found["to-folder"] == [(tmp_path / "to-folder").lstat().st_size,
                                                              (tmp_path / "to-folder").lstat().st_mtime_ns]
    assert output_files(tmp_path / "missing") is None


def test_a_template_saved_while_a_build_runs_is_the_next_builds_and_no_page_is_kept_from_before(tmp_path,
                                                                                              monkeypatch):
    from generator import pipeline

    root = copy_archive(tmp_path / "archive")
    (root / "templates").mkdir()
    template = root / "templates/article.html"
    original = (Path(render_article.__file__).parents[1] / "templates/article.html").read_text()
    template.write_text(original)
    real = pipeline.read_and_annotate

    def saved_meanwhile(config, **given):  # the theme is loaded; the editor saves the template now
        template.write_text(original.replace('<article class="article">', '<article class="article saved">'))
        return real(config, **given)
    monkeypatch.setattr(pipeline, "read_and_annotate", saved_meanwhile)
    assert main(["--source", str(root)]) == 0
    monkeypatch.undo()
    pages = [p for p in tree(root / "build") if p.startswith("articles/")]
    assert pages and not any(b'class="article saved"' in (root / "build" / p).read_bytes() for p in pages)
    assert main(["--source", str(root)]) == 0
    assert all(b'class="article saved"' in (root / "build" / p).read_bytes() for p in pages)
    assert main(["--source", str(root), "--output", str(tmp_path / "whole")]) == 0
    assert tree(root / "build") == tree(tmp_path / "whole")


def test_a_stamp_made_from_the_last_one_looks_only_at_the_files_written_and_is_never_wrongly_up_to_date(tmp_path):
    from generator import uptodate
    from generator.config import SiteConfig
    from generator.write import write_site

    config, out = SiteConfig(root=tmp_path, title="Archive"), tmp_path / "build"
    uptodate.record(config, out, "in", 0, [], "built", write_site({"a.html": b"1", "b/c.html": b"2"}, out))
    last = uptodate.read_stamp(config, out)
    assert last is not None and uptodate.holds(last, out)
    digests = write_site({"a.html": b"1", "b/c.html": b"3", "d.html": b"4"}, out, uptodate.written(last))
    uptodate.record(config, out, "in", 0, [], "built", digests, last)
    again = uptodate.read_stamp(config, out)
    assert again is not None and uptodate.holds(again, out)
    assert again.files["a.html"] == last.files["a.html"]  # not written, not looked at
    assert set(again.files) == {"a.html", "b/c.html", "d.html"}
    write_site({"a.html": b"1", "b/c.html": b"3", "d.html": b"4"}, out)  # written whole: every file again
    uptodate.record(config, out, "in", 0, [], "built", digests, again)
    assert not uptodate.holds(uptodate.read_stamp(config, out), out)  # so the next build writes it whole


def test_each_content_file_is_read_once_for_the_check_and_the_build(tmp_path, monkeypatch):
    root = copy_archive(tmp_path / "archive")
    articles = len(list((root / "content").rglob("*.md")))
    read = []
    real = Path.read_bytes

    def read_bytes(path):
        if root / "content" in path.parents:
            read.append(path)
        return real(path)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert main(["--source", str(root)]) == 0
    assert len(read) == len(set(read)) == articles
