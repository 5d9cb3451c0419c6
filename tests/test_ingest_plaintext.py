"""Importing raw wire text: parsing, the Markdown written, and import_files."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.errors import ContentError
from generator.ingest import import_files, parse_wire_text, to_markdown
from generator.ingest.frontmatter import (
    FRONT_MATTER_KEYS,
    escape_heading,
    escape_paragraph,
    split_front_matter,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
WIRE_SEED = FIXTURES / "000_76ffca70706f2834.txt"
REWRITE_SEED = FIXTURES / "001_99866da219166280.txt"
CASES = [
    case
    for path in sorted(FIXTURES.glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]


def read_back(markdown: str) -> tuple[dict, list[tuple[str, str]]]:
    """Front matter as YAML reads it; body blocks as CommonMark renders them."""
    front, body = split_front_matter(markdown)
    rendered = MarkdownIt("commonmark").render(body)
    blocks = re.findall(r"<(h2|p)>(.*?)</\1>\n", rendered)
    # Anything else (emphasis, links, lists, raw HTML) would be a failure to escape.
    assert "".join(f"<{tag}>{text}</{tag}>\n" for tag, text in blocks) == rendered
    assert not re.search(r"<[a-z]", "".join(text for _, text in blocks))
    kinds = {"h2": "heading", "p": "paragraph"}
    return yaml.safe_load(front) or {}, [(kinds[tag], html.unescape(text)) for tag, text in blocks]


def imported_paths(sources: list[Path], content: Path, **arguments: str) -> list[Path]:
    return [imported.path for imported in import_files(sources, content, **arguments)]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_fixture_case_is_written_as_expected(case):
    article = parse_wire_text(case["raw"], **case.get("args", {}))
    assert to_markdown(article) == case["markdown"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_fixture_case_reads_back_unchanged(case):
    article = parse_wire_text(case["raw"], **case.get("args", {}))
    front, blocks = read_back(to_markdown(article))
    fields = {key: getattr(article, key) for key in FRONT_MATTER_KEYS}
    assert front == {key: value for key, value in fields.items() if value}
    assert blocks == list(article.body)


def test_seeds_import_with_their_metadata_subheads_and_credits(tmp_path):
    content = tmp_path / "content"
    (wire_path,) = imported_paths([WIRE_SEED], content, story="aleppo-2016")
    (rewrite_path,) = imported_paths(
        [REWRITE_SEED], content, source="Unknown newspaper", story="aleppo-2016"
    )
    wire_front, wire_body = read_back(wire_path.read_text(encoding="utf-8"))
    rewrite_front, rewrite_body = read_back(rewrite_path.read_text(encoding="utf-8"))

    for seed, body in [(WIRE_SEED, wire_body), (REWRITE_SEED, rewrite_body)]:
        assert body == list(parse_wire_text(seed.read_text(encoding="utf-8")).body)
    assert wire_path.name == "rebels-defiant-as-syrian-army-nears-aleppos-old-city.md"
    assert rewrite_path.name == "rebels-in-aleppo-have-told-the-united-states-they-will-not.md"
    assert wire_front["title"] == "Rebels defiant as Syrian army nears Aleppo's Old City"
    assert (wire_front["byline"], wire_front["dateline"], wire_front["source"]) == (
        "Tom Perry", "BEIRUT", "Reuters"
    )
    assert wire_front["story"] == "aleppo-2016"
    assert wire_front["credits"].startswith("Additional reporting by Firas Makdesi in Aleppo")
    assert wire_front["credits"].endswith("Clelia Oziel and Alexander Smith")
    assert [text for kind, text in wire_body if kind == "heading"] == [
        'ARMY TO REGAIN ALEPPO "IN WEEKS"', "PEOPLE INSPECT HOMES"
    ]
    assert wire_body[0][1].startswith("Syria's army and allied militia advanced")
    assert wire_body[-1][1].endswith("captured eastern districts of eastern Aleppo.")
    assert not any("Editing by" in text or "(Reuters)" in text for _, text in wire_body)

    assert rewrite_front["title"] == (
        "Rebels in Aleppo have told the United States they will not leave\u2026"
    )
    assert rewrite_front["source"] == "Unknown newspaper"
    assert "byline" not in rewrite_front and "credits" not in rewrite_front
    assert [text for kind, text in rewrite_body if kind == "heading"] == [
        "UN truce proposal", "Food running out"
    ]
    assert rewrite_body[0] == ("paragraph", REWRITE_SEED.read_text(encoding="utf-8").split("\n")[0])
    assert any("Lebanon\u2019s highly trained Hizbullah." in text for _, text in rewrite_body)


def test_an_article_already_in_content_is_not_written_again(tmp_path):
    raw = write(tmp_path, "a.txt", "Port strike ends\n\nDockers went back to work.\n")
    content = tmp_path / "content"
    first = imported_paths([raw], content)
    written = first[0].read_text(encoding="utf-8")
    again = imported_paths([raw], content, source="Another outlet")
    assert again == first
    assert first[0].read_text(encoding="utf-8") == written
    assert sorted(content.iterdir()) == [content / "port-strike-ends.md"]


def test_a_different_article_with_a_taken_title_gets_a_suffix(tmp_path):
    one = write(tmp_path, "one.txt", "Port strike ends\n\nDockers went back to work.\n")
    two = write(tmp_path, "two.txt", "Port strike ends\n\nDockers returned on Monday.\n")
    three = write(tmp_path, "three.txt", "Port strike ends\n\nShips sailed again.\n")
    paths = imported_paths([one, two, three, one], tmp_path / "content")
    assert [path.stem for path in paths] == [
        "port-strike-ends", "port-strike-ends-2", "port-strike-ends-3", "port-strike-ends"
    ]


def test_a_long_title_is_cut_at_a_dash(tmp_path):
    raw = write(tmp_path, "a.txt", "Officials say.\n\nText of the story.\n")
    title = "Government and opposition negotiators agree framework for ceasefire talks in Geneva"
    (path,) = imported_paths([raw], tmp_path, title=title)
    assert path.name == "government-and-opposition-negotiators-agree-framework-for.md"
    assert len(path.stem) <= 60


EMPTY = "the file is empty: there is no article to import; check that it was saved whole"
BINARY = (
    "the file holds NUL bytes, so it is not plain text (a PDF, a word-processor or a UTF-16 "
    "file?); save the article as plain UTF-8 text and import that"
)
NOT_UTF8 = (
    "the file is not UTF-8 text (byte 0xe9 on line 3); convert it to UTF-8 "
    "(for example `iconv -f windows-1252 -t utf-8`) and import it again"
)
NO_TEXT = (
    "the file has a headline or credits but no article text; "
    "check that the whole article was saved"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", EMPTY),
        (b"\xef\xbb\xbf \n\n", EMPTY),
        (b"%PDF-1.4\x00\x01", BINARY),
        (b"Headline\n\nCaf\xe9 owners said.\n", NOT_UTF8),
        (b"Headline only\n\n(Reporting by Ann Lee)\n", NO_TEXT),
    ],
    ids=["empty", "bom-and-blanks", "binary", "latin-1", "no-text"],
)
def test_a_file_that_is_not_an_article_is_a_content_error(tmp_path, data, message):
    bad = write(tmp_path, "bad.txt", data)
    with pytest.raises(ContentError) as raised:
        import_files([bad], tmp_path / "content")
    assert (raised.value.path, raised.value.line, raised.value.message) == (str(bad), 0, message)
    assert not (tmp_path / "content").exists()


def test_every_bad_file_is_reported_and_nothing_is_written(tmp_path):
    good = write(tmp_path, "good.txt", "Port strike ends\n\nDockers went back to work.\n")
    empty = write(tmp_path, "empty.txt", b"")
    binary = write(tmp_path, "binary.txt", b"\x00\x01")
    with pytest.raises(ContentError) as raised:
        import_files([good, empty, binary], tmp_path / "content")
    assert raised.value.path == str(empty)
    assert [note.split(":")[0] for note in raised.value.__notes__] == [str(binary)]
    assert not (tmp_path / "content").exists()


def test_a_title_argument_needs_exactly_one_file(tmp_path):
    one = write(tmp_path, "one.txt", "Text one.\n")
    two = write(tmp_path, "two.txt", "Text two.\n")
    with pytest.raises(ContentError) as raised:
        import_files([one, two], tmp_path / "content", title="One title")
    assert str(raised.value) == (
        f"{two}: --title names one article but 2 files were given; import each file with its "
        "own --title, or leave --title out to use each file's headline"
    )


def test_a_date_argument_must_be_iso(tmp_path):
    one = write(tmp_path, "one.txt", "Text one.\n")
    with pytest.raises(ContentError) as raised:
        import_files([one], tmp_path / "content", date="4 Dec 2016")
    assert raised.value.message == (
        "--date '4 Dec 2016' is not an ISO 8601 date; give it as YYYY-MM-DD"
    )


# Words of Markdown punctuation and any other printable character, one space apart.
_WORDS = st.lists(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("#-+*_>`~[]()<&;!\\=|.:)0123456789aZ"),
            st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
        ),
        min_size=1, max_size=8,
    ),
    min_size=1, max_size=6,
).map(" ".join)


@given(_WORDS)
def test_any_paragraph_text_reads_back_unchanged(text):
    rendered = MarkdownIt("commonmark").render(escape_paragraph(text))
    assert rendered == f"<p>{html.escape(text, quote=True).replace('&#x27;', chr(39))}</p>\n"


@given(_WORDS)
def test_any_heading_text_reads_back_unchanged(text):
    rendered = MarkdownIt("commonmark").render("## " + escape_heading(text))
    assert rendered == f"<h2>{html.escape(text, quote=True).replace('&#x27;', chr(39))}</h2>\n"
