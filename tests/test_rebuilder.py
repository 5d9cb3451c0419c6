"""The warm process of build --serve: each build in a child of it, as `build ARGS` would make it."""
import os
import shutil
import signal
import threading
import time
from pathlib import Path

from conftest import copy_archive
from test_cli import tree

from generator.cli import main
from generator.rebuilder import Rebuilder, _build_in_child


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


def test_the_child_of_the_last_build_previews_an_edit_until_the_next_build(tmp_path):
    root = copy_archive(tmp_path / "archive")
    builder = Rebuilder(["--source", str(root)])
    try:
        assert builder.build().code == 0
        assert builder.preview(()) == (None, "")  # returns once the site is ready for previews
        article = min((root / "content").glob("*.md"))
        article.write_text(article.read_text() + "\nOfficials said the talks would resume.\n")
        pages, error = builder.preview([str(article)])
        page = f"articles/{article.stem}/index.html"
        assert error == "" and b"talks would resume" in pages[page]
        assert b"talks would resume" not in (root / "build" / page).read_bytes()  # built only by the build
        assert builder.build().code == 0
        assert (root / "build" / page).read_bytes() == pages[page]
        (root / "site.yaml").write_text((root / "site.yaml").read_text() + "colour: blue\n")
        assert builder.build().code == 1
        assert builder.preview([str(article)]) == (None, "")  # no site: a failed build wrote none
    finally:
        builder.close()


def test_the_child_that_keeps_the_last_site_lives_until_a_build_writes_another_or_fails(tmp_path):
    root = copy_archive(tmp_path / "archive")
    article = str(min((root / "content").glob("*.md")))
    builder = Rebuilder(["--source", str(root)])
    try:
        assert builder.build().code == 0
        [first] = _children(builder.process.pid)
        assert builder.preview([article])[0]
        assert builder.build().code == 0  # nothing changed: the same site, the same keeper
        assert _children(builder.process.pid) == {first}
        Path(article).write_text(Path(article).read_text() + "\nOfficials said the talks would resume.\n")
        assert builder.build().code == 0
        [second] = _children(builder.process.pid)
        assert second != first and builder.preview([article])[0]
        os.kill(second, signal.SIGKILL)  # a keeper that died gives no preview
        warm = builder.process.pid
        assert builder.preview([article]) == (None, "")
        assert builder.build().code == 0  # nothing changed, and no keeper: the site is made again
        assert builder.process.pid == warm  # (the warm process lived through it)
        [third] = _children(builder.process.pid)
        assert third != second and builder.preview([article])[0]
        (root / "site.yaml").write_text((root / "site.yaml").read_text() + "colour: blue\n")
        assert builder.build().code == 1
        assert _children(builder.process.pid) == set() and builder.preview([article]) == (None, "")
    finally:
        builder.close()


def test_a_build_that_dies_is_reported_though_its_workers_hold_its_pipe():
    def dies(args, built):
        if os.fork() == 0:  # a worker: it holds the child's end of the report pipe for a minute
            time.sleep(60)
            os._exit(0)
        os.kill(os.getpid(), signal.SIGKILL)

    done = []
    waiter = threading.Thread(target=lambda: done.append(_build_in_child(dies, [], None)), daemon=True)
    waiter.start()
    waiter.join(timeout=20)
    assert done and done[0][0]["code"] == -signal.SIGKILL and done[0][1] is None


def _children(pid: int) -> set[int]:
    return {int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()}


def test_a_keeper_too_big_for_a_build_beside_it_is_stopped_before_the_build():
    class Big:
        killed = False

        def memory(self) -> int:
            return 10**12  # kB: more than twice this machine's

        def kill(self) -> int:
            Big.killed = True
            return 0

    reply, keeper = _build_in_child(lambda args, built: built(None, None) or 0, [], Big())
    try:
        assert Big.killed and reply["code"] == 0 and keeper is not None  # nothing changed: the new child keeps
    finally:
        keeper.kill()
