"""Front-end files the built site serves itself: the theme's own, and lunr.js from npm.

lunr.js is never committed. package-lock.json pins its version and sha512
integrity; the file comes from node_modules/ when `npm install` has run beside
package.json, else from a per-user cache, else it is fetched once with
`npm pack` (the npm client knows its registry), checked against the lock and
cached. The wheel ships the lock as generator/package-lock.json.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError
from .theme import default_templates_dir

PACKAGE_DIR = Path(__file__).resolve().parent
REPOSITORY = PACKAGE_DIR.parent
LOCK_NAME = "package-lock.json"
NPM_TIMEOUT = 300


@dataclass(frozen=True, slots=True)
class LockedPackage:
    """An npm package as package-lock.json pins it."""

    name: str
    version: str
    integrity: str
    """Subresource-integrity string: "sha512-" and the base64 digest of the tarball."""


def lunr_js() -> bytes:
    """lunr.min.js, the version package-lock.json pins, for the site to serve as static/lunr.js."""
    lock = find_lock()
    package = read_lock(lock, "lunr")
    return package_file(package, "lunr.min.js", repository=REPOSITORY, cache=cache_dir())


def find_lock() -> Path:
    """The lock file shipped in the package (a wheel), else the repository's."""
    for folder in (PACKAGE_DIR, REPOSITORY):
        if (folder / LOCK_NAME).is_file():
            return folder / LOCK_NAME
    raise BuildError(LOCK_NAME, 0, f"not found in {PACKAGE_DIR} or {REPOSITORY}: reinstall story-archive")


def read_lock(path: Path, name: str) -> LockedPackage:
    """The version and integrity package-lock.json records for package NAME."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))["packages"][f"node_modules/{name}"]
        return LockedPackage(name, entry["version"], entry["integrity"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise BuildError(LOCK_NAME, 0, f"has no usable entry for {name} ({err!r}): run `npm install` to rewrite it")


def cache_dir() -> Path:
    """The per-user cache: $XDG_CACHE_HOME/story-archive, else ~/.cache/story-archive."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "story-archive"


def package_file(package: LockedPackage, member: str, *, repository: Path, cache: Path) -> bytes:
    """MEMBER of PACKAGE: from REPOSITORY/node_modules, from CACHE, or fetched with npm into CACHE."""
    installed = installed_file(package, member, repository)
    if installed is not None:
        return installed
    cached = cache / f"{package.name}-{package.version}" / member
    if cached.is_file():
        return cached.read_bytes()
    tarball = npm_pack(package)
    check_integrity(package, tarball)
    data = extract(tarball, member, package)
    write_atomically(cached, data)
    return data


def installed_file(package: LockedPackage, member: str, repository: Path) -> bytes | None:
    """MEMBER from node_modules beside package.json, if `npm install` put the locked version there."""
    folder = repository / "node_modules" / package.name
    if not (repository / "package.json").is_file():
        return None
    try:
        version = json.loads((folder / "package.json").read_text(encoding="utf-8")).get("version")
        return (folder / member).read_bytes() if version == package.version else None
    except (OSError, ValueError, AttributeError):
        return None


def npm_pack(package: LockedPackage) -> bytes:
    """The package's tarball, fetched by the npm client into a temporary folder."""
    npm = shutil.which("npm")
    spec = f"{package.name}@{package.version}"
    if npm is None:
        raise BuildError(LOCK_NAME, 0, f"{spec} is needed and not cached, and npm is not installed: "
                                       "install Node.js (it includes npm) and build again, "
                                       "or run `npm install` beside package.json")
    with tempfile.TemporaryDirectory(prefix="story-archive-npm-") as folder:
        try:
            done = subprocess.run([npm, "pack", spec, "--ignore-scripts", "--silent"], cwd=folder,
                                  capture_output=True, text=True, timeout=NPM_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise BuildError(LOCK_NAME, 0, f"`npm pack {spec}` failed ({err}): check the network and retry")
        tarballs = sorted(Path(folder).glob("*.tgz"))
        if done.returncode != 0 or len(tarballs) != 1:
            reason = (done.stderr.strip().splitlines() or ["no tarball written"])[-1]
            raise BuildError(LOCK_NAME, 0, f"`npm pack {spec}` failed: {reason}; check the network and retry")
        return tarballs[0].read_bytes()


def check_integrity(package: LockedPackage, tarball: bytes) -> None:
    """Refuse a tarball whose sha512 is not the one package-lock.json records."""
    algorithm, _, expected = package.integrity.partition("-")
    if algorithm != "sha512":
        raise BuildError(LOCK_NAME, 0, f"{package.name}: expected a sha512 integrity, got {package.integrity!r}")
    actual = base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
    if actual != expected:
        raise BuildError(LOCK_NAME, 0, f"{package.name}@{package.version}: the fetched tarball's sha512 is "
                                       f"{actual}, not the locked {expected}; refusing to use it")


def extract(tarball: bytes, member: str, package: LockedPackage) -> bytes:
    """Read the one file MEMBER from an npm tarball (its files sit under package/)."""
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        try:
            info = archive.getmember(f"package/{member}")
        except KeyError:
            info = None
        handle = archive.extractfile(info) if info is not None and info.isfile() else None
        if handle is None:
            raise BuildError(LOCK_NAME, 0, f"{package.name}@{package.version} has no file {member}")
        return handle.read()


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
        handle.write(data)
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, path)


def theme_file(templates: Path, name: str) -> Path:
    """A theme file: the site's own templates/NAME if it has one, else the default theme's."""
    for folder in (templates, default_templates_dir()):
        if (folder / name).is_file():
            return folder / name
    raise BuildError(f"templates/{name}", 0, "missing from the default theme: reinstall story-archive")
