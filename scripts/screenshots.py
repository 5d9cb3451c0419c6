#!/usr/bin/env python3
"""Screenshots of the seed site for the README: an article page and a compare view, light and dark.

    python3 scripts/screenshots.py [--out docs/screenshots]

Builds the example archive (site.yaml and content/ of this repository) into a temporary folder,
serves it on 127.0.0.1 and takes each picture in headless Chromium (Debian's /usr/bin/chromium)
at 1280 x 900, with the system theme set to light, then dark.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from browsing import chromium, serve

from generator.cli import main as build

PAGES = {
    "article": "articles/rebels-in-aleppo-have-told-the-united-states-they-will-not/",
    "compare": "stories/aleppo-2016/compare/rebels-defiant-as-syrian-army-nears-aleppos-old-city--"
               "rebels-in-aleppo-have-told-the-united-states-they-will-not/",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs/screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy(REPO / "site.yaml", root / "site.yaml")
        shutil.copytree(REPO / "content", root / "content")
        if build(["--source", str(root)]) != 0:
            return 1
        with serve(root / "build") as url:
            shoot(url, args.out)
    return 0


def shoot(url: str, out: Path) -> None:
    with chromium() as browser:
        for scheme in ("light", "dark"):
            page = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme).new_page()
            for name, path in PAGES.items():
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{name}-{scheme}.png"))
                print(out / f"{name}-{scheme}.png")


if __name__ == "__main__":
    sys.exit(main())
