"""The per-article stage on a Dask cluster (dask.distributed), for archives past one machine.

With `executor: dask` in site.yaml the build sends the articles, in chunks, to the workers of
the cluster at `dask_scheduler` (a tcp:// address), or of a local cluster of one worker
process per core when none is given. Each worker reads and annotates its chunk with its own
recogniser (loaded once per worker process) and returns the results; the build stores them in
its cache and does the cross-article stages itself. Workers need this package installed (the
same version: the cache key includes it) and, with the spaCy backend, the same pipeline.
"""
from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

CHUNK = 50
"""Articles per task at most; fewer when the archive is small, so that every worker gets some."""


def run_on_dask(jobs: Sequence[Any], scheduler: str, work: Callable[[list], list]) -> Iterator:
    """WORK over JOBS on the cluster, in chunks: each job's outcome, in order, as its chunk is done."""
    from dask.distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    try:
        with Client(scheduler or cluster, set_as_default=False) as client:
            workers = max(1, len(client.nthreads()))
            size = max(1, min(CHUNK, math.ceil(len(jobs) / (4 * workers))))
            chunks = [list(jobs[i:i + size]) for i in range(0, len(jobs), size)]
            futures = client.map(work, chunks, pure=False)
            for future in futures:
                yield from future.result()
    finally:
        if cluster is not None:
            cluster.close()
