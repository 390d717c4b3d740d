"""``newsarchiver worker``: a Celery worker that executes crawl runs sent by the daemon.

Only parses options and sets up logging; the worker itself is ``scheduler.celeryapp.run_worker``.
"""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from scheduler.console import load_config, log_to_stderr
from scheduler.jobs_cli import MetricsHostOption, MetricsPortOption, metrics_options


def worker(
    name: Annotated[
        str | None,
        typer.Option(
            help="this worker's name, unique among workers (WARC file names include it); "
            "default: the host name"
        ),
    ] = None,
    concurrency: Annotated[int, typer.Option(help="crawls at once on this worker")] = 2,
    metrics_port: MetricsPortOption = None,
    metrics_host: MetricsHostOption = None,
) -> None:
    """A Celery worker (executor `celery`): runs crawls sent by the scheduler daemon."""
    from scheduler.celeryapp import CelerySettings, run_worker
    from scheduler.metrics import MetricsSettings
    from storage.warcwriter import sanitise_host

    config = load_config()
    settings = CelerySettings.from_env()
    metrics = MetricsSettings.from_env(**metrics_options(metrics_port, metrics_host))
    log_to_stderr(config.log_level)
    worker_name = name or sanitise_host(socket.gethostname())
    code = run_worker(config, settings, worker_name, concurrency, metrics)
    if code:
        raise typer.Exit(code)
