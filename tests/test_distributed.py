"""The per-article stage on a Dask cluster of two worker processes: the same site as a local build."""
import re

import pytest
from conftest import copy_archive
from test_cli import tree

from generator.cli import main
from generator.config import load_config
from generator.errors import ConfigError


def test_a_build_on_a_two_worker_cluster_is_the_same_site_as_a_local_one(tmp_path):
    from dask.distributed import Client, LocalCluster

    local = copy_archive(tmp_path / "local")
    assert main(["--source", str(local)]) == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        remote = copy_archive(tmp_path / "remote")
        site_yaml = remote / "site.yaml"
        site_yaml.write_text(site_yaml.read_text() + f"executor: dask\ndask_scheduler: {cluster.scheduler_address}\n")
        client.get_task_stream()  # starts recording which worker runs what
        assert main(["--source", str(remote)]) == 0
        tasks = [task for task in client.get_task_stream(start=0) if "_prepare_chunk" in task["key"]]
    assert len({task["worker"] for task in tasks}) == 2, tasks  # both workers annotated articles
    assert tree(remote / "build") == tree(local / "build")


def test_a_scheduler_without_the_dask_executor_is_an_error_on_its_line(tmp_path):
    archive = copy_archive(tmp_path / "archive")
    site_yaml = archive / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "dask_scheduler: tcp://127.0.0.1:8786\n")
    with pytest.raises(ConfigError, match=re.escape("dask_scheduler is used only with executor: dask")):
        load_config(archive)
