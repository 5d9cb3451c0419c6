import subprocess
import sys
from pathlib import Path

from generator import fingerprint, perarticle
from generator.config import load_config
from generator.perarticle import CACHE_DIR, read_and_annotate


def archive(root: Path, count: int) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text("title: T\n")
    for i in range(count):
        (root / "content" / f"a{i:03d}.md").write_text(
            f"---\ntitle: Story {i}\nsource: Reuters\n---\n\nPresident Omar Haddad said {i + 2} people fled Aleppo.\n")
    return root


def test_unchanged_articles_come_from_the_cache_and_a_corrupt_entry_is_recomputed(tmp_path, monkeypatch):
    config = load_config(archive(tmp_path, 3))
    first = read_and_annotate(config, workers=1)
    entries = sorted((tmp_path / CACHE_DIR).iterdir())
    assert len(entries) == 3
    entries[0].write_bytes(b"\x80\x05garbage")
    calls = []
    real = perarticle.prepare
    monkeypatch.setattr(perarticle, "prepare", lambda *args: calls.append(args[0]) or real(*args))
    again = read_and_annotate(config, workers=1)
    assert len(calls) == 1  # only the corrupted entry was annotated again
    assert again == first


def test_an_edited_article_is_annotated_again_and_stale_entries_are_dropped(tmp_path):
    config = load_config(archive(tmp_path, 2))
    read_and_annotate(config, workers=1)
    (tmp_path / "content/a000.md").write_text("---\ntitle: Edited\n---\n\nNew text about Homs.\n")
    edited = read_and_annotate(config, workers=1)
    assert edited.articles[0].title == "Edited"
    assert len(list((tmp_path / CACHE_DIR).iterdir())) == 2


def test_parallel_workers_give_the_same_result_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(perarticle, "PARALLEL_FROM", 2)
    one = read_and_annotate(load_config(archive(tmp_path / "one", 6)), workers=1)
    two = read_and_annotate(load_config(archive(tmp_path / "two", 6)), workers=2)
    assert one == two and len(one.articles) == 6


def test_broken_articles_are_errors_and_never_cached(tmp_path):
    root = archive(tmp_path, 1)
    (root / "content/bad.md").write_text("---\ntitle: [x\n---\n")
    prepared = read_and_annotate(load_config(root), workers=1)
    assert [e.path for e in prepared.errors] == ["content/bad.md"]
    assert len(list((root / CACHE_DIR).iterdir())) == 1


def test_the_lexicon_a_build_made_is_read_back_from_disk_not_built_again(tmp_path, monkeypatch):
    from generator.annotate import entities_lexicon as lexicon

    def fresh_process():
        monkeypatch.setattr(lexicon, "_remembered", [])
        lexicon.known_names.cache_clear()
        lexicon.town_names.cache_clear()

    fresh_process()
    lexicon.remember_in(tmp_path, b"salt")  # builds it and keeps it
    built = (dict(lexicon.known_names()), lexicon.town_names())
    assert len(list(tmp_path.iterdir())) == 1 and built[0][lexicon.lexicon_key("Aleppo")] == "place"
    fresh_process()
    monkeypatch.setattr(lexicon, "_city_names", lambda: 1 / 0)  # building it again would fail
    lexicon.remember_in(tmp_path, b"salt")
    assert (dict(lexicon.known_names()), lexicon.town_names()) == built
    next(tmp_path.iterdir()).write_bytes(b"not a pickle")  # a corrupt entry: built again, not trusted
    fresh_process()
    monkeypatch.undo()
    fresh_process()
    lexicon.remember_in(tmp_path, b"salt")
    assert (dict(lexicon.known_names()), lexicon.town_names()) == built
    fresh_process()


def test_the_cache_key_follows_the_unicode_database_the_code_reads_text_by(tmp_path, monkeypatch):
    import unicodedata

    from generator.config import SiteConfig
    from generator.fingerprint import code_fingerprint

    config = SiteConfig(root=tmp_path, title="Archive")
    before = code_fingerprint(config)
    monkeypatch.setattr(unicodedata, "unidata_version", "99.0.0")
    assert code_fingerprint(config) != before


def test_every_module_the_per_article_stage_reads_articles_with_is_in_its_cache_key():
    """A module left out would leave cached annotations made by its old code in use."""
    listing = ("import sys, generator.annotate, generator.read\n"
               "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('generator.')))")
    imported = subprocess.run([sys.executable, "-c", listing], capture_output=True, text=True, check=True,
                              cwd=Path(fingerprint.__file__).parents[1]).stdout.split()
    package = Path(fingerprint.__file__).parent
    storing_timing_or_reporting = {package / name for name in ("diskcache.py", "collector.py", "errors.py", "config.py")}
    shaping = {Path(path) for path in imported if not path.endswith("__init__.py")} - storing_timing_or_reporting
    assert len(shaping) > 10 and shaping - set(fingerprint.sources()) == set()


def test_an_entry_found_damaged_midway_clears_the_caches_and_the_site_is_built_again(tmp_path, capsys):
    """An entry whose outer pickle loads but whose packed fields do not (a disk error inside them)
    is found only when the fields are read: the build says so, clears the caches and builds again."""
    import pickle

    from conftest import copy_archive, whole_build
    from test_cli import tree
    from test_corrections import REWRITE, WIRE

    from generator.cli import main
    from generator.model import Annotation

    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    for entry in (root / CACHE_DIR).iterdir():
        article, annotation = pickle.loads(entry.read_bytes())
        if article.id == WIRE:
            broken = Annotation.__new__(Annotation)
            broken.__setstate__((*annotation.__getstate__()[:-1], b"\x80\x05damaged"))
            entry.write_bytes(pickle.dumps((article, broken)))
    rewrite = root / f"content/{REWRITE}.md"
    rewrite.write_text(rewrite.read_text() + "\nThe talks would resume within the week, they said.\n")
    capsys.readouterr()
    assert main(["--source", str(root)]) == 0  # the story is aligned again: the wire's sentences are read
    out, err = capsys.readouterr()
    assert err.count("cache entry is damaged") == 1 and out.count("built ") == 1
    assert tree(root / "build") == tree(whole_build(root, tmp_path / "whole"))
