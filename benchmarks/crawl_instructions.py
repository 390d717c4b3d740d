"""Instructions per page of ``newsarchiver crawl``, two checkouts side by side, under callgrind.

On a shared machine, CPU seconds move with the other work (caches, frequency, hyper-threads)
more than a small change moves them; the number of instructions a crawl executes does not.
This runs one crawl per checkout of the same generated site (:mod:`demosite.generator`, served
like ``crawl_bench.py`` serves it) under ``valgrind --tool=callgrind``, at the same time, each
with ``PYTHONPATH`` pointing at its checkout and a fresh index that checkout's own migrations
created, and prints the instructions executed and their count per page::

    git worktree add --detach /tmp/before COMMIT
    .venv/bin/python benchmarks/crawl_instructions.py --articles 400 /tmp/before .

Crawls of two sizes (``--articles 100`` and ``400``) give the cost of one more page (the
slope) apart from start-up, which the first figures include. Under callgrind a crawl runs
about 50 times slower: keep the site small.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl_bench import (
    ROOT,
    VENV_BIN,
    BenchError,
    archive_env,
    free_port,
    serving,
    sites_toml,
)

from demosite.generator import generate_site


def migrate(archive: Path, code: Path) -> None:
    """Create the index with ``code``'s own migrations (an older checkout knows fewer)."""
    create = (
        f"from storage.db import Database; Database('sqlite:///{archive}/index.sqlite3').migrate()"
    )
    environment = os.environ | {"PYTHONPATH": str(code)}
    subprocess.run([str(VENV_BIN / "python"), "-c", create], env=environment, check=True, cwd="/")


def instructions(callgrind_out: Path) -> int:
    """The total of the ``Ir`` event in a callgrind output file."""
    for line in callgrind_out.read_text().splitlines():
        if line.startswith(("totals:", "summary:")):
            return int(line.split()[1])
    raise BenchError(f"no instruction total in {callgrind_out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="articles in the site")
    parser.add_argument("codes", nargs="+", type=Path, help="checkouts to run (PYTHONPATH)")
    args = parser.parse_args(argv)
    codes = [code.resolve() for code in args.codes]
    with tempfile.TemporaryDirectory(prefix="newsarchiver-instructions-") as scratch_name:
        scratch = Path(scratch_name)
        port = free_port()
        root = scratch / "site1"
        generate_site(root, articles=args.articles, seed=0, origin=f"http://127.0.0.1:{port}")
        sites_file = scratch / "sites.toml"
        sites_file.write_text(sites_toml([port], 8, args.articles))
        with serving([(root, port)], scratch, "auto"):
            crawls = []
            for number, code in enumerate(codes):
                archive = scratch / f"archive{number}"
                archive.mkdir()
                migrate(archive, code)
                command = ["valgrind", "--tool=callgrind", "--dump-instr=no"]
                command += [f"--callgrind-out-file={archive}/callgrind.out"]
                command += [str(VENV_BIN / "python"), str(VENV_BIN / "newsarchiver")]
                command += ["crawl", "bench1", "--json"]
                environment = archive_env(archive, sites_file) | {"PYTHONPATH": str(code)}
                with (archive / "summary.json").open("wb") as summary:
                    process = subprocess.Popen(
                        command,
                        env=environment,
                        cwd=ROOT,
                        stdout=summary,
                        stderr=subprocess.DEVNULL,
                    )
                crawls.append((code, archive, process))
            print(f"{'checkout':<40} {'pages':>6} {'instructions':>16} {'per page':>12}")
            for code, archive, process in crawls:
                if process.wait() != 0:
                    raise BenchError(f"the crawl of {code} exited with {process.returncode}")
                pages = json.loads((archive / "summary.json").read_text())["pages"]
                total = instructions(archive / "callgrind.out")
                print(f"{code!s:<40} {pages:>6} {total:>16,} {total / pages:>12,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
