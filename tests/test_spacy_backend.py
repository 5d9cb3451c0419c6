"""The optional spaCy backend: the adapter (blank pipeline, no model download), its
site.yaml keys, and the default build never importing spaCy."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import config as config_module
from generator.config import load_config
from generator.errors import ConfigError
from generator.model import Article, Gazetteer, GazetteerEntry

REPO = Path(__file__).resolve().parent.parent
CASE = yaml.safe_load((Path(__file__).parent / "fixtures/entities/spacy.yaml").read_text())


def gazetteer(entries: list[dict]) -> Gazetteer:
    return Gazetteer(tuple(GazetteerEntry(e["name"], e["type"], tuple(e.get("aliases", ()))) for e in entries))


def article(text: str) -> Article:
    return Article("a", "a.md", "", "", "", text, ())


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_labels_map_to_types_and_the_gazetteer_wins_over_ner():
    import spacy

    from generator.annotate.spacy_backend import spacy_mentions, with_gazetteer
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", name="ner").add_patterns(
        [{"label": label, "pattern": text} for text, label in CASE["ner"]])
    nlp = with_gazetteer(nlp, gazetteer(CASE["gazetteer"]))
    assert nlp.pipe_names == ["gazetteer_ruler", "ner"]
    text = " ".join(CASE["text"].split())
    found = spacy_mentions(nlp, article(text), ())
    assert [[m.text, m.type, m.key, m.score] for m in found] == CASE["expected"]
    assert all(text[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize("surface, kind, key", [
    ("Mr Assad", "person", "Assad"),
    ("President Bashar al-Assad", "person", "Bashar al-Assad"),
    ("General Motors", "org", "General Motors"),
    ("the Syrian Observatory’s", "org", "Syrian Observatory"),
    ("the rebels'", "group", "rebels"),
    ("President", "person", ""),
])
def test_the_key_drops_a_leading_title_or_article_and_a_possessive(surface, kind, key):
    from generator.annotate.spacy_backend import name_key
    assert name_key(surface, kind) == key


def test_a_site_on_the_spacy_backend_builds_with_its_gazetteer(seed_archive):
    from generator.pipeline import build
    with (seed_archive / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write("entities_backend: spacy\nspacy_model: blank:en\n")
    config = load_config(seed_archive)
    assert (config.entities_backend, config.spacy_model) == ("spacy", "blank:en")
    site = build(config).site
    # A blank pipeline tags nothing of its own: every name is the gazetteer's.
    assert [(e.name, e.aliases) for e in site.entities.entities] == [("Hezbollah", ("Hezbollah", "Hizbullah"))]
    assert all(m.type == "org" for ann in site.annotations.values() for m in ann.mentions)


def test_the_default_build_never_imports_spacy():
    probe = ("import sys; from pathlib import Path; from generator.config import load_config; "
             "from generator.pipeline import build; build(load_config(Path(sys.argv[1]))); "
             "print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe, str(REPO)], cwd=REPO, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_backend_defaults_to_the_rules(tmp_path):
    config = load_config(write(tmp_path, "title: X\n"))
    assert (config.entities_backend, config.spacy_model) == ("rules", "en_core_web_sm")


@pytest.mark.parametrize("text, error", [
    ("title: X\nentities_backend: nltk\n", "site.yaml:2: entities_backend must be one of rules, spacy, got 'nltk'"),
    ("title: X\nspacy_model: en core\n", ("site.yaml:2: spacy_model must name an installed spaCy pipeline "
                                         "(en_core_web_sm) or be blank:LANG (blank:en), got 'en core'")),
])
def test_bad_backend_keys_name_the_line(tmp_path, text, error):
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert str(err.value) == error


@pytest.mark.parametrize("text, error", [
    ("title: X\nentities_backend: spacy\nspacy_model: xx_no_such_pipeline\n",
     ("site.yaml:3: the spaCy pipeline 'xx_no_such_pipeline' is not installed: "
      "run python -m spacy download xx_no_such_pipeline (or set spacy_model: blank:en)")),
    ("title: X\nentities_backend: spacy\nspacy_model: blank:zzz\n",
     "site.yaml:3: spaCy has no language 'zzz' for spacy_model: blank:zzz; use a language code such as blank:en"),
])
def test_a_missing_pipeline_names_its_line_and_the_download(tmp_path, text, error):
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert str(err.value) == error


def test_the_default_model_must_be_installed_too(tmp_path, monkeypatch):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(config_module.importlib.util, "find_spec",
                        lambda name: None if name == "en_core_web_sm" else find_spec(name))
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, "title: X\nentities_backend: spacy\n"))
    assert str(err.value).startswith("site.yaml:2: the spaCy pipeline 'en_core_web_sm' is not installed: "
                                     "run python -m spacy download en_core_web_sm")


def test_spacy_missing_says_how_to_install_it(tmp_path, monkeypatch):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(config_module.importlib.util, "find_spec",
                        lambda name: None if name == "spacy" else find_spec(name))
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, "title: X\n\nentities_backend: spacy\n"))
    assert str(err.value) == ("site.yaml:3: entities_backend: spacy needs spaCy, which is not installed: "
                              "run pip install 'story-archive[spacy]'")
