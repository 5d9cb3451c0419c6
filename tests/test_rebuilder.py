"""The warm process of build --serve: each build in a child of it, as `build ARGS` would make it."""
import os
import shutil
import signal

from conftest import copy_archive
from test_cli import tree

from generator.cli import main
from generator.rebuilder import Rebuilder


def test_each_build_is_what_the_command_prints_and_the_process_stays_warm(tmp_path):
    root = copy_archive(tmp_path / "archive")
    builder = Rebuilder(["--source", str(root)])
    try:
        first = builder.build()
        assert first.code == 0 and first.stdout.startswith("built 2 articles") and first.stderr == ""
        warm = builder.process.pid
        article = next((root / "content").glob("*.md"))
        article.write_text(article.read_text().replace("title: ", "title: Edited, ", 1))
        again = builder.build()
        assert again.code == 0 and again.stdout.startswith("built 2 articles") and builder.process.pid == warm
        assert any("Edited, " in page.read_text() for page in (root / "build/articles").rglob("index.html"))
        (root / "site.yaml").write_text((root / "site.yaml").read_text() + "colour: blue\n")
        broken = builder.build()
        assert broken.code == 1 and "site.yaml:" in broken.stderr and "unknown key 'colour'" in broken.stderr
    finally:
        builder.close()


def test_a_warm_process_that_is_gone_is_started_again(tmp_path):
    root = copy_archive(tmp_path / "archive")
    builder = Rebuilder(["--source", str(root)])
    try:
        assert builder.build().code == 0
        gone = builder.process.pid
        os.kill(gone, signal.SIGKILL)
        builder.process.wait()
        outcome = builder.build()
        assert outcome.code == 0 and outcome.stdout.startswith("built 2 articles")
        assert builder.process.pid != gone
    finally:
        builder.close()


def test_rebuilds_in_the_warm_process_are_builds_of_their_own(tmp_path):
    """Whatever the warm process holds in memory between builds (the cache entries: tested in
    test_diskcache), what a rebuild writes is what a build of its own writes."""
    root = copy_archive(tmp_path / "archive")
    builder = Rebuilder(["--source", str(root)])
    try:
        assert builder.build().code == 0  # then the warm process reads the cache entries into memory
        article = min((root / "content").glob("*.md"))
        article.write_text(article.read_text() + "\nOfficials said the talks would resume.\n")
        assert builder.build().code == 0
    finally:
        builder.close()
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(root / "site.yaml", alone / "site.yaml")
    shutil.copytree(root / "content", alone / "content")
    assert main(["--source", str(alone)]) == 0
    assert tree(root / "build") == tree(alone / "build")
    assert "talks would resume" in (root / "build" / "data" / "articles" / f"{article.stem}.json").read_text()
