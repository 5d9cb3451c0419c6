"""build --serve: an edit shows in the open page; a failed rebuild shows its error and keeps the last site."""
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from browser import chromium
from conftest import copy_archive

ARTICLE = "articles/rebels-in-aleppo-have-told-the-united-states-they-will-not/"
SOURCE = "content/rebels-in-aleppo-have-told-the-united-states-they-will-not.md"


def start(root: Path, *options: str) -> tuple[subprocess.Popen, str, list[str], list[str]]:
    """`build --serve --port 0` on ROOT: the process, its URL, and its standard error and output as
    they come."""
    # Ctrl-C (SIGINT) must stop it even when the tests run in a background job, whose processes
    # start with SIGINT ignored (and a child keeps an ignored signal ignored, a handled one not).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        server = subprocess.Popen([sys.executable, "-m", "generator", "--source", str(root), "--serve", "--port", "0", *options],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    url = ""
    while not url:
        line = server.stdout.readline()
        assert line, "the server stopped before serving"
        found = re.match(r"serving (http://127\.0\.0\.1:\d+/)", line)
        url = found[1] if found else ""
    errors: list[str] = []
    said: list[str] = []
    threading.Thread(target=lambda: errors.extend(server.stderr), daemon=True).start()
    threading.Thread(target=lambda: said.extend(server.stdout), daemon=True).start()
    return server, url, errors, said


def test_an_edit_reloads_the_page_and_a_broken_site_yaml_shows_its_error_over_the_last_good_site(tmp_path):
    root = copy_archive(tmp_path / "archive")
    server, url, errors, said = start(root)
    try:
        with chromium() as page:
            page.goto(url + ARTICLE)
            assert page.locator("h1").inner_text().startswith("Rebels in Aleppo have told")
            article = root / SOURCE
            article.write_text(article.read_text().replace("title: Rebels in Aleppo", "title: Edited, rebels in Aleppo", 1))
            page.locator("h1", has_text="Edited, rebels in Aleppo").wait_for(timeout=30_000)
            wait_for(lambda: any(line.startswith("built 2 articles") for line in said[2:]))
            assert said[0].startswith("watching for changes")
            assert said[1].startswith("previewed 4 page(s)")  # the story's: shown before the rebuild

            site_yaml = root / "site.yaml"
            good = site_yaml.read_text()
            site_yaml.write_text(good + "colour: blue\n")
            alert = page.locator("#build-error")
            alert.wait_for(timeout=30_000)
            assert "site.yaml:" in alert.inner_text() and "unknown key 'colour'" in alert.inner_text()
            assert page.locator("h1").inner_text().startswith("Edited, rebels in Aleppo")  # the last good site
            page.reload()  # a page opened meanwhile is told as well
            page.locator("#build-error").wait_for(timeout=10_000)
            assert (root / "build" / ARTICLE / "index.html").is_file()
            assert b"__reload" not in (root / "build" / ARTICLE / "index.html").read_bytes()

            site_yaml.write_text(good)
            page.wait_for_function("() => !document.getElementById('build-error')", timeout=30_000)
            assert page.locator("h1").inner_text().startswith("Edited, rebels in Aleppo")
            assert page.console_errors == []
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0
    time.sleep(0.2)
    assert any("unknown key 'colour'" in line for line in errors), errors
    assert not any("Traceback" in line for line in errors), errors


def test_a_failed_rebuild_after_a_preview_takes_the_page_back_to_the_last_good_build(tmp_path):
    root = copy_archive(tmp_path / "archive")
    (root / "corrections.yaml").write_text(
        f"mentions:\n  - article: {Path(SOURCE).stem}\n    exact: Hanano\n    suffix: ' district'\n    action: remove\n")
    server, url, errors, said = start(root, "--strict")
    try:
        with chromium() as page:
            page.goto(url + ARTICLE)
            wait_for(lambda: said and said[0].startswith("watching"))
            article = root / SOURCE
            article.write_text(article.read_text().replace("Hanano district", "Edited district", 1))  # the quote gone
            wait_for(lambda: any(line.startswith("rebuild failed") for line in errors))
            assert said[1].startswith("previewed 4 page(s)")
            page.locator("#build-error").wait_for(timeout=30_000)
            assert "'Hanano' is no longer in" in page.locator("#build-error").inner_text()
            assert "Hanano district" in page.locator("article").inner_text()  # the last good build, not the preview
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.1)


def test_the_watcher_sees_every_file_the_build_reads(tmp_path):
    from generator.scan import scan_content
    from generator.serve import snapshot

    content = tmp_path / "content"
    (content / "2024").mkdir(parents=True)
    (content / "2024/a.md").write_text("one")
    (content / ".drafts").mkdir()
    (content / ".drafts/b.md").write_text("hidden")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/c.md").write_text("linked")
    (content / "linked").symlink_to(tmp_path / "elsewhere")  # read by the build: watched too
    (content / "2024/loop").symlink_to(content)  # a loop: reported by the build, not followed
    (tmp_path / "site.yaml").write_text("title: T\n")
    static = tmp_path / "templates/static"
    (static / ".well-known").mkdir(parents=True)
    (static / ".well-known/security.txt").write_text("Contact: a@b.c")  # published by the theme
    files = sorted(Path(p).relative_to(tmp_path).as_posix() for p in snapshot(tmp_path) if not p.endswith(" ->"))
    assert files == ["content/2024/a.md", "content/linked/c.md", "site.yaml", "templates/static/.well-known/security.txt"]

    def changes(change) -> bool:
        before = snapshot(tmp_path)
        change()
        return snapshot(tmp_path) != before

    assert changes(lambda: (tmp_path / "elsewhere/c.md").write_text("linked, edited"))
    assert changes(lambda: (static / ".well-known/security.txt").write_text("Contact: x@y.z"))
    assert changes(lambda: (content / "zlink").symlink_to(tmp_path / "elsewhere"))  # read twice now
    assert len(scan_content(content).files) == 3
    assert changes(lambda: (content / "gone.md").symlink_to(tmp_path / "nowhere.md"))  # an error now
    assert changes(lambda: (content / "2024/again").symlink_to(content / "2024"))
    assert changes(lambda: (content / "2024/loop").unlink())
    assert changes(lambda: (content / "2024/a.md").chmod(0o200))  # unreadable: an error the build reports
    assert not changes(lambda: (content / ".drafts/b.md").write_text("hidden, edited"))
