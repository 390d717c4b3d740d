"""Export benchmark: ``newsarchiver export wacz`` (A) beside py-wacz's ``wacz create`` (B).

An export must stay cheap however much it packs, and its memory must not grow with it. For
each size, this generates a demo news site (:mod:`demosite.generator`), serves it with nginx
(as ``crawl_bench.py`` does; the demo's Python server stands in without it), crawls it once
into a fresh archive (untimed), and then runs as child processes, measured with ``os.wait4``
(wall and CPU seconds) while their RSS and peak RSS (``VmRSS``, ``VmHWM``) are sampled every
0.1 s from ``/proc``. (``wait4``'s ``ru_maxrss`` would not do: a child spawned by this process
starts its count at this process's own RSS.)

- A: ``newsarchiver export wacz`` of the whole archive (every record with its request record,
  pages, index, manifest), which also finds each page's requisites in the page itself;
- C: ``newsarchiver export cdxj`` of the whole archive (the index of the stored files);
- B: ``wacz create`` from py-wacz (``.venv-wacz``, see the Makefile) over the same WARC
  files: the reference packer, which indexes the WARC data again and keeps no pages.

The report gives each run's figures, the WACZ's size beside the WARC files it came from,
A/B ratios, and A's RSS over the run (at a quarter, half, three quarters and the end) and from
the smallest size to the largest: flat, if the export streams::

    .venv/bin/python benchmarks/export_bench.py --articles 3000 30000 --output docs/benchmarks.md
    .venv/bin/python benchmarks/export_bench.py --articles 300   # a quick check that it runs
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crawl_bench import (
    ROOT,
    VENV_BIN,
    BenchError,
    archive_env,
    free_port,
    fresh_archive,
    machine,
    serving,
    sites_toml,
    write_section,
)

from demosite.generator import generate_site

WACZ_BIN = ROOT / ".venv-wacz" / "bin" / "wacz"
SAMPLE_SECONDS = 0.1


@dataclass(frozen=True)
class Measured:
    """What one child process cost, with its RSS sampled over the run (MB)."""

    label: str
    wall: float
    cpu: float
    peak_rss_mb: float
    rss_timeline_mb: list[float]
    output_bytes: int
    stdout: str

    def rss_at(self, fraction: float) -> float:
        """The highest RSS sampled up to ``fraction`` of the run."""
        samples = self.rss_timeline_mb or [self.peak_rss_mb]
        return max(samples[: max(1, round(len(samples) * fraction))])


def _memory_mb(pid: int) -> tuple[float, float] | None:
    """Current and peak RSS (VmRSS, VmHWM) of a running process, in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    try:
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (KeyError, ValueError):
        return None


def measure(label: str, command: list[str], env: dict[str, str], output: Path) -> Measured:
    """Run ``command`` to completion; its cost and the size of ``output``."""
    started = time.perf_counter()
    printed = output.with_name(output.name + ".stdout")
    with printed.open("wb") as stdout:
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE
        )
    timeline: list[float] = []
    peak = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if (memory := _memory_mb(process.pid)) is not None:
            timeline.append(memory[0])
            peak = max(peak, memory[1])
        time.sleep(SAMPLE_SECONDS)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        last = stderr.strip().splitlines()[-1:] or ["no output"]
        raise BenchError(f"{label} exited with status {process.returncode}: {last[0]}")
    return Measured(
        label,
        wall,
        usage.ru_utime + usage.ru_stime,
        peak,
        timeline,
        output.stat().st_size,
        printed.read_text(),
    )


@dataclass(frozen=True)
class SizeResult:
    articles: int
    pages: int
    records: int
    warc_bytes: int
    crawl_seconds: float
    a: Measured
    c: Measured
    b: Measured | None


def run_size(articles: int, scratch: Path, server_choice: str) -> tuple[str, SizeResult]:
    port = free_port()
    site = scratch / f"site-{articles}"
    generate_site(site, articles=articles, seed=1, origin=f"http://127.0.0.1:{port}")
    sites_file = scratch / f"sites-{articles}.toml"
    sites_file.write_text(sites_toml([port], 8, articles))
    archive = fresh_archive(scratch)
    env = archive_env(archive, sites_file) | {"PYTHONWARNINGS": "ignore"}
    with serving([(site, port)], scratch, server_choice) as server:
        started = time.perf_counter()
        crawl = subprocess.run(
            [str(VENV_BIN / "newsarchiver"), "crawl", "bench1", "--json"],
            env=env, cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        crawl_seconds = time.perf_counter() - started
    if crawl.returncode != 0:
        raise BenchError(f"the crawl of {articles} articles failed: {crawl.stderr[-500:]}")
    print(f"{articles} articles crawled in {crawl_seconds:.0f} s", file=sys.stderr)
    warcs = sorted((archive / "store").rglob("*.warc.gz"))
    warc_bytes = sum(path.stat().st_size for path in warcs)

    wacz = scratch / f"a-{articles}.wacz"
    export = [str(VENV_BIN / "newsarchiver"), "export", "wacz", "-o", str(wacz), "--json"]
    a = measure("A", export, env, wacz)
    summary = json.loads(a.stdout)
    cdxj = scratch / f"c-{articles}.cdxj"
    c = measure("C", [str(VENV_BIN / "newsarchiver"), "export", "cdxj", "-o", str(cdxj)], env, cdxj)
    b = None
    if WACZ_BIN.exists():
        packed = scratch / f"b-{articles}.wacz"
        b = measure(
            "B", [str(WACZ_BIN), "create", "-o", str(packed), *map(str, warcs)], env, packed
        )
    else:
        print(f"{WACZ_BIN} is missing (make test-tools): no B runs", file=sys.stderr)
    for run in (a, c, b):
        if run is not None:
            print(
                f"{run.label}: {run.wall:.1f} s, CPU {run.cpu:.1f} s, peak RSS "
                f"{run.peak_rss_mb:.0f} MB, output {run.output_bytes / 1e6:.1f} MB",
                file=sys.stderr,
            )
    return server, SizeResult(
        articles, summary["pages"], summary["records"], warc_bytes, crawl_seconds, a, c, b
    )


def report(server: str, results: list[SizeResult], argv: list[str]) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### Export: `newsarchiver export wacz` beside py-wacz ({when})",
        "",
        f"`python benchmarks/export_bench.py {' '.join(argv)}` on {machine()}; the sites "
        f"crawled once each from {server} (untimed), then exported as child processes. Pages "
        "and records are what A packed; B packs the same WARC files (no page list), C indexes "
        "the same records where they are stored.",
        "",
        "| articles | run | pages | records | wall | CPU | peak RSS | output | WARC files |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        warc_mb = result.warc_bytes / 1e6
        runs = [("A `export wacz`", result.a), ("C `export cdxj`", result.c)]
        if result.b is not None:
            runs.append(("B py-wacz `wacz create`", result.b))
        for name, run in runs:
            lines.append(
                f"| {result.articles:,} | {name} | {result.pages:,} | {result.records:,} "
                f"| {run.wall:.1f} s | {run.cpu:.1f} s | {run.peak_rss_mb:.0f} MB "
                f"| {run.output_bytes / 1e6:.1f} MB | {warc_mb:.1f} MB |"
            )
    lines += [
        "",
        "| articles | A/B wall | A/B CPU | A/B peak RSS | WACZ / WARC bytes "
        "| A's RSS at 1/4, 1/2, 3/4 and the end of the run |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        a, b = result.a, result.b
        ratios = (
            f"{a.wall / b.wall:.2f}x | {a.cpu / b.cpu:.2f}x | {a.peak_rss_mb / b.peak_rss_mb:.2f}x"
            if b is not None
            else "- | - | -"
        )
        timeline = ", ".join(f"{a.rss_at(f):.0f}" for f in (0.25, 0.5, 0.75, 1.0))
        lines.append(
            f"| {result.articles:,} | {ratios} | {a.output_bytes / result.warc_bytes:.3f} "
            f"| {timeline} MB |"
        )
    if len(results) > 1:
        small, large = results[0], results[-1]
        lines += [
            "",
            f"From {small.articles:,} to {large.articles:,} articles "
            f"({large.records / small.records:.1f}x the records), "
            f"A's peak RSS went from {small.a.peak_rss_mb:.0f} to {large.a.peak_rss_mb:.0f} MB "
            f"({large.a.peak_rss_mb / small.a.peak_rss_mb:.2f}x) and its time per record "
            f"from {1000 * small.a.wall / small.records:.2f} to "
            f"{1000 * large.a.wall / large.records:.2f} ms.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[3000, 30000])
    parser.add_argument("--server", choices=("auto", "nginx", "python"), default="auto")
    parser.add_argument("--output", type=Path, help="also write the markdown section here")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.articles):
        parser.error("--articles must be positive")
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="newsarchiver-export-bench-") as scratch:
            for articles in sorted(args.articles):
                server, result = run_size(articles, Path(scratch), args.server)
                results.append(result)
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    section = report(server, results, argv)
    print(section)
    if args.output:
        marker = "export_bench " + " ".join(str(n) for n in sorted(args.articles))
        write_section(args.output, marker, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
