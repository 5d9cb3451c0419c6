"""The per-article stage over the whole of content/: on every core, cached by content.

Reading and annotating an article depend on that article alone (and on the
generator's code and the recogniser the site chose), so the result is kept on
disk under a key of exactly those; an unchanged article is never annotated
twice. A cache entry is written aside and renamed into place, so an
interrupted build never leaves a half-written one; an entry that cannot be
read is recomputed, never trusted.
"""
from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from . import diskcache
from .annotate import Recogniser, annotate, entities_lexicon, entity_recogniser
from .config import SiteConfig
from .distributed import run_on_dask
from .errors import ContentError, ContentWarning
from .fingerprint import code_fingerprint
from .model import Annotation, Article
from .progress import Progress
from .read import read_article
from .records import unpack
from .scan import ContentRead, read_content

CACHE_DIR = ".cache/story-archive/articles"
LEXICON_DIR = ".cache/story-archive/lexicon"
PARALLEL_FROM = 200
"""Below this many articles to annotate, starting worker processes costs more than it saves."""
CHUNK = 50


@dataclass(frozen=True, slots=True)
class Prepared:
    articles: tuple[Article, ...]
    annotations: dict[str, Annotation]
    """Content path (not id: two files may claim one id) -> its annotation."""
    errors: tuple[ContentError, ...]
    warnings: tuple[ContentWarning, ...] = ()
    """Files under content/ that are not articles (see generator.scan)."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Content path -> its cache key: a digest of all its article and annotation come from."""


def read_and_annotate(config: SiteConfig, workers: int | None = None, content: ContentRead | None = None) -> Prepared:
    """Every article of content/ read and annotated, in content-path order; CONTENT: content/ as
    read already (scan.read_content), if it was."""
    content = content or read_content(config.content_dir)
    scan = content.scan
    salt = code_fingerprint(config)
    cache = config.root / CACHE_DIR
    jobs, unreadable = [], []
    for path in scan.files:
        data = content.data[path]
        if isinstance(data, ContentError):
            unreadable.append(data)
        else:
            jobs.append((path.relative_to(config.content_dir).as_posix(), data))
    keys = [cache_key(salt, rel, data) for rel, data in jobs]
    results: list = diskcache.load_all((cache / key for key in keys), _is_prepared)
    missing = [i for i, found in enumerate(results) if found is None]
    if missing:
        entities_lexicon.remember_in(config.root / LEXICON_DIR, salt)
    fresh = _run([jobs[i] for i in missing], config, workers)
    progress = Progress("annotating articles", len(missing))
    for i, outcome in zip(missing, fresh):  # stored as each arrives: a killed build keeps what it did
        results[i] = outcome
        if not isinstance(outcome, ContentError):
            diskcache.store(cache / keys[i], outcome)
        progress.advance()
    progress.close()
    for i in missing:  # read back by the workers that made them; the cross-article stage reads them all
        if not isinstance(results[i], ContentError):
            unpack(results[i][1])
    diskcache.prune(cache, keys)
    done = [(r, key) for r, key in zip(results, keys) if not isinstance(r, ContentError)]
    errors = scan.errors + tuple(unreadable) + tuple(r for r in results if isinstance(r, ContentError))
    return Prepared(tuple(a for (a, _), _ in done), {a.path: n for (a, n), _ in done},
                    tuple(sorted(errors, key=lambda e: e.path)), scan.warnings, {a.path: key for (a, _), key in done})


def cache_key(salt: bytes, rel: str, data: bytes) -> str:
    """The cache key of the content file REL holding DATA; SALT: code_fingerprint()."""
    return hashlib.sha256(salt + rel.encode() + b"\0" + data).hexdigest()


def _run(jobs: list[tuple[str, bytes]], config: SiteConfig, workers: int | None) -> Iterator:
    """The outcome of each job, in order, as soon as it and those before it are done."""
    if config.executor == "dask" and jobs:
        yield from run_on_dask(jobs, config.dask_scheduler, functools.partial(_prepare_chunk, config))
        return
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        recogniser = entity_recogniser(config)
        yield from (prepare(rel, data, recogniser) for rel, data in jobs)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(functools.partial(_prepare_in_worker, config), jobs, chunksize=CHUNK)


def prepare(rel: str, data: bytes, recogniser: Recogniser) -> tuple[Article, Annotation] | ContentError:
    try:
        article = read_article(data, rel)
        return article, annotate(article, recogniser)
    except ContentError as err:
        return err
    except Exception as err:  # noqa: BLE001 - one article must never take the whole site down
        return ContentError(f"content/{rel}", 1, f"could not be read or annotated ({type(err).__name__}: "
                                                 f"{err}): a bug in the generator; please report it with "
                                                 "this file, which is left out meanwhile")


@functools.cache
def _worker_recogniser(config: SiteConfig) -> Recogniser:
    """Built once per worker process: a spaCy pipeline is costly to load."""
    return entity_recogniser(config)


def _prepare_in_worker(config: SiteConfig, job: tuple[str, bytes]):
    return prepare(job[0], job[1], _worker_recogniser(config))


def _is_prepared(value: object) -> bool:
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], Article)
            and isinstance(value[1], Annotation))


def _prepare_chunk(config: SiteConfig, jobs: list[tuple[str, bytes]]) -> list:
    return [_prepare_in_worker(config, job) for job in jobs]
