"""What hostile bodies cost: decoding time of empty gzip members, memory of compression bombs.

Two measurements of issue 20, each side by side with a baseline in the same run:

- **Decoding.** Bodies of 1, 4 and 16 MB made only of empty gzip members (20 bytes each),
  decoded by ``storage.contentcoding`` (the crawl's and the archive readers' decoder) and by
  the decoders it replaced or stands beside: Scrapy's ``gunzip`` (what the crawl used) and the
  standard library's ``gzip.decompress``. Both of those walk the members through
  ``unused_data``, copying the rest of the body once per member. ``--baseline-max-mb`` skips
  Scrapy's above a size; ``gzip.decompress`` runs at 1 MB only (it needs minutes at 4 MB).
  Times are CPU seconds of this process.
- **Memory.** Two pages on a local ``tests.hostileserver``: one linking a hundred
  double-gzipped bombs (``Content-Encoding: gzip, gzip``, 2.5 KB that inflate to 1 MiB, then to
  1 GiB), one linking a hundred single ones (1 MiB that inflates to 1 GiB). Each page is
  crawled by ``newsarchiver crawl`` with the default limits (refused at 128 MiB decoded), under
  ``/usr/bin/time -v``, whose "Maximum resident set size" is the figure. The baseline is the
  same crawl with Scrapy's own ``HttpCompressionMiddleware`` in place of
  ``spiders.contentdecoding`` (what the crawl ran before): it holds each refused body until
  a full garbage collection, so it needs gigabytes of free memory.

    .venv/bin/python benchmarks/hostile_bodies.py                  # both, with baselines
    .venv/bin/python benchmarks/hostile_bodies.py --no-baseline     # ours only (CI-friendly)
    .venv/bin/python benchmarks/hostile_bodies.py --decoding-only --json
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scrapy.utils.gz import gunzip  # noqa: E402

from storage.contentcoding import decode  # noqa: E402
from tests.crawlhelpers import BIN, make_archive  # noqa: E402
from tests.fixturesite import gzip_bomb  # noqa: E402
from tests.hostileserver import HostileServer, answer  # noqa: E402

SIZES_MB = (1, 4, 16)
BOMB_LINKS = 100
_SCRAPY_DECODER = "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"
_OUR_DECODER = "spiders.contentdecoding.ContentDecodingMiddleware"


def empty_members(megabytes: int) -> bytes:
    member = gzip.compress(b"", mtime=0)
    return member * (megabytes * 1024 * 1024 // len(member))


def timed(function: Callable[[bytes], bytes], body: bytes) -> float:
    """CPU seconds: on a shared machine, wall time measures the neighbours too."""
    started = time.process_time()
    function(body)
    return time.process_time() - started


def decoding(baseline_max_mb: int) -> list[dict[str, Any]]:
    """CPU seconds per decoder and size; a baseline only up to the size it finishes in time."""
    decoders: dict[str, tuple[Callable[[bytes], bytes], int]] = {
        "contentcoding": (
            lambda body: decode(body, ["gzip"], 1 << 30, allow_partial=False),
            max(SIZES_MB),
        ),
        "scrapy gunzip": (lambda body: gunzip(body, max_size=1 << 30), baseline_max_mb),
        # Minutes at 4 MB already.
        "gzip.decompress": (gzip.decompress, min(1, baseline_max_mb)),
    }
    rows = []
    for megabytes in SIZES_MB:
        body = empty_members(megabytes)
        row: dict[str, Any] = {"mb": megabytes}
        for name, (function, largest) in decoders.items():
            if megabytes <= largest:
                row[name] = round(timed(function, body), 3)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def _crawl(archive_root: Path, slug: str, site: dict[str, Any], decoder: str) -> dict[str, Any]:
    archive = make_archive(archive_root, {slug: site})
    command = [str(BIN / "newsarchiver"), "crawl", slug, "--json"]
    if decoder != _OUR_DECODER:
        command = [sys.executable, __file__, "--crawl-with", decoder, slug]
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command],
        env=archive.env(NEWSARCHIVER_DOWNLOAD_TIMEOUT="30"),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", result.stderr)
    summary = json.loads(result.stdout) if result.returncode == 0 else {}
    return {
        "peak_rss_mb": round(int(peak.group(1)) / 1024) if peak else None,
        "wall": wall.group(1) if wall else None,
        "exit": result.returncode,
        "errors": summary.get("errors"),
    }


def memory(with_baseline: bool) -> list[dict[str, Any]]:
    bomb = gzip_bomb()
    pages = {
        "double": (b"gzip, gzip", gzip.compress(bomb, mtime=0)),
        "single": (b"gzip", bomb),
    }
    rows = []
    with HostileServer() as server, tempfile.TemporaryDirectory() as scratch:
        for slug, (coding, body) in pages.items():
            headers = [(b"Content-Type", b"text/html"), (b"Content-Encoding", coding)]
            server.link_farm(f"/{slug}", answer(200, headers, body), BOMB_LINKS)
            decoders = [_OUR_DECODER, *([_SCRAPY_DECODER] if with_baseline else [])]
            for decoder in decoders:
                root = Path(scratch) / f"{slug}-{decoder.rsplit('.', 1)[1]}"
                row = {"page": slug, "decoder": decoder}
                row |= _crawl(root, slug, server.site(f"/{slug}"), decoder)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def crawl_with(decoder: str, slug: str) -> None:
    """``newsarchiver crawl SLUG --json``, with ``decoder`` in the place of ours (baseline)."""
    import settings

    middlewares = dict(settings.DOWNLOADER_MIDDLEWARES)
    middlewares[_OUR_DECODER] = None
    middlewares[decoder] = 590
    settings.DOWNLOADER_MIDDLEWARES = middlewares
    from scheduler.cli import main

    sys.argv = ["newsarchiver", "crawl", slug, "--json"]
    main()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-baseline", action="store_true", help="measure ours only")
    parser.add_argument("--decoding-only", action="store_true")
    parser.add_argument("--memory-only", action="store_true")
    parser.add_argument("--baseline-max-mb", type=int, default=16)  # Scrapy's gunzip
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--crawl-with", nargs=2, metavar=("DECODER", "SLUG"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.crawl_with:
        crawl_with(*args.crawl_with)
        return
    report: dict[str, Any] = {}
    if not args.memory_only:
        report["decoding_seconds"] = decoding(0 if args.no_baseline else args.baseline_max_mb)
    if not args.decoding_only:
        report["bomb_pages"] = memory(not args.no_baseline)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for row in report.get("decoding_seconds", []):
        print(
            f"{row['mb']:>3} MB of empty gzip members: "
            + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in row.items() if name != "mb")
        )
    for row in report.get("bomb_pages", []):
        print(
            f"{row['page']} bombs, {row['decoder'].rsplit('.', 1)[1]}: peak RSS "
            f"{row['peak_rss_mb']} MB, wall {row['wall']}, exit {row['exit']}"
        )


if __name__ == "__main__":
    main()
