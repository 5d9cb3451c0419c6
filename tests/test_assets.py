"""lunr.js from npm: node_modules, the per-user cache, or `npm pack` checked against the lock."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path

import pytest

from generator.assets import (
    LockedPackage,
    cache_dir,
    find_lock,
    package_file,
    read_lock,
    theme_file,
)
from generator.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = b"/* lunr.min.js as packed */"


def tarball(member: bytes = SCRIPT) -> bytes:
    """An npm tarball: its files under package/."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in (("package/package.json", b'{"version": "2.3.9"}'), ("package/lunr.min.js", member)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def fake_npm(folder: Path, packed: bytes, monkeypatch) -> Path:
    """An `npm` on PATH that packs PACKED into the current folder and logs its arguments."""
    folder.mkdir()
    (folder / "lunr-2.3.9.tgz").write_bytes(packed)
    npm = folder / "npm"
    npm.write_text(f"#!{sys.executable}\n"
                   "import shutil, sys\n"
                   f"open({str(folder / 'calls')!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
                   f"shutil.copy({str(folder / 'lunr-2.3.9.tgz')!r}, '.')\n")
    npm.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return folder / "calls"


def no_npm(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "empty-path").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))


def test_a_fetched_tarball_is_checked_extracted_and_cached(tmp_path, monkeypatch):
    packed = tarball()
    calls = fake_npm(tmp_path / "bin", packed, monkeypatch)
    package = LockedPackage("lunr", "2.3.9", integrity(packed))
    cache = tmp_path / "cache"
    assert package_file(package, "lunr.min.js", repository=tmp_path, cache=cache) == SCRIPT
    assert calls.read_text() == "pack lunr@2.3.9 --ignore-scripts --silent\n"
    assert (cache / "lunr-2.3.9" / "lunr.min.js").read_bytes() == SCRIPT
    assert sorted(path.name for path in (cache / "lunr-2.3.9").iterdir()) == ["lunr.min.js"]


def test_the_cache_is_reused_without_npm(tmp_path, monkeypatch):
    packed = tarball()
    fake_npm(tmp_path / "bin", packed, monkeypatch)
    package = LockedPackage("lunr", "2.3.9", integrity(packed))
    package_file(package, "lunr.min.js", repository=tmp_path, cache=tmp_path / "cache")
    no_npm(tmp_path, monkeypatch)
    assert package_file(package, "lunr.min.js", repository=tmp_path, cache=tmp_path / "cache") == SCRIPT


def test_a_tarball_that_does_not_match_the_lock_is_refused(tmp_path, monkeypatch):
    locked = tarball()
    fake_npm(tmp_path / "bin", tarball(b"/* tampered */"), monkeypatch)
    package = LockedPackage("lunr", "2.3.9", integrity(locked))
    with pytest.raises(BuildError) as raised:
        package_file(package, "lunr.min.js", repository=tmp_path, cache=tmp_path / "cache")
    assert raised.value.path == "package-lock.json"
    assert raised.value.line == 0
    assert raised.value.message.startswith("lunr@2.3.9: the fetched tarball's sha512 is ")
    assert raised.value.message.endswith(f", not the locked {integrity(locked)[7:]}; refusing to use it")
    assert not (tmp_path / "cache").exists()


def test_without_npm_or_cache_the_error_says_what_to_install(tmp_path, monkeypatch):
    no_npm(tmp_path, monkeypatch)
    package = LockedPackage("lunr", "2.3.9", integrity(b""))
    with pytest.raises(BuildError) as raised:
        package_file(package, "lunr.min.js", repository=tmp_path, cache=tmp_path / "cache")
    assert str(raised.value) == (
        "package-lock.json: lunr@2.3.9 is needed and not cached, and npm is not installed: "
        "install Node.js (it includes npm) and build again, or run `npm install` beside package.json")


def installed(repository: Path, version: str) -> None:
    (repository / "package.json").write_text('{"dependencies": {"lunr": "2.3.9"}}')
    folder = repository / "node_modules" / "lunr"
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": "lunr", "version": version}))
    (folder / "lunr.min.js").write_bytes(b"/* from node_modules */")


def test_node_modules_beside_package_json_is_used_when_its_version_is_locked(tmp_path, monkeypatch):
    no_npm(tmp_path, monkeypatch)
    installed(tmp_path, "2.3.9")
    package = LockedPackage("lunr", "2.3.9", integrity(b""))
    assert package_file(package, "lunr.min.js", repository=tmp_path, cache=tmp_path / "cache") == \
        b"/* from node_modules */"


def test_node_modules_of_another_version_is_passed_over(tmp_path, monkeypatch):
    packed = tarball()
    fake_npm(tmp_path / "bin", packed, monkeypatch)
    installed(tmp_path, "2.3.8")
    package = LockedPackage("lunr", "2.3.9", integrity(packed))
    assert package_file(package, "lunr.min.js", repository=tmp_path, cache=tmp_path / "cache") == SCRIPT


def test_the_repository_lock_pins_lunr_2_3_9():
    package = read_lock(find_lock(), "lunr")
    assert (package.name, package.version) == ("lunr", "2.3.9")
    assert package.integrity.startswith("sha512-")
    assert json.loads((ROOT / "package.json").read_text())["dependencies"] == {"lunr": "2.3.9"}


def test_a_lock_without_the_package_is_an_error(tmp_path):
    lock = tmp_path / "package-lock.json"
    lock.write_text('{"packages": {}}')
    with pytest.raises(BuildError) as raised:
        read_lock(lock, "lunr")
    assert str(raised.value) == ("package-lock.json: has no usable entry for lunr (KeyError('node_modules/lunr')): "
                                 "run `npm install` to rewrite it")


def test_the_cache_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "story-archive"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "story-archive"


def test_a_theme_file_comes_from_the_site_before_the_default_theme(tmp_path):
    assert theme_file(tmp_path / "templates", "static/search.js") == ROOT / "templates" / "static" / "search.js"
    with pytest.raises(BuildError) as raised:
        theme_file(tmp_path / "templates", "static/none.js")
    assert str(raised.value) == "templates/static/none.js: missing from the default theme: reinstall story-archive"
