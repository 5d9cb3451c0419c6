"""Reconciliation's decisions kept across builds while the articles' names stand."""
from conftest import copy_archive, whole_build
from test_cli import tree
from test_corrections import CORRECTIONS, REWRITE, WIRE

from generator.archive import entities
from generator.archive.entities_memo import ENTRY, RESOLVED
from generator.cli import main


def counted_builds(root, tmp_path, monkeypatch):
    """A function that builds ROOT and says how many times reconciliation decided anew, having
    checked that a whole build of the same inputs, in a project of its own, makes the same site."""
    decided = []
    real = entities._roots
    monkeypatch.setattr(entities, "_roots", lambda *args: decided.append(1) or real(*args))

    def build(step: str) -> int:
        before = len(decided)
        assert main(["--source", str(root)]) == 0
        made = len(decided) - before
        assert tree(root / "build") == tree(whole_build(root, tmp_path / step)), step
        return made
    return build


def test_decisions_are_kept_while_the_names_stand_and_the_site_is_what_a_whole_build_makes(tmp_path, monkeypatch):
    root = copy_archive(tmp_path / "archive")
    build = counted_builds(root, tmp_path, monkeypatch)
    assert build("first") == 1
    wire = root / f"content/{WIRE}.md"
    wire.write_text(wire.read_text() + "\nThe talks would resume within the week, they said.\n")
    assert build("a sentence without a name") == 0
    wire.write_text(wire.read_text().replace("The talks would resume", "Talks would resume"))
    assert build("a word mended") == 0
    wire.write_text(wire.read_text() + "\nIn Homs, Amnesty International counted the dead.\n")
    assert build("a name added") == 1
    rewrite = root / f"content/{REWRITE}.md"
    rewrite.write_text(rewrite.read_text().replace("story: aleppo-2016", "story: another"))  # its names, another story
    assert build("a version moved out of its story") == 1
    site_yaml = root / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("  entries:\n", "  entries:\n    - name: Homs\n      type: place\n"))
    assert build("a gazetteer") == 1


def test_corrected_articles_and_a_broken_entry(tmp_path, monkeypatch):
    """A corrected article's fingerprint is a digest of its annotation; an entry cut short or
    foreign is decided anew (the second reader's case)."""
    root = copy_archive(tmp_path / "archive")
    build = counted_builds(root, tmp_path, monkeypatch)
    assert build("first") == 1
    (root / "corrections.yaml").write_text(CORRECTIONS)
    assert build("corrected") == 1
    wire, rewrite = root / f"content/{WIRE}.md", root / f"content/{REWRITE}.md"
    wire.write_text(wire.read_text() + "\nThe talks would resume within the week, they said.\n")
    assert build("a corrected article edited") == 0
    rewrite.write_text(rewrite.read_text() + "\nThe talks would resume within the week, they said.\n")
    assert build("the other edited") == 0
    (root / "corrections.yaml").unlink()
    assert build("uncorrected") == 1
    (root / ENTRY).write_bytes(b"not a pickle")
    wire.write_text(wire.read_text() + "\nOne more.\n")
    assert build("foreign entry") == 1
    (root / ENTRY).write_bytes((root / ENTRY).read_bytes()[:1000])
    wire.write_text(wire.read_text() + "\nTwo more.\n")
    assert build("entry cut short") == 1
    wire.write_text(wire.read_text() + "\nThree more.\n")
    assert build("again") == 0


def test_while_the_decisions_stand_only_the_edited_articles_mentions_are_resolved_again(tmp_path, monkeypatch):
    """The other articles' resolved mentions (and their digests) are the last build's; a shard of
    them that is broken is resolved again, not trusted."""
    root = copy_archive(tmp_path / "archive")
    build = counted_builds(root, tmp_path, monkeypatch)
    resolved = []
    real = entities._resolved
    monkeypatch.setattr(entities, "_resolved", lambda *args: resolved.append(1) or real(*args))
    articles = len(list((root / "content").rglob("*.md")))
    assert build("first") == 1
    assert len(resolved) == 2 * articles  # each build() builds twice: here, and whole in a project of its own
    wire = root / f"content/{WIRE}.md"
    wire.write_text(wire.read_text() + "\nThe talks would resume within the week, they said.\n")
    del resolved[:]
    assert build("a sentence without a name") == 0
    assert len(resolved) == 1 + articles
    for shard in (root / RESOLVED).iterdir():
        shard.write_bytes(b"not a pickle")
    wire.write_text(wire.read_text() + "\nOne more.\n")
    del resolved[:]
    assert build("broken shards") == 0
    assert len(resolved) == 2 * articles
    wire.write_text(wire.read_text() + "\nTwo more.\n")
    del resolved[:]
    assert build("again") == 0
    assert len(resolved) == 1 + articles
