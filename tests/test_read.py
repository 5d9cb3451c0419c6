from pathlib import Path

import pytest
import yaml

from generator.errors import ContentError
from generator.read import read_article, read_articles

CASES = yaml.safe_load((Path(__file__).parent / "fixtures/read/errors.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["error"][13:50] for c in CASES])
def test_broken_files_are_reported_with_file_and_line(case):
    with pytest.raises(ContentError) as err:
        read_article(case["text"].encode(), "a.md")
    assert str(err.value) == case["error"]


def test_binary_and_non_utf8_files_are_refused():
    with pytest.raises(ContentError, match=r"^content/a.md:4: is a binary file"):
        read_article(b"---\ntitle: x\n---\n\0\0", "a.md")
    with pytest.raises(ContentError) as err:
        read_article(b"---\ntitle: x\n---\ncaf\xe9\n", "a.md")
    assert str(err.value) == "content/a.md:4: is not valid UTF-8: save the file as UTF-8"


def test_an_article_reads_into_text_blocks_and_metadata():
    data = ("\ufeff---\r\ntitle: Rebels defiant\r\nsource: Reuters\r\ndate: 2016-12-04\r\nstory: aleppo\r\n"
            "---\r\n\r\nThe *army* advanced.\r\n\r\n## PEOPLE INSPECT HOMES\r\n\r\nResidents returned.\r\n").encode()
    article = read_article(data, "wire/Rebels Defiant.md")
    assert article.id == "wire/rebels-defiant"
    assert (article.title, article.source, article.date, article.story) == (
        "Rebels defiant", "Reuters", "2016-12-04", "aleppo")
    assert article.text == "Rebels defiant\n\nThe army advanced.\n\nPEOPLE INSPECT HOMES\n\nResidents returned."
    assert [(b.kind, article.text[b.start:b.end]) for b in article.blocks] == [
        ("title", "Rebels defiant"), ("paragraph", "The army advanced."),
        ("heading", "PEOPLE INSPECT HOMES"), ("paragraph", "Residents returned.")]
    (em,) = article.blocks[1].inlines
    assert article.text[em.start:em.end] == "army"


def test_slug_sets_the_id_and_cannot_climb_out_of_the_site():
    assert read_article(b"---\ntitle: T\nslug: /World/Syria Today\n---\nx\n", "a.md").id == "world/syria-today"
    with pytest.raises(ContentError) as err:
        read_article(b"---\ntitle: T\nslug: ../../etc/Passwd\n---\nx\n", "a.md")
    assert str(err.value) == ("content/a.md:3: front-matter 'slug' '../../etc/Passwd' would write outside "
                              "build/ ('..'): give a plain name such as 'etc-passwd'")


def test_a_date_that_is_no_date_is_an_error_on_its_line_not_a_crash():
    with pytest.raises(ContentError) as err:
        read_article(b"---\ntitle: T\ndate: 2016-13-45\n---\nx\n", "a.md")
    assert str(err.value) == ("content/a.md:3: front-matter 'date' is not a date: '2016-13-45'; "
                              "write it as 2016-12-04 or 2016-12-04T08:00:00Z")


def test_raw_html_and_script_links_do_not_survive():
    article = read_article(b"---\ntitle: T\n---\n<script>alert(1)</script> [x](javascript:alert(1)) "
                           b"[ok](https://example.org)\n", "a.md")
    assert "<script>alert(1)</script>" in article.text  # kept as text, escaped when rendered
    assert [i.href for b in article.blocks for i in b.inlines] == ["https://example.org"]


def test_one_broken_file_leaves_the_others_read(tmp_path):
    (tmp_path / "b.md").write_text("---\ntitle: Good\n---\nText.\n")
    (tmp_path / "a.md").write_text("---\ntitle: [bad\n---\n")
    (tmp_path / "notes.txt").write_text("not an article")
    result = read_articles(tmp_path)
    assert [a.id for a in result.articles] == ["b"]
    assert [e.path for e in result.errors] == ["content/a.md"]
    assert [str(w) for w in result.warnings] == [
        ("content/notes.txt: is a file, not an article, so it is not published: only .md files are; "
        "move it out of content/")]
