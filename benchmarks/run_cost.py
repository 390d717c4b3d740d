"""What one small crawl run costs: a process per run (``local``) against crawl hosts (``hosted``).

It serves a generated news site on 127.0.0.1 and gives the sites file ``--sites`` sites on it,
each crawled for ``--pages`` pages (1: a front page and its requisites). Then:

- local: every run in turn as the local executor starts it (``crawl_command``), each a child
  measured with ``os.wait4``: CPU seconds (user + sys) and peak RSS;
- hosted: one crawl host takes the same runs, all at once, for ``--rounds`` rounds (the
  daemon's pattern: every site again each cycle). The host's CPU seconds and peak RSS are read
  from ``/proc`` at the end (Linux only), and its resident memory after each round (does it
  grow?); a host started and retired without a run gives what starting one costs.

Every run must succeed. Run::

    .venv/bin/python benchmarks/run_cost.py --sites 10 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from demosite.generator import generate_site
from demosite.server import serve_directory
from scheduler.executors import RunTicket, crawl_command, run_log_path
from scheduler.hostpool import HostedExecutor, host_command
from scheduler.runexits import record_exit
from settings import AppConfig
from storage.db import Database
from storage.models import RunStatus, RunTrigger
from storage.runs import get_run, queue_run

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--pages", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="run-cost-") as tmp:
        root = Path(tmp)
        generate_site(root / "site", articles=20)
        with serve_directory(root / "site") as server:
            slugs = [f"site{n}" for n in range(args.sites)]
            (root / "sites.toml").write_text(
                "".join(
                    f'[sites.{slug}]\nstart_urls = ["{server.url}/"]\n'
                    f"allow_private_networks = true\nmax_pages = {args.pages}\n"
                    "max_depth = 1\ndownload_delay = 0\n\n"
                    for slug in slugs
                )
            )
            os.environ.update(
                NEWSARCHIVER_SITES=str(root / "sites.toml"),
                NEWSARCHIVER_STORAGE=f"file://{root / 'store'}",
                NEWSARCHIVER_DB=f"sqlite:///{root / 'index.sqlite3'}",
                NEWSARCHIVER_SPOOL=str(root / "spool"),
                NEWSARCHIVER_LOGS=str(root / "logs"),
            )
            config = AppConfig.from_env()
            db = Database(config.db)
            db.migrate()
            local = measure_local(config, db, slugs)
            hosted = measure_hosted(config, db, slugs, args.rounds)
    report(args, local, hosted)


def measure_local(config: AppConfig, db: Database, slugs: list[str]) -> list[tuple[float, int]]:
    """(CPU seconds, peak RSS bytes) of each run's own process."""
    costs = []
    for slug in slugs:
        run_id = queue_run(db, slug, RunTrigger.MANUAL)
        ticket = RunTicket(run_id, slug, "manual", run_log_path(config, slug, run_id))
        ticket.log_path.parent.mkdir(parents=True, exist_ok=True)
        with ticket.log_path.open("ab") as log:
            child = subprocess.Popen(crawl_command(ticket), stdout=log, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(child.pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, ticket.log_path.read_text()[-2000:]
        costs.append((usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024))
    return costs


@dataclass(frozen=True)
class HostCost:
    cpu: float  # CPU seconds of the host over every round
    startup: float  # CPU seconds of a host that starts and exits without a run
    startup_rss: int
    peak: int  # the host's peak RSS
    resident: list[int]  # its RSS after each round


def measure_hosted(config: AppConfig, db: Database, slugs: list[str], rounds: int) -> HostCost:
    idle = subprocess.Popen(host_command(1), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(idle.pid, 0)
    executor = HostedExecutor(max_runs=len(slugs), hosts=1, retire_runs=10**9)
    try:
        resident = []
        for _ in range(rounds):
            runs = []
            for slug in slugs:
                run_id = queue_run(db, slug, RunTrigger.MANUAL)
                executor.submit(
                    RunTicket(run_id, slug, "manual", run_log_path(config, slug, run_id))
                )
                runs.append(run_id)
            [pid] = executor.host_pids()
            while executor.active():
                for ended in executor.poll():
                    record_exit(db, ended)
                time.sleep(0.05)
            for run_id in runs:
                run = get_run(db, run_id)
                assert run.status is RunStatus.SUCCEEDED, (run_id, run.error)
            resident.append(_status_bytes(pid, "VmRSS"))
        return HostCost(
            _cpu_seconds(pid),
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss * 1024,
            _status_bytes(pid, "VmHWM"),
            resident,
        )
    finally:
        executor.shutdown(30)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def _status_bytes(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1]) * 1024
    raise LookupError(name)


def report(args: argparse.Namespace, local: list[tuple[float, int]], hosted: HostCost) -> None:
    runs = args.sites * args.rounds
    mb = 1e6
    print(f"{args.sites} sites, {args.pages} page(s) each; hosted: {args.rounds} rounds")
    print(
        f"local:  CPU {statistics.median(c for c, _ in local):.2f} s/run (median), "
        f"peak RSS {statistics.median(r for _, r in local) / mb:.0f} MB/run (median), "
        f"{args.sites} runs at once would hold {sum(r for _, r in local) / mb:.0f} MB"
    )
    print(
        f"hosted: CPU {(hosted.cpu - hosted.startup) / runs:.2f} s/run ({runs} runs), "
        f"plus {hosted.startup:.2f} s and {hosted.startup_rss / mb:.0f} MB to start a host; "
        f"host peak RSS {hosted.peak / mb:.0f} MB with {args.sites} runs at once; "
        "RSS after each round: " + ", ".join(f"{r / mb:.0f}" for r in hosted.resident) + " MB"
    )


if __name__ == "__main__":
    main()
