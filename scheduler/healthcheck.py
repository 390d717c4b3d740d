"""Liveness of the newsarchiver services on this machine, for container health checks.

A container of the image runs one long-lived service: the scheduler daemon or a worker. Each
says it is alive in the database under this machine's host name (a container's own): the
daemon renews its lease and a worker its presence every 5 seconds, and either expires 30
seconds after its last renewal. So "healthy" means the database
answers and holds a live daemon or worker of this host: a hung loop stops renewing and shows
up here, though its process still runs. ``newsarchiver healthcheck`` prints what it found.
"""

from __future__ import annotations

import socket

from storage.db import Database
from storage.runs import scheduler_lease
from storage.workers import connected_workers


def live_services(db: Database, host: str | None = None) -> list[str]:
    """The live daemon and workers of ``host`` (this machine by default), one line each."""
    host = host or socket.gethostname()
    found = []
    lease = scheduler_lease(db)
    if lease is not None and lease.holder.rpartition(":")[0] == host:
        found.append(f"scheduler daemon {lease.holder}")
    found += [f"worker {w.name}" for w in connected_workers(db) if w.hostname == host]
    return found
