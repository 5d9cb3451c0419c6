"""Shared fixtures: the seed archive copied into a temporary folder, and a built copy of it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent


def copy_archive(target: Path) -> Path:
    """The repository's example archive (site.yaml and content/) in TARGET."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site.yaml", target / "site.yaml")
    shutil.copytree(REPO / "content", target / "content")
    return target


def whole_build(root: Path, target: Path) -> Path:
    """ROOT's inputs (site.yaml, corrections.yaml, content/, templates/) built afresh in TARGET, a
    project of its own: its build/, to compare with ROOT's after an incremental build. (A build of
    ROOT with --output elsewhere would stamp ROOT's cache with that output, and ROOT's next build
    would then write everything again: nothing incremental left to test.)"""
    from generator.cli import main

    target.mkdir(parents=True)
    for name in ("site.yaml", "corrections.yaml"):
        if (root / name).exists():
            shutil.copy(root / name, target / name)
    for name in ("content", "templates"):
        if (root / name).exists():
            shutil.copytree(root / name, target / name, symlinks=True)
    main(["--source", str(target)])
    return target / "build"


@pytest.fixture
def seed_archive(tmp_path: Path) -> Path:
    return copy_archive(tmp_path / "archive")


@pytest.fixture(scope="session")
def built_seed_site(tmp_path_factory) -> Path:
    """The seed archive built once for the session; tests read it, never change it."""
    root = copy_archive(tmp_path_factory.mktemp("seed") / "archive")
    assert main(["--source", str(root)]) == 0
    return root / "build"
