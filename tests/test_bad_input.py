"""An archive of every unusual and every wrong input next to good articles: nothing is lost."""
import json
import os
import random
from pathlib import Path

from conftest import copy_archive

from generator.cli import main

WORDS = ("the", "talks", "resumed", "on", "monday", "while", "aid", "workers", "said", "convoys", "reached",
         "eastern", "districts", "and", "residents", "queued", "for", "bread", "as", "shelling", "eased", "river")


def big_article(size: int) -> str:
    """About SIZE bytes of plain prose in paragraphs, the same every run."""
    pick = random.Random(9).choice
    paragraphs, total = [], 0
    while total < size:
        paragraph = " ".join(pick(WORDS) for _ in range(120)).capitalize() + "."
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "---\ntitle: The long record\nstory: long-record\n---\n\n" + "\n\n".join(paragraphs) + "\n"


UNUSUAL = {
    "bom.md": "\ufeff---\ntitle: Starts with a BOM\nsource: Wire\n---\n\nConvoys reached Homs.\n".encode(),
    "crlf.md": b"---\r\ntitle: Windows line ends\r\ndate: 2016-12-05\r\n---\r\n\r\nAid arrived.\r\n\r\nMore aid.\r\n",
    "file with spaces.md": b"---\ntitle: Spaces in the name\n---\n\nRebels withdrew.\n",
    "\u0410\u043b\u0435\u043f\u043f\u043e \u0441\u0435\u0433\u043e\u0434\u043d\u044f.md":
        "---\ntitle: \u0410\u043b\u0435\u043f\u043f\u043e\nlang: ru\n---\n\n\u0410\u043b\u0435\u043f\u043f\u043e "
        "\u0441\u0435\u0433\u043e\u0434\u043d\u044f.\n".encode(),
    "lonely.md": b"---\ntitle: A story of one\nstory: only-version\n---\n\nNobody else covered this.\n",
    "big.md": big_article(10_000_000).encode(),
}
"""File -> bytes of inputs that are odd but valid; the id each gets is checked below."""

EXPECTED_IDS = {"bom.md": "bom", "crlf.md": "crlf", "file with spaces.md": "file-with-spaces",
                "\u0410\u043b\u0435\u043f\u043f\u043e \u0441\u0435\u0433\u043e\u0434\u043d\u044f.md": "aleppo-segodnia",
                "lonely.md": "lonely", "big.md": "big"}

WRONG = {
    "malformed.md": b"---\ntitle: Fine\nsource: [unclosed\n---\n\nText.\n",
    "no-title.md": b"---\nsource: Wire\n---\n\nText.\n",
    "yesterday.md": b"---\ntitle: When?\ndate: yesterday\n---\n\nText.\n",
    "listed.md": b"---\ntitle: T\nsource:\n  - A\n  - B\n---\n\nText.\n",
    "latin1.md": b"---\ntitle: Caf\xe9\n---\n\nText.\n",
    "empty.md": b"",
    "binary.md": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    "same-a.md": b"---\ntitle: First claim\nslug: shared\n---\n\nOne.\n",
    "same-b.md": b"---\ntitle: Second claim\nslug: shared\n---\n\nTwo.\n",
    "escape.md": b"---\ntitle: Climber\nslug: ../../../outside\n---\n\nText.\n",
    "notes.txt": b"an editor's note, not an article\n",
}

REPORT = [
    "error: content/binary.md:3: is a binary file, not Markdown text: remove it from content/",
    "error: content/empty.md:1: is empty: write an article or remove the file",
    ("error: content/escape.md:3: front-matter 'slug' '../../../outside' would write outside build/ ('..'): "
    "give a plain name such as 'outside'"),
    "error: content/latin1.md:2: is not valid UTF-8: save the file as UTF-8",
    "error: content/listed.md:3: front-matter 'source' must be text, not a list",
    "error: content/loop: is a symbolic link that leads back into its own folder (a loop): remove the link",
    ("error: content/malformed.md:3: invalid YAML in front matter: "
    "expected ',' or ']', but got '<stream end>'; fix the syntax"),
    "error: content/no-title.md:1: front matter has no 'title': add a `title: ...` line",
    "error: content/self.md: is a symbolic link loop (it leads back to itself): remove the link",
    ("error: content/yesterday.md:3: front-matter 'date' is not a date: 'yesterday'; "
    "write it as 2016-12-04 or 2016-12-04T08:00:00Z"),
    ("error: content/same-b.md:1: has the same URL as content/same-a.md (id 'shared'): "
    "give one of them a different `slug:` in its front matter"),
    ("warning: content/notes.txt: is a file, not an article, so it is not published: only .md files are; "
    "move it out of content/"),
]


def mixed_archive(root: Path) -> Path:
    copy_archive(root)
    for name, data in {**UNUSUAL, **WRONG}.items():
        (root / "content" / name).write_bytes(data)
    (root / "content/loop").symlink_to(root / "content")
    (root / "content/self.md").symlink_to("self.md")
    return root


def files_under(folder: Path) -> list[str]:
    """Every entry under FOLDER that is a file or a link, symlinks not followed."""
    found = []
    for parent, dirs, files in os.walk(folder):
        links = [d for d in dirs if Path(parent, d).is_symlink()]
        found += [Path(parent, name).relative_to(folder).as_posix() for name in files + links]
    return sorted(found)


def test_every_file_is_published_or_reported_and_nothing_crashes(tmp_path, capsys):
    root = mixed_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err.splitlines() == REPORT
    assert out.startswith("built 9 articles, ") and ", 11 left out (see above), 1 other file(s) in content/" in out

    records = [json.loads(p.read_text()) for p in (root / "build/data/articles").glob("*.json")]
    published = {r["path"]: r["id"] for r in records}
    for name, article_id in EXPECTED_IDS.items():
        assert published[name] == article_id
        assert (root / "build/articles" / article_id / "index.html").is_file()
    assert published["same-a.md"] == "shared"
    reported = {line.split(": ", 1)[1].split(":", 1)[0].removeprefix("content/") for line in REPORT}
    assert [f for f in files_under(root / "content") if f not in published and f not in reported] == []
    assert not (tmp_path / "outside").exists() and not (root / "outside").exists()

    stories = {s["id"]: s["articles"] for s in json.loads((root / "build/data/stories.json").read_text())}
    assert stories["only-version"] == ["lonely"]
    big = next(r for r in records if r["id"] == "big")
    assert len(big["text"]) > 9_900_000


def test_strict_writes_nothing_for_the_same_archive(tmp_path, capsys):
    root = mixed_archive(tmp_path / "archive")
    (root / "content/big.md").unlink()
    assert main(["--source", str(root), "--strict"]) == 1
    assert capsys.readouterr().err.endswith("12 problem(s); --strict: nothing written\n")
    assert not (root / "build").exists()
