"""Upload throughput and peak memory: ``S3Store.store`` against boto3's ``upload_file``.

The point is to show what the guarantees of :mod:`storage.s3store` (conditional write, SHA-256
checked by the store for every part, whole-file digest compared before completion, streaming
from disk) cost against the plain boto3 way. Run each upload in its own process under
``/usr/bin/time -v`` so that "Maximum resident set size" is that upload's alone::

    PYTHONPATH=. .venv/bin/python benchmarks/s3_upload.py serve /tmp/bench-s3 &   # SeaweedFS
    PYTHONPATH=. .venv/bin/python benchmarks/s3_upload.py make /tmp/bench.warc.gz --mib 1024
    set -a; . /tmp/bench-s3/env; set +a
    B="/usr/bin/time -v .venv/bin/python benchmarks/s3_upload.py upload /tmp/bench.warc.gz"
    $B --with newsarchiver
    $B --with boto3

``upload`` prints one JSON line. The SHA-256 is computed before the timer starts, because in
production the WARC writer computes it while writing; ``hash_seconds`` reports what it cost.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import signal
import sys
import time
from pathlib import Path

MiB = 1024 * 1024


def serve(data_dir: Path) -> None:
    """Run a loopback SeaweedFS until SIGTERM/SIGINT; write its AWS_* variables to ``env``."""
    from tests.s3server import running_seaweedfs

    data_dir.mkdir(parents=True, exist_ok=True)
    with running_seaweedfs(data_dir) as server:
        bucket = server.create_bucket("bench")
        variables = server.environ() | {"BENCH_BUCKET": bucket}
        (data_dir / "env").write_text("".join(f"{k}={v}\n" for k, v in variables.items()))
        print(f"SeaweedFS at {server.endpoint_url}; variables in {data_dir / 'env'}", flush=True)
        # Blocked only now, after weed started, so that weed does not inherit the mask.
        stop = {signal.SIGTERM, signal.SIGINT}
        signal.pthread_sigmask(signal.SIG_BLOCK, stop)
        signal.sigwait(stop)


def make(path: Path, mib: int) -> None:
    """A file of random bytes (incompressible, like a .warc.gz), written in 1 MiB blocks."""
    with open(path, "wb") as out:
        for _ in range(mib):
            out.write(os.urandom(MiB))


def upload(path: Path, how: str, bucket: str) -> dict[str, object]:
    started = time.perf_counter()
    with open(path, "rb") as stream:
        sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
    hash_seconds = time.perf_counter() - started
    key = f"bench/{how}/{secrets.token_hex(4)}/{path.name}"
    size = path.stat().st_size

    if how == "newsarchiver":
        from storage.s3store import S3Store

        store = S3Store(bucket)
        started = time.perf_counter()
        store.store(path, key, sha256)
    else:
        import boto3

        client = boto3.client("s3")  # boto3's defaults, endpoint and keys from AWS_*
        started = time.perf_counter()
        client.upload_file(str(path), bucket, key)
    seconds = time.perf_counter() - started
    return {
        "with": how,
        "bytes": size,
        "seconds": round(seconds, 3),
        "mib_per_second": round(size / MiB / seconds, 1),
        "hash_seconds": round(hash_seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run a local SeaweedFS")
    serve_parser.add_argument("data_dir", type=Path)
    make_parser = commands.add_parser("make", help="write a test file")
    make_parser.add_argument("path", type=Path)
    make_parser.add_argument("--mib", type=int, default=1024)
    upload_parser = commands.add_parser("upload", help="upload once and report")
    upload_parser.add_argument("path", type=Path)
    upload_parser.add_argument("--with", dest="how", choices=["newsarchiver", "boto3"])
    upload_parser.add_argument("--bucket", default=os.environ.get("BENCH_BUCKET", "bench"))
    arguments = parser.parse_args()

    if arguments.command == "serve":
        serve(arguments.data_dir)
    elif arguments.command == "make":
        make(arguments.path, arguments.mib)
    else:
        print(json.dumps(upload(arguments.path, arguments.how, arguments.bucket)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
