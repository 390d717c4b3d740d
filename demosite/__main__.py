"""``python -m demosite``: generate a demo site, or serve one from its own process.

The benchmark serves the site from a separate process so the server does not share a
CPU (and the GIL) with the crawler being measured. This module only parses arguments.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from demosite.generator import generate_site
from demosite.server import serve_directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demosite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="write a site into an empty directory")
    generate.add_argument("root", type=Path)
    generate.add_argument("--articles", type=int, default=60)
    generate.add_argument("--seed", type=int, default=0)
    serve = commands.add_parser("serve", help="serve a generated site until SIGINT/SIGTERM")
    serve.add_argument("root", type=Path)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)

    try:
        if args.command == "generate":
            manifest = generate_site(args.root, articles=args.articles, seed=args.seed)
            print(f"{len(manifest.articles)} articles in {manifest.root}")
            return 0
        server = serve_directory(args.root, args.host, args.port)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(server.url, flush=True)  # the first line of output: what callers wait for
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
