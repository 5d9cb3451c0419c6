from pathlib import Path

import pytest
import yaml

from generator.config import load_config
from generator.errors import ConfigError
from generator.model import GazetteerEntry

CASES = yaml.safe_load((Path(__file__).parent / "fixtures/config/errors.yaml").read_text())


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=[c["error"][:40] for c in CASES])
def test_errors_name_the_line_and_what_to_do(tmp_path, case):
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, case["yaml"]))
    assert str(err.value) == case["error"]


def test_a_full_config_reads_into_typed_values(tmp_path):
    config = load_config(write(tmp_path, """\
title: Archive
base_url: https://example.github.io/archive
language: pt-BR
grouping_threshold: 0.4
related_limit: 3
gazetteer:
  entries:
    - {name: Hezbollah, type: org, aliases: [Hizbullah], link: "https://www.wikidata.org/wiki/Q41053"}
  ignore: [Old City]
"""))
    assert config.base_url == "https://example.github.io/archive/"
    assert config.base_path == "/archive/"
    assert (config.language, config.grouping_threshold, config.related_limit) == ("pt-BR", 0.4, 3)
    assert config.gazetteer.entries == (GazetteerEntry("Hezbollah", "org", ("Hizbullah",), "",
                                                       "https://www.wikidata.org/wiki/Q41053"),)
    assert config.gazetteer.ignore == ("Old City",)


def test_defaults_publish_at_the_root(tmp_path):
    config = load_config(write(tmp_path, "title: Archive\n"))
    assert (config.base_url, config.base_path, config.language) == ("/", "/", "en")


def test_missing_file_says_where_it_looked(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert str(err.value) == f"site.yaml: not found in {tmp_path}: create it (see the README's site.yaml reference)"
