"""Reconciliation's decisions kept across builds while the articles' names stand."""
from conftest import copy_archive, whole_build
from test_cli import tree
from test_corrections import REWRITE, WIRE

from generator.archive import entities
from generator.cli import main


def test_decisions_are_kept_while_the_names_stand_and_the_site_is_what_a_whole_build_makes(tmp_path, monkeypatch):
    root = copy_archive(tmp_path / "archive")
    decided = []
    real = entities._roots
    monkeypatch.setattr(entities, "_roots", lambda *args: decided.append(1) or real(*args))

    def build(step: str) -> int:
        """Build ROOT; how many times reconciliation decided anew; then compare with a whole build."""
        before = len(decided)
        assert main(["--source", str(root)]) == 0
        made = len(decided) - before
        assert tree(root / "build") == tree(whole_build(root, tmp_path / step)), step
        return made

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
