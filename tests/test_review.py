"""build --review: the doubtful judgements of the seed site, each with a correction that pastes."""
import html
import re

import yaml
from conftest import copy_archive

from generator.cli import main


def items(root) -> list[dict[str, str]]:
    page = (root / "build/review/index.html").read_text()
    found = []
    for block in re.findall(r'<li class="review-item">(.*?)</li>', page, re.DOTALL):
        kind = re.search(r"<strong>(.*?)</strong>", block)[1]
        code = html.unescape(re.search(r"<pre><code>(.*?)</code></pre>", block, re.DOTALL)[1])
        found.append({"kind": kind, "fix": code})
    return found


def test_the_review_lists_doubts_with_snippets_that_paste_and_hold(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    assert not (root / "build/review").exists()  # only when asked
    assert main(["--source", str(root), "--review"]) == 0
    page = (root / "build/review/index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    found = items(root)
    kinds = [item["kind"] for item in found]
    assert {"disagreement", "unsure name", "weak link"} <= set(kinds)
    merged: dict[str, list] = {}
    for item in found:
        for key, entries in yaml.safe_load(item["fix"]).items():
            merged.setdefault(key, []).extend(entries)
    (root / "corrections.yaml").write_text(yaml.safe_dump({k: v for k, v in merged.items() if k != "merges"}))
    capsys.readouterr()
    assert main(["--source", str(root)]) == 0
    assert "warning" not in capsys.readouterr().err  # every pasted correction found its place
    assert not (root / "build/review").exists()
    story = (root / "build/data/stories.json").read_text()
    assert '"status":"confirmed"' in story.replace(" ", "")
