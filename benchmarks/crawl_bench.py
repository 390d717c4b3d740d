"""Crawl benchmark: ``newsarchiver crawl`` (A) side by side with a plain Scrapy spider (B).

Archiving should cost little on top of crawling, so this measures exactly that: it generates a
static news site of N articles (:mod:`demosite.generator`), serves it with nginx on 127.0.0.1
(gzip on for HTML, CSS and XML; installed with apt-get when missing, else the demo's Python
server stands in and the report says so), and runs, alternating A B A B,

- A: ``newsarchiver crawl`` end to end (WARC, file:// storage, SQLite index), a fresh archive
  each run;
- B: ``benchmarks/plain_spider.py``, the same discovery, concurrency, robots and throttling
  settings, keeping nothing.

Each run is a child process, measured with ``os.wait4``: wall seconds, CPU seconds (user + sys)
and peak RSS. The report gives pages/s, CPU s/page and peak RSS per run, their medians over the
pairs, and the ratios A/B. ``--concurrent-sites 2`` instead runs two ``newsarchiver crawl``
processes on two sites at once against one alone and reports the speed-up::

    .venv/bin/python benchmarks/crawl_bench.py --articles 3000 --pairs 3
    .venv/bin/python benchmarks/crawl_bench.py --articles 30000 --pairs 1 --runs a
    .venv/bin/python benchmarks/crawl_bench.py --concurrent-sites 2 --pairs 2
    .venv/bin/python benchmarks/crawl_bench.py --articles 3000 --profile /tmp/a.speedscope.json

``--output FILE`` also writes the markdown section into FILE, replacing the section of an
earlier run with the same parameters, so ``docs/benchmarks.md`` keeps the latest figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import scrapy

from demosite.generator import generate_site
from storage.db import Database

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PLAIN_SPIDER = Path(__file__).resolve().with_name("plain_spider.py")
MAX_DEPTH = 50  # the sites file's ceiling; with sitemaps it reaches every page at 30,000
SERVER_START_SECONDS = 10.0

NGINX_CONF = """\
worker_processes 1;
daemon off;
master_process on;
pid {scratch}/nginx.pid;
error_log {scratch}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {scratch}/nginx-body;
    proxy_temp_path {scratch}/nginx-proxy;
    fastcgi_temp_path {scratch}/nginx-fastcgi;
    uwsgi_temp_path {scratch}/nginx-uwsgi;
    scgi_temp_path {scratch}/nginx-scgi;
    gzip on;
    gzip_min_length 256;
    gzip_types text/css application/xml text/xml application/rss+xml;
{servers}
}}
"""
NGINX_SERVER = """\
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
"""


class BenchError(RuntimeError):
    """The benchmark could not run; the message is one line."""


@dataclass(frozen=True)
class Run:
    """What one child process did and cost."""

    label: str
    pages: int
    wall: float
    cpu: float
    max_rss_mb: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall

    @property
    def cpu_per_page_ms(self) -> float:
        return 1000 * self.cpu / self.pages


# Serving --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_nginx() -> str | None:
    """nginx from PATH or /usr/sbin; installed with apt-get when missing and we may."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if found or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    print("nginx is missing: installing it with apt-get", file=sys.stderr)
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "nginx"]):
        if subprocess.run(command, env=env, capture_output=True).returncode != 0:
            return None
    return shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def wait_until_served(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"the web server exited with status {process.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1) as response:
            if response.status == 200:
                return
        time.sleep(0.05)
    raise BenchError(f"the web server did not answer {url} within {SERVER_START_SECONDS} s")


@contextlib.contextmanager
def serving(sites: list[tuple[Path, int]], scratch: Path, server: str) -> Iterator[str]:
    """Serve each (root, port) until the block ends; yield the name of the server used."""
    nginx = find_nginx() if server != "python" else None
    if server == "nginx" and nginx is None:
        raise BenchError("nginx is not installed and apt-get could not install it")
    processes: list[subprocess.Popen[bytes]] = []
    if nginx is not None:
        name = "nginx"
        scratch.chmod(0o755)  # nginx workers run as an unprivileged user when we are root
        servers = "".join(NGINX_SERVER.format(port=port, root=root) for root, port in sites)
        conf = scratch / "nginx.conf"
        conf.write_text(NGINX_CONF.format(scratch=scratch, servers=servers))
        command = [nginx, "-p", str(scratch), "-c", str(conf)]
        processes.append(subprocess.Popen(command, stderr=subprocess.DEVNULL))
    else:
        name = "Python demo server (nginx unavailable)"
        for root, port in sites:
            command = [sys.executable, "-m", "demosite", "serve", str(root), "--port", str(port)]
            processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT))
    try:
        for (_, port), process in zip(sites, processes * len(sites), strict=False):
            wait_until_served(f"http://127.0.0.1:{port}/robots.txt", process)
        yield name
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


# Running and measuring ------------------------------------------------------------------------


def spawn(command: list[str], env: dict[str, str], out: Path) -> subprocess.Popen[bytes]:
    with out.open("wb") as stdout:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE)


def reap(process: subprocess.Popen[bytes], label: str) -> tuple[float, float]:
    """Wait for ``process`` with wait4; return (CPU seconds, peak RSS in MB)."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        last = stderr.strip().splitlines()[-1:] or ["no output"]
        raise BenchError(f"{label} exited with status {process.returncode}: {last[0]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def fresh_archive(scratch: Path) -> Path:
    """An empty archive whose index schema exists, as a scheduled crawl finds its archive.

    Fresh per run, so no run sees an earlier run's captures (no revisits); the schema is
    created here, untimed, because creating it is a once-per-archive cost, not a crawl's.
    """
    archive = Path(tempfile.mkdtemp(prefix="archive-", dir=scratch))
    database = Database(f"sqlite:///{archive}/index.sqlite3")
    database.migrate()
    database.dispose()
    return archive


def archive_env(archive: Path, sites_file: Path) -> dict[str, str]:
    """The environment of a crawl into ``archive`` (see :func:`fresh_archive`)."""
    return os.environ | {
        "NEWSARCHIVER_SITES": str(sites_file),
        "NEWSARCHIVER_STORAGE": f"file://{archive}/store",
        "NEWSARCHIVER_DB": f"sqlite:///{archive}/index.sqlite3",
        "NEWSARCHIVER_SPOOL": str(archive / "spool"),
        "NEWSARCHIVER_LOGS": str(archive / "logs"),
        # Pagination deeper than the default cap of 50 pages per URL pattern is real here;
        # lifting the cap makes A fetch the same pages as B.
        "NEWSARCHIVER_TRAP_CAP": "1000000",
    }


def crawl_command(slug: str) -> list[str]:
    return [str(VENV_BIN / "newsarchiver"), "crawl", slug, "--json"]


def pages_of_summary(out: Path, label: str) -> int:
    summary = json.loads(out.read_text())
    if summary.get("status") != "succeeded":
        raise BenchError(f"{label} did not succeed: {summary.get('reason')}")
    return int(summary["pages"])


def run_a(slug: str, sites_file: Path, scratch: Path, label: str = "A") -> Run:
    archive = fresh_archive(scratch)
    out = archive / "summary.json"
    started = time.perf_counter()
    process = spawn(crawl_command(slug), archive_env(archive, sites_file), out)
    cpu, rss = reap(process, label)
    wall = time.perf_counter() - started
    pages = pages_of_summary(out, label)
    shutil.rmtree(archive)
    return Run(label, pages, wall, cpu, rss)


def run_b(home: str, concurrency: int, scratch: Path, concurrent_items: int) -> Run:
    out = scratch / "plain.json"
    command = [sys.executable, str(PLAIN_SPIDER), home, "--depth", str(MAX_DEPTH)]
    command += ["--concurrency", str(concurrency), "--concurrent-items", str(concurrent_items)]
    started = time.perf_counter()
    process = spawn(command, dict(os.environ), out)
    cpu, rss = reap(process, "B")
    wall = time.perf_counter() - started
    return Run("B", json.loads(out.read_text())["pages"], wall, cpu, rss)


def run_both(slugs: list[str], sites_file: Path, scratch: Path) -> Run:
    """Two crawls started together; pages summed, wall until the last ends, CPU summed."""
    archive = fresh_archive(scratch)
    env = archive_env(archive, sites_file)
    started = time.perf_counter()
    children = [(slug, spawn(crawl_command(slug), env, archive / f"{slug}.json")) for slug in slugs]
    usage = [reap(process, f"A ({slug})") for slug, process in children]
    wall = time.perf_counter() - started
    pages = sum(pages_of_summary(archive / f"{slug}.json", slug) for slug in slugs)
    shutil.rmtree(archive)
    return Run("A, two sites", pages, wall, sum(cpu for cpu, _ in usage), max(r for _, r in usage))


def profile_a(slug: str, sites_file: Path, scratch: Path, output: Path) -> None:
    """One more A run under py-spy (not measured): where A's time goes."""
    py_spy = shutil.which("py-spy", path=str(VENV_BIN)) or shutil.which("py-spy")
    if py_spy is None:
        raise BenchError("--profile needs py-spy: .venv/bin/pip install py-spy")
    archive = fresh_archive(scratch)
    fmt = "raw" if output.suffix == ".txt" else "speedscope"
    if output.suffix == ".svg":
        fmt = "flamegraph"
    command = [py_spy, "record", "--gil", "--rate", "250", "--format", fmt, "-o", str(output), "--"]
    done = subprocess.run(
        command + crawl_command(slug),
        env=archive_env(archive, sites_file),
        cwd=ROOT,
        capture_output=True,
    )
    if done.returncode != 0:
        last = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise BenchError(f"py-spy exited with status {done.returncode}: {last[0]}")
    shutil.rmtree(archive)


# Reporting ------------------------------------------------------------------------------------


def median(runs: list[Run], attribute: str) -> float:
    return statistics.median(getattr(run, attribute) for run in runs)


def run_rows(runs: list[Run]) -> list[str]:
    rows = [
        "| run | pages | wall s | pages/s | CPU s | CPU ms/page | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        rows.append(
            f"| {run.label} | {run.pages:,} | {run.wall:.1f} | {run.pages_per_second:.1f} | "
            f"{run.cpu:.1f} | {run.cpu_per_page_ms:.2f} | {run.max_rss_mb:.0f} |"
        )
    return rows


def medians_rows(groups: dict[str, list[Run]]) -> list[str]:
    rows = [
        "| median | pages/s | CPU ms/page | peak RSS MB |",
        "|---|---:|---:|---:|",
    ]
    for label, runs in groups.items():
        rows.append(
            f"| {label} | {median(runs, 'pages_per_second'):.1f} | "
            f"{median(runs, 'cpu_per_page_ms'):.2f} | {median(runs, 'max_rss_mb'):.0f} |"
        )
    return rows


def machine() -> str:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{os.cpu_count()} CPUs, {memory_gb:.0f} GB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, Scrapy {scrapy.__version__}"
    )


def section_marker(args: argparse.Namespace) -> str:
    mode = f"sites={args.concurrent_sites}" if args.concurrent_sites > 1 else f"runs={args.runs}"
    if args.b_concurrent_items != 100:
        mode += f" b_items={args.b_concurrent_items}"
    return f"crawl_bench articles={args.articles} {mode}"


def report(
    args: argparse.Namespace, server: str, sequence: list[Run], groups: dict[str, list[Run]]
) -> str:
    lines = [
        f"### {args.articles:,} articles, "
        + (
            f"{args.concurrent_sites} sites at once vs one"
            if args.concurrent_sites > 1
            else f"{args.pairs} pair(s), runs {args.runs.upper()}"
        ),
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}; server: {server}; "
        f"concurrency {args.concurrency}, delay 0, depth {MAX_DEPTH}, B's CONCURRENT_ITEMS "
        f"{args.b_concurrent_items}; load average "
        f"{args.load_before:.1f} before, {os.getloadavg()[0]:.1f} after (other work on the "
        "machine shows up here and slows wall-clock figures).",
        "",
        "```",
        "python benchmarks/crawl_bench.py " + " ".join(args.argv),
        "```",
        "",
        *run_rows(sequence),
        "",
        *medians_rows(groups),
        "",
    ]
    if "A" in groups and "B" in groups:
        a, b = groups["A"], groups["B"]
        lines += [
            "| A/B (medians) | pages/s | CPU per page | peak RSS |",
            "|---|---:|---:|---:|",
            f"| ratio | {median(a, 'pages_per_second') / median(b, 'pages_per_second'):.2f}x | "
            f"{median(a, 'cpu_per_page_ms') / median(b, 'cpu_per_page_ms'):.2f}x | "
            f"{median(a, 'max_rss_mb') / median(b, 'max_rss_mb'):.2f}x |",
            "",
            f"Median of the pairs' own pages/s ratios: **{pair_ratio(a, b):.2f}x** (each pair "
            "ran back to back, so this is the figure the machine's drift moves least).",
            "",
        ]
    if "one site" in groups and "two sites" in groups:
        one = median(groups["one site"], "pages_per_second")
        two = median(groups["two sites"], "pages_per_second")
        lines += [
            f"Two crawls at once: **{two / one:.2f}x** the pages/s of one (medians); median of "
            f"the pairs' own ratios {pair_ratio(groups['two sites'], groups['one site']):.2f}x.",
            "",
        ]
    return "\n".join(lines)


def pair_ratio(first: list[Run], second: list[Run]) -> float:
    """Median over the pairs of first/second pages per second."""
    return statistics.median(
        x.pages_per_second / y.pages_per_second for x, y in zip(first, second, strict=False)
    )


def write_section(path: Path, marker: str, section: str) -> None:
    """Replace this benchmark's earlier section in ``path``, or append it."""
    begin, end = f"<!-- BEGIN {marker} -->", f"<!-- END {marker} -->"
    block = f"{begin}\n{section.rstrip()}\n{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + block
    path.write_text(text, encoding="utf-8")


# Main -----------------------------------------------------------------------------------------


def sites_toml(ports: list[int], concurrency: int, articles: int) -> str:
    tables = []
    for number, port in enumerate(ports, start=1):
        tables.append(
            f'[sites.bench{number}]\nstart_urls = ["http://127.0.0.1:{port}/"]\n'
            f"max_depth = {MAX_DEPTH}\nmax_pages = {articles * 4 + 1000}\n"
            f"download_delay = 0\nconcurrent_requests = {concurrency}\n"
            "allow_private_networks = true\n"
        )
    return "\n".join(tables)


def benchmark(
    args: argparse.Namespace, scratch: Path
) -> tuple[str, list[Run], dict[str, list[Run]]]:
    """Generate, serve and run; return the server's name, the runs in order, and groups."""
    count = max(1, args.concurrent_sites)
    ports = [free_port() for _ in range(count)]
    roots = []
    started = time.perf_counter()
    for number, port in enumerate(ports):
        root = scratch / f"site{number + 1}"
        generate_site(root, articles=args.articles, seed=number, origin=f"http://127.0.0.1:{port}")
        roots.append(root)
    print(f"generated {count} site(s) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    sites_file = scratch / "sites.toml"
    sites_file.write_text(sites_toml(ports, args.concurrency, args.articles))
    home = f"http://127.0.0.1:{ports[0]}/"
    sequence: list[Run] = []
    groups: dict[str, list[Run]] = {}

    def record(group: str, run: Run) -> None:
        print(
            f"{run.label}: {run.pages} pages in {run.wall:.1f} s, {run.pages_per_second:.1f}"
            f" pages/s, CPU {run.cpu:.1f} s, peak RSS {run.max_rss_mb:.0f} MB",
            file=sys.stderr,
        )
        sequence.append(run)
        groups.setdefault(group, []).append(run)

    with serving(list(zip(roots, ports, strict=True)), scratch, args.server) as server:
        for _ in range(args.pairs):
            if count > 1:
                record("one site", run_a("bench1", sites_file, scratch, "A, one site"))
                record(
                    "two sites",
                    run_both([f"bench{n + 1}" for n in range(count)], sites_file, scratch),
                )
                continue
            if "a" in args.runs:
                record("A", run_a("bench1", sites_file, scratch))
            if "b" in args.runs:
                record("B", run_b(home, args.concurrency, scratch, args.b_concurrent_items))
        if args.profile:
            profile_a("bench1", sites_file, scratch, args.profile.resolve())
            print(f"profile of one more A run written to {args.profile}", file=sys.stderr)
    return server, sequence, groups


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000, help="articles in the site")
    parser.add_argument(
        "--pairs", type=int, default=3, help="A B pairs (or solo/duo pairs); 0 with --profile"
    )
    parser.add_argument("--runs", choices=("ab", "a", "b"), default="ab", help="which to run")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent_requests")
    parser.add_argument(
        "--b-concurrent-items",
        type=int,
        default=100,
        help="B's CONCURRENT_ITEMS: Scrapy's default 100, or 1 as newsarchiver sets it",
    )
    parser.add_argument(
        "--concurrent-sites", type=int, default=1, help="2: two crawls at once vs one alone"
    )
    parser.add_argument("--server", choices=("auto", "nginx", "python"), default="auto")
    parser.add_argument("--output", type=Path, help="also write the markdown section here")
    parser.add_argument("--profile", type=Path, help="py-spy profile of one extra A run")
    args = parser.parse_args(argv)
    args.argv = argv
    args.load_before = os.getloadavg()[0]
    if args.articles < 1 or args.pairs < 0 or not 1 <= args.concurrency <= 64:
        parser.error("--articles must be positive, --pairs 0 or more, --concurrency 1 to 64")
    if args.pairs == 0 and not args.profile:
        parser.error("--pairs 0 (no measured runs) only makes sense with --profile")
    if args.concurrent_sites not in (1, 2):
        parser.error("--concurrent-sites must be 1 or 2")

    # SIGTERM unwinds like Ctrl-C, so the web server is stopped and the scratch dir removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with tempfile.TemporaryDirectory(prefix="newsarchiver-crawl-bench-") as scratch:
            server, sequence, groups = benchmark(args, Path(scratch))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not sequence:
        return 0
    section = report(args, server, sequence, groups)
    print(section)
    if args.output:
        write_section(args.output, section_marker(args), section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
