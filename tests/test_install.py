"""`pip install` of the repository, then `build` in a folder that holds only site.yaml and content/."""
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_an_installed_package_builds_an_archive_outside_the_repository(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", str(REPO)],
                   check=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    installed = subprocess.run([python, "-c", "import generator; print(generator.__file__)"],
                               capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert installed.startswith(str(venv))

    archive = tmp_path / "my-archive"
    (archive / "content").mkdir(parents=True)
    (archive / "site.yaml").write_text("title: My archive\nbase_url: https://example.org/news/\n")
    (archive / "content" / "talks.md").write_text(
        "---\ntitle: Talks stall in Geneva\nsource: Reuters\ndate: 2020-01-02\n---\n\n"
        "United Nations envoy Staffan de Mistura said talks in Geneva had stalled.\n")
    run = subprocess.run([venv / "bin" / "build"], capture_output=True, text=True, cwd=archive, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("built 1 articles, 0 stories,")
    page = (archive / "build/articles/talks/index.html").read_text()
    assert "Talks stall in Geneva" in page and 'href="/news/static/style.css"' in page
    assert (archive / "build/static/lunr.js").stat().st_size > 10_000
