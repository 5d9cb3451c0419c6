"""The command line: `build` (the site), `build import FILE...` (raw articles -> content/)."""
from __future__ import annotations

import argparse
import functools
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import uptodate
from .config import SiteConfig, load_config
from .errors import CACHE, BuildError, CacheDamaged
from .parallel import Beside
from .scan import ContentRead, read_content
from .write import write_site

if TYPE_CHECKING:
    from .model import Site

USAGE = """build [--source DIR] [--output DIR] [--strict] [--verbose] [--review] [--explain A B] [--serve [--port N]]
       build import FILE|FOLDER|URL... [--content DIR] [--map FIELD=COLUMN,...] [--no-follow]
                    [--title T] [--source NAME] [--date D] [--story KEY] [--lang CODE]"""

Built = Callable[[SiteConfig, "Site | None"], None]


def main(argv: Sequence[str] | None = None, built: Built | None = None) -> int:
    """BUILT: called with the configuration and the site once build/ holds the build (the site is
    None when nothing had changed, so nothing was built); for `build --serve`'s previews."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["import"]:
            return run_import(import_parser().parse_args(args[1:]))
        return run_build(build_parser().parse_args(args), built)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        for note in getattr(err, "__notes__", ()):
            print(f"error: {note}", file=sys.stderr)
        return 1
    except OSError as err:  # the disk, not the input: say which file, without a traceback
        where = f"{err.filename}: " if err.filename else ""
        print(f"error: {where}{err.strerror or err}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build", usage=USAGE,
                                     description="Build the static site of a story archive.")
    parser.add_argument("--source", type=Path, default=Path("."),
                        help="the folder holding site.yaml and content/ (default: here)")
    parser.add_argument("--output", type=Path, help="where to write the site (default: SOURCE/build)")
    parser.add_argument("--strict", action="store_true",
                        help="write nothing if any article has a problem")
    parser.add_argument("--verbose", action="store_true",
                        help="print the seconds each stage took (to standard error)")
    parser.add_argument("--review", action="store_true",
                        help="also write review/index.html: the doubtful judgements, each with its correction")
    parser.add_argument("--serve", action="store_true",
                        help="serve the site on 127.0.0.1, rebuild it when a file changes, reload open pages")
    parser.add_argument("--port", type=int, default=8000, help="the port --serve listens on (0: any free one)")
    parser.add_argument("--explain", nargs=2, metavar=("A", "B"),
                        help="say why two articles (ids) are or are not versions of one story")
    return parser


def import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build import", usage=USAGE,
        description="Import articles into content/ as Markdown: news pages (.html), RSS and Atom "
                    "feeds (.xml, .rss, .atom), JSON lines (.jsonl), CSV (.csv, .tsv) and plain "
                    "wire text (.txt), from files, folders or http(s) URLs. An article already "
                    "imported is not imported again; a changed one (same URL) becomes a new "
                    "version of its story.")
    parser.add_argument("files", nargs="+", metavar="FILE|FOLDER|URL")
    parser.add_argument("--content", type=Path, default=Path("content"), help="default: ./content")
    parser.add_argument("--map", dest="mapping", default="", metavar="FIELD=COLUMN,...",
                        help="which column of a CSV or JSON lines file holds which field, e.g. "
                             "title=headline,body=text,date=published (default: columns named "
                             "title, body, date, source, byline, url, lang, story, rights)")
    parser.add_argument("--no-follow", dest="follow", action="store_false",
                        help="keep a feed entry's summary instead of reading its page")
    parser.add_argument("--title", default="", help="the headline, for an article that has none")
    parser.add_argument("--source", default="", help="the outlet, when the text does not name it")
    parser.add_argument("--date", default="", help="publication date, e.g. 2016-12-04")
    parser.add_argument("--story", default="", help="the story key shared by versions of one story")
    parser.add_argument("--lang", default="", help="the language (ar, ru, zh, pt-BR) where the source names none")
    return parser


def run_import(args: argparse.Namespace) -> int:
    from .ingest import import_files

    imported = import_files(args.files, args.content, title=args.title, source=args.source,
                            date=args.date, story=args.story, lang=args.lang, mapping=args.mapping,
                            follow=args.follow)
    for one in imported:
        print(one.path)
    counts = {status: sum(1 for one in imported if one.status == status)
              for status in ("new", "version", "already")}
    print(f"imported {counts['new']} new article(s) and {counts['version']} new version(s); "
          f"{counts['already']} already in {args.content}", file=sys.stderr)
    return 0


def run_build(args: argparse.Namespace, built: Built | None = None) -> int:
    if args.serve:
        return run_serve(args)
    config = load_config(args.source)
    if args.explain:
        from .pipeline import build

        return explain(build(config).site, config, *args.explain)
    return build_and_write(config, args, built)[0]


def build_and_write(config, args: argparse.Namespace, built: Built | None = None) -> tuple[int, bool]:
    """Build, report problems on standard error and write build/ (unless --strict and a problem):
    the exit code, and whether build/ holds this build. Nothing is done when build/ is up to date."""
    from . import collector

    with collector.frozen_until_done():  # the collector as rare while the site is written as while it is built
        try:
            return _build_and_write(config, args, built)
        except CacheDamaged as damaged:  # found midway: nothing was written; made again without the caches
            cache = (config.root / CACHE).resolve()
            if output_of(config, args).resolve().is_relative_to(cache):
                raise  # the output is in the cache: it is not deleted with it
            print(f"warning: {damaged} (done: the caches are cleared and the site is built again)", file=sys.stderr)
            shutil.rmtree(cache, ignore_errors=True)
            return _build_and_write(config, args, built)


def _build_and_write(config, args: argparse.Namespace, built: Built | None) -> tuple[int, bool]:
    started = time.monotonic()
    output = output_of(config, args)
    content = read_content(config.content_dir)  # read once, for the check and the build
    inputs = uptodate.inputs_digest(config, output, content)
    stamp = uptodate.read_stamp(config, output)
    if stamp is not None and stamp.inputs == inputs and not (args.strict or args.review):
        if uptodate.holds(stamp, output):
            for message in stamp.messages:
                print(message, file=sys.stderr)
            print(f"{stamp.summary}; nothing changed since, so nothing written "
                  f"(checked in {time.monotonic() - started:.1f} s)", flush=True)
            if built:
                built(config, None)
            return stamp.exit_code, True
        stamp = None
    # whether build/ still holds what the stamp lists (its pages that would come out the same are then
    # kept): looked at beside the build, which asks only when it makes the pages
    holding = Beside(lambda: uptodate.holds(stamp, output)) if stamp else None
    try:
        return _build_and_write_site(config, args, built, started, output, inputs, content,
                                     lambda: stamp if holding and holding.value() else None)
    finally:
        if holding:
            holding.stop()


def _build_and_write_site(config, args: argparse.Namespace, built: Built | None, started: float, output: Path,
                          inputs: str, content: ContentRead, last: Callable[[], uptodate.Stamp | None]
                          ) -> tuple[int, bool]:
    """CONTENT: content/ as the check read it; LAST: the last build's stamp, if build/ holds what it lists."""
    # imported only now: the pipeline's modules are half a second of a build that changed nothing
    from .pipeline import build

    previous = functools.cache(lambda: uptodate.written(last()))  # what build/ holds, file -> digest (None: not known)
    checked = time.monotonic() - started
    result = build(config, review=args.review, previous=previous, content=content)
    messages = [*(f"error: {problem}" for problem in result.problems),
                *(f"warning: {warning}" for warning in result.warnings)]
    for message in messages:
        print(message, file=sys.stderr)
    if (result.problems or result.warnings) and args.strict:
        print(f"{len(result.problems) + len(result.warnings)} problem(s); --strict: nothing written",
              file=sys.stderr)
        return 1, False
    written = time.perf_counter()
    uptodate.forget(config)
    folder = _inode(output)
    digests = write_site(result.files, output, previous())
    updated = last() if folder is not None and folder == _inode(output) else None  # in place, not swapped whole
    if args.verbose:
        for name, seconds in (("check", checked),  # content/ read, the inputs digest, the pipeline imported
                              *result.timings, ("write", time.perf_counter() - written)):
            print(f"stage {name}: {seconds:.2f} s", file=sys.stderr)
    site = result.site
    left_out = f", {len(result.problems)} left out (see above)" if result.problems else ""
    unapplied = sum(1 for warning in result.warnings if warning.path == "corrections.yaml")
    other = len(result.warnings) - unapplied
    skipped = (f", {other} other file(s) in content/ skipped (see above)" if other else "") + \
              (f", {unapplied} correction(s) not applied (see above)" if unapplied else "")
    summary = (f"built {len(site.articles)} articles, {len(site.stories)} stories, "
               f"{len(site.entities.entities)} entities into {output}{left_out}{skipped}")
    code = 1 if result.problems else 0
    uptodate.record(config, output, inputs, code, messages, summary, digests, updated)
    print(f"{summary} in {time.monotonic() - started:.1f} s", flush=True)
    if built:
        built(config, site)
    return code, True


def output_of(config: SiteConfig, args: argparse.Namespace) -> Path:
    """Where the build is written: --output, else build/ beside site.yaml."""
    return args.output or config.root / "build"


def _inode(folder: Path) -> int | None:
    try:
        return folder.stat().st_ino
    except OSError:
        return None


def run_serve(args: argparse.Namespace) -> int:
    """Build, then serve and rebuild on every change until Ctrl-C.

    Each build runs in a child process of its own, forked by a warm process that imported the
    generator once (generator.rebuilder): it can use every core (a process with the server's
    threads must not fork), and whatever it does, the server goes on."""
    from .rebuilder import Rebuilder
    from .serve import serve

    command = ["--source", str(args.source)]
    command += ["--output", str(args.output)] if args.output else []
    command += ["--strict"] if args.strict else []
    builder = Rebuilder(command)

    def rebuild() -> str:
        child = builder.build()
        sys.stdout.write(child.stdout)
        sys.stderr.write(child.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        if child.stdout.startswith("built "):
            return ""
        problems = [line.removeprefix("error: ") for line in child.stderr.splitlines() if line.startswith("error: ")]
        return "\n".join(problems) or child.stderr.strip() or f"the build stopped (exit code {child.code})"

    def base() -> str:
        try:
            return load_config(args.source).base_path
        except BuildError:  # site.yaml is broken: the rebuild reported it
            return "/"

    def preview(changed: Sequence[str]) -> dict[str, bytes] | None:
        pages, error = builder.preview(changed)
        if error:
            print(f"preview failed (the rebuild follows):\n{error}", file=sys.stderr, flush=True)
        return pages

    output = (args.output or args.source / "build").resolve()
    try:
        return serve(args.source.resolve(), output, args.port, rebuild, base, preview)
    finally:
        builder.close()


def explain(site, config, first: str, second: str) -> int:
    from .archive.stories import explain_pair

    by_id = {a.id: a for a in site.articles}
    missing = [i for i in (first, second) if i not in by_id]
    if missing:
        print(f"error: no article with id {missing[0]!r} (ids are content paths without .md)", file=sys.stderr)
        return 1
    print(explain_pair(by_id[first], by_id[second], config.grouping_threshold))
    return 0
