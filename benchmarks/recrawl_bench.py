"""Recrawl benchmark: what incremental discovery and revisit records save on scheduled runs.

A scheduled crawl of a news site mostly meets pages it archived last time. This measures the
requests sent and WARC bytes stored over three consecutive ``newsarchiver crawl`` runs of one
demo site (:mod:`demosite.generator`, served by :mod:`demosite.server`) where about 1% of the
articles get a correction between runs (their sitemap ``lastmod`` is bumped, as a news CMS
does), in two configurations, each with its own fresh archive and fresh copy of the site:

- ``incremental``: ``recapture_after = "24h"``, the default: hubs, feeds and sitemaps are
  fetched, known articles only when announced as changed; unchanged payloads become revisits;
- ``refetch``: ``recapture_after = "0s"``: every page is fetched on every run (revisit records
  still replace unchanged payloads, so its bytes show what revisits alone save).

Run 1 of either configuration starts from an empty archive, so it stores every payload as a
full response: its bytes are what each run would store with neither feature::

    .venv/bin/python benchmarks/recrawl_bench.py --articles 3000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from demosite.generator import ORIGIN_PLACEHOLDER, SiteManifest, generate_site
from demosite.server import serve_directory

VENV_BIN = Path(sys.executable).parent
RUNS = 3
CONFIGS = {"incremental": "24h", "refetch": "0s"}


def correct_articles(manifest: SiteManifest, share: float, run: int, seed: int) -> int:
    """Add a correction to ``share`` of the articles and bump their sitemap ``lastmod``."""
    rng = random.Random(seed * 1000 + run)
    count = max(1, round(len(manifest.articles) * share))
    chosen = rng.sample(manifest.articles, count)
    for article in chosen:
        page = manifest.root / article.path.strip("/") / "index.html"
        html = page.read_text(encoding="utf-8")
        note = f"<p>Correction {run}: an earlier version of this article misstated a figure.</p>\n"
        page.write_text(html.replace('<p class="more">', note + '<p class="more">', 1))
    now = datetime.now(UTC).isoformat()
    paths = {f"{ORIGIN_PLACEHOLDER}{a.path}" for a in chosen}
    for sitemap in manifest.root.glob("sitemap-articles-*.xml"):
        text = re.sub(
            r"<loc>([^<]+)</loc><lastmod>[^<]+</lastmod>",
            lambda m: m.group(0) if m.group(1) not in paths else
            f"<loc>{m.group(1)}</loc><lastmod>{now}</lastmod>",
            sitemap.read_text(encoding="utf-8"),
        )  # fmt: skip
        sitemap.write_text(text, encoding="utf-8")
    return count


def crawl(workdir: Path, origin: str, recapture_after: str, max_depth: int) -> dict[str, Any]:
    sites = workdir / "sites.toml"
    sites.write_text(
        "[sites.bench]\n"
        f'start_urls = ["{origin}/"]\n'
        "allow_private_networks = true\ndownload_delay = 0\nconcurrent_requests = 8\n"
        f'max_depth = {max_depth}\nmax_pages = 1000000\nrecapture_after = "{recapture_after}"\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "NEWSARCHIVER_SITES": str(sites),
        "NEWSARCHIVER_STORAGE": f"file://{workdir / 'store'}",
        "NEWSARCHIVER_DB": f"sqlite:///{workdir / 'index.sqlite3'}",
        "NEWSARCHIVER_SPOOL": str(workdir / "spool"),
        "NEWSARCHIVER_LOGS": str(workdir / "logs"),
        "PYTHONWARNINGS": "ignore",
    }
    result = subprocess.run(
        [str(VENV_BIN / "newsarchiver"), "crawl", "bench", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"crawl failed ({result.returncode}): {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def measure(
    name: str, articles: int, share: float, seed: int, max_depth: int, workdir: Path
) -> list[dict[str, Any]]:
    site_root = workdir / name / "site"
    manifest = generate_site(site_root, articles=articles, seed=seed)
    rows = []
    with serve_directory(site_root) as server:
        for run in range(1, RUNS + 1):
            changed = correct_articles(manifest, share, run, seed) if run > 1 else 0
            summary = crawl(workdir / name, server.url, CONFIGS[name], max_depth)
            rows.append(
                {
                    "config": name,
                    "run": run,
                    "changed": changed,
                    "requests": sum(summary["requests_by_status"].values()),
                    "bytes": summary["bytes"],
                    "revisits": summary["revisits"],
                    "skipped_recent": summary["skipped_recent"],
                    "articles": summary["articles"],
                    "seconds": summary["seconds"],
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr)
    return rows


def markdown(rows: list[dict[str, Any]], articles: int, share: float) -> str:
    baseline = next(r for r in rows if r["config"] == "refetch" and r["run"] == 1)
    lines = [
        f"### Recrawl: {articles} articles, {share:.0%} corrected between runs, {RUNS} runs",
        "",
        "| config | run | changed | requests | WARC bytes | revisits | skipped | seconds |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['config']} | {r['run']} | {r['changed']} | {r['requests']} | {r['bytes']:,} | "
        f"{r['revisits']} | {r['skipped_recent']} | {r['seconds']:.1f} |"
        for r in rows
    ]
    lines.append("")
    for name in CONFIGS:
        mine = [r for r in rows if r["config"] == name]
        requests = sum(r["requests"] for r in mine)
        stored = sum(r["bytes"] for r in mine)
        lines.append(
            f"- {name}: {requests} requests, {stored:,} bytes over {RUNS} runs; against "
            f"{RUNS} full runs without revisits or skipping ({RUNS} x run 1 of refetch: "
            f"{RUNS * baseline['requests']} requests, {RUNS * baseline['bytes']:,} bytes): "
            f"{requests / (RUNS * baseline['requests']):.2f}x the requests, "
            f"{stored / (RUNS * baseline['bytes']):.2f}x the bytes"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--share", type=float, default=0.01, help="articles corrected per run")
    parser.add_argument("--max-depth", type=int, default=3)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="recrawl-bench-"))
    try:
        rows = []
        for name in CONFIGS:
            rows += measure(name, args.articles, args.share, args.seed, args.max_depth, workdir)
        print(markdown(rows, args.articles, args.share))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
