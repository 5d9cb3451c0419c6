"""One family of build errors, each naming the file and line it is about."""
from __future__ import annotations


class BuildError(Exception):
    """A problem in the user's input: `path:line: message`.

    `line` is 1-based; 0 when the problem is about the file as a whole.
    """

    def __init__(self, path: str, line: int, message: str):
        super().__init__(path, line, message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


CACHE = ".cache/story-archive"
"""Under the site's folder: what builds remember, all of which a build can make again."""


class CacheDamaged(BuildError):
    """A cache entry damaged after it was written whole (a disk error), found only when it is
    used, midway through a build: the build clears the caches and is made again (cli)."""


class ConfigError(BuildError):
    """site.yaml is wrong: nothing is built."""


class ContentError(BuildError):
    """One article is wrong: it is left out and the rest is built."""


class ContentWarning(BuildError):
    """A file under content/ that is not an article: reported, not published; a failure under --strict."""


class TemplateError(BuildError):
    """A template is wrong: nothing is built."""
