"""``newsarchiver serve``: the web app on uvicorn, on two ports of one address.

The app's port and the replay origin's port are bound here, before uvicorn starts, so that a
port of 0 (any free port, as the tests use) is known when the app builds its links, and a port
already taken is a one-line error. The ready line on stderr names both addresses.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import sys
import tempfile
from pathlib import Path

import uvicorn

from settings import AppConfig, ConfigError
from storage.db import Database, DatabaseError
from webapp.app import create_app
from webapp.config import WebSettings, check_exposure, is_loopback, replaywebpage_dir
from webapp.context import WebContext
from webapp.replaycache import ReplayCache
from webapp.signedlinks import LinkSigner


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _origins(port: int, loopback: bool, configured: str | None) -> list[str]:
    if configured:
        return [configured]
    if loopback:
        return [f"http://{name}:{port}" for name in ("127.0.0.1", "localhost")]
    return [f"http://*:{port}", f"https://*:{port}"]


def _check_index(config: AppConfig) -> Database:
    """The index, which must exist: the web app reads an archive, it never starts one."""
    if config.db.startswith("sqlite:///"):
        path = Path(config.db.removeprefix("sqlite:///"))
        if not path.is_file():
            raise ConfigError(
                f"no index at {path}: crawl a site first, or set NEWSARCHIVER_DB to the archive's"
            )
    db = Database(config.db)
    db.migrate()
    return db


def serve(host: str, port: int, replay_port: int) -> None:
    settings = WebSettings.from_env()
    check_exposure(host, settings)
    config = AppConfig.from_env()
    try:
        db = _check_index(config)
    except DatabaseError as exc:
        raise ConfigError(str(exc)) from None
    app_socket = _bind(host, port)
    replay_socket = _bind(host, replay_port)
    app_port, replay_port = app_socket.getsockname()[1], replay_socket.getsockname()[1]
    own_cache = settings.web_cache is None
    cache_dir = settings.web_cache or Path(tempfile.mkdtemp(prefix="newsarchiver-web-"))
    secret = (settings.web_token or secrets.token_hex(32)).encode("utf-8")
    loopback = is_loopback(host)
    web = WebContext(
        db=db,
        settings=settings,
        signer=LinkSigner(secret),
        replays=ReplayCache(db, cache_dir, replaywebpage_dir(settings)),
        host=host,
        app_port=app_port,
        replay_port=replay_port,
    )
    app = create_app(
        web,
        app_origins=_origins(app_port, loopback, settings.web_origin),
        replay_origins=_origins(replay_port, loopback, settings.web_replay_origin),
    )
    display = f"[{host}]" if ":" in host else host
    print(
        f"newsarchiver web app on http://{display}:{app_port}/ "
        f"(replay origin on port {replay_port}); Ctrl-C stops it",
        file=sys.stderr,
        flush=True,
    )
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            lifespan="off",
            log_level="warning",
            proxy_headers=True,
            server_header=False,
            access_log=False,
        )
    )
    try:
        server.run(sockets=[app_socket, replay_socket])
    finally:
        if own_cache:
            shutil.rmtree(cache_dir, ignore_errors=True)
