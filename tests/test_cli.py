import json
from pathlib import Path

from generator.cli import main


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_seed_archive_builds_every_page_type(built_seed_site):
    files = tree(built_seed_site)
    articles = [p for p in files if p.startswith("articles/") and p.endswith("index.html")]
    assert "index.html" in files and "search/index.html" in files and "entities/index.html" in files
    assert len(articles) == 2
    assert [p for p in files if p.startswith("stories/") and p.count("/") == 2] == ["stories/aleppo-2016/index.html"]
    assert any(p.startswith("entities/hezbollah/") for p in files)
    page = files[articles[0]].decode()
    assert 'class="ent ent-place"' in page and 'class="num num-' in page


def test_the_data_files_follow_the_documented_shape(built_seed_site):
    stories = json.loads((built_seed_site / "data/stories.json").read_text())
    (story,) = stories
    assert story["id"] == "aleppo-2016" and len(story["articles"]) == 2
    record = json.loads((built_seed_site / f"data/articles/{story['original']}.json").read_text())
    assert record["source"] == "Reuters" and record["story"] == "aleppo-2016"
    for mention in record["entities"]:
        assert record["text"][mention["start"]:mention["end"]] == mention["text"]
    hezbollah = [e for e in json.loads((built_seed_site / "data/entities.json").read_text()) if e["id"] == "hezbollah"]
    assert hezbollah[0]["aliases"] == ["Hezbollah", "Hizbullah"]


def test_output_is_byte_identical_between_builds(seed_archive, built_seed_site, tmp_path):
    assert main(["--source", str(seed_archive), "--output", str(tmp_path / "again")]) == 0
    assert tree(tmp_path / "again") == tree(built_seed_site)


def test_a_broken_site_yaml_writes_nothing_and_names_the_line(seed_archive, capsys):
    assert main(["--source", str(seed_archive)]) == 0
    before = tree(seed_archive / "build")
    capsys.readouterr()
    (seed_archive / "site.yaml").write_text("title: Archive\nbase_ulr: /x/\n")
    assert main(["--source", str(seed_archive)]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", "error: site.yaml:2: unknown key 'base_ulr' (did you mean 'base_url'?)\n")
    assert tree(seed_archive / "build") == before


def test_a_broken_article_is_left_out_and_the_rest_is_built(seed_archive, capsys):
    (seed_archive / "content/broken.md").write_text("---\ntitle: Broken\ndate: yesterday\n---\nText.\n")
    assert main(["--source", str(seed_archive)]) == 1
    out, err = capsys.readouterr()
    assert err == ("error: content/broken.md:3: front-matter 'date' is not a date: 'yesterday'; "
                   "write it as 2016-12-04 or 2016-12-04T08:00:00Z\n")
    assert out.startswith("built 2 articles, 1 stories,") and "1 left out (see above)" in out
    assert len(list((seed_archive / "build/articles").glob("*/index.html"))) == 2


def test_an_archive_whose_every_article_is_wrong_builds_an_empty_site_and_reports_each(seed_archive, capsys):
    for path in (seed_archive / "content").glob("*.md"):
        path.write_text("---\ntitle: [oops\n---\n")
    assert main(["--source", str(seed_archive)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and err.count("error: content/") == 2
    assert out.startswith("built 0 articles, 0 stories,")
    manifest = json.loads((seed_archive / "build/search/manifest.json").read_text())
    assert (manifest["docs"], manifest["shards"]) == (0, [])
    assert (seed_archive / "build/index.html").exists() and (seed_archive / "build/search/index.html").exists()


def test_strict_writes_nothing_when_an_article_is_broken(seed_archive, capsys):
    (seed_archive / "content/broken.md").write_text("---\ntitle: [oops\n---\n")
    assert main(["--source", str(seed_archive), "--strict"]) == 1
    assert not (seed_archive / "build").exists()
    assert capsys.readouterr().err.endswith("1 problem(s); --strict: nothing written\n")


def test_a_template_error_writes_nothing_and_names_the_template_line(seed_archive, capsys):
    assert main(["--source", str(seed_archive)]) == 0
    before = tree(seed_archive / "build")
    (seed_archive / "templates").mkdir()
    (seed_archive / "templates/article.html").write_text("{% extends 'base.html' %}\n{% block content %}\n{{ oops(\n")
    capsys.readouterr()
    assert main(["--source", str(seed_archive)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: templates/article.html:3: ")
    assert tree(seed_archive / "build") == before


def test_two_articles_claiming_one_url_are_reported(seed_archive, capsys):
    (seed_archive / "content/a.md").write_text("---\ntitle: A\nslug: same\n---\nOne.\n")
    (seed_archive / "content/b.md").write_text("---\ntitle: B\nslug: same\n---\nTwo.\n")
    assert main(["--source", str(seed_archive)]) == 1
    assert ("error: content/b.md:1: has the same URL as content/a.md (id 'same'): "
            "give one of them a different `slug:` in its front matter\n") in capsys.readouterr().err


def test_import_turns_raw_wire_copy_into_content(tmp_path, capsys):
    raw = tmp_path / "wire.txt"
    raw.write_text("Talks stall in Geneva\n\nBy Jane Doe GENEVA (Reuters) - Talks stalled on Monday.\n")
    assert main(["import", str(raw), "--content", str(tmp_path / "content"), "--story", "geneva"]) == 0
    (written,) = (tmp_path / "content").glob("*.md")
    assert capsys.readouterr().out == f"{tmp_path / 'content' / written.name}\n"
    text = written.read_text()
    assert "title: Talks stall in Geneva" in text and "story: geneva" in text and "byline: Jane Doe" in text


def test_import_of_an_empty_file_is_an_error_not_a_traceback(tmp_path, capsys):
    raw = tmp_path / "empty.txt"
    raw.write_text("")
    assert main(["import", str(raw), "--content", str(tmp_path / "content")]) == 1
    assert capsys.readouterr().err.startswith(f"error: {raw}")


def test_the_story_page_shows_the_seed_figure_disagreement(built_seed_site):
    page = (built_seed_site / "stories/aleppo-2016/index.html").read_text()
    section = page[page.index("Where the figures disagree"):]
    assert "close to 30,000" in section[:1500] and "more than 30,000" in section[:1500]
    stories = json.loads((built_seed_site / "data/stories.json").read_text())
    figures = [d for d in stories[0]["discrepancies"] if d["kind"] == "figure"]
    assert [sorted({(m["text"], m["qualifier"]) for m in d["mentions"]}) for d in figures] == [
        [("close to 30,000", "approx"), ("more than 30,000", "min")]]


def test_a_build_under_a_project_url_carries_feeds_sitemap_and_canonical_links(seed_archive):
    config = seed_archive / "site.yaml"
    config.write_text(config.read_text().replace("base_url: /", "base_url: https://example.github.io/archive/"))
    assert main(["--source", str(seed_archive)]) == 0
    files = tree(seed_archive / "build")
    assert {".nojekyll", "404.html", "robots.txt", "sitemap.xml", "feed.xml",
            "stories/aleppo-2016/feed.xml"} <= set(files)
    for path in [p for p in files if p.startswith("articles/") and p.endswith("index.html")]:
        slug = path.split("/")[1]
        assert (f'<link rel="canonical" href="https://example.github.io/archive/articles/{slug}/">'
                in files[path].decode())
    assert b"https://example.github.io/archive/stories/aleppo-2016/" in files["sitemap.xml"]


def test_verbose_prints_the_time_of_each_stage_to_standard_error(seed_archive, capsys):
    assert main(["--source", str(seed_archive), "--verbose"]) == 0
    out, err = capsys.readouterr()
    stages = [line.split(":")[0] for line in err.splitlines()]
    assert [name for name in stages if not name.startswith("stage  ")] == [
        "stage check", "stage theme", "stage read and annotate", "stage stories, entities, alignment",
        "stage pages, search index, feeds, data (at once)", "stage write"]
    parts = [name.removeprefix("stage   ") for name in stages if name.startswith("stage  ")]
    assert {"search index", "feeds and sitemap", "data", "story, entity index, source, date and home pages", "entity pages 1/2"} <= set(parts)
    assert any(part.startswith("article pages") for part in parts) and any(p.startswith("compare") for p in parts)
    assert all(line.endswith(" s") and float(line.split(": ")[1][:-2]) >= 0 for line in err.splitlines())
    assert out.startswith("built 2 articles")
