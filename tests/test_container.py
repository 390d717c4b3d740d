"""The container files as far as this machine can run them (it has no Docker engine).

The commands the image and docker-compose.yml run are read from those files and run here, in
subprocesses, against a real archive: the entrypoint, the image's HEALTHCHECK while a daemon
or a worker is alive and after, and the web service's health check against `serve`. The
README's `docker run` example must name a site of the example sites file, copied to where the
image reads it. (The Dockerfile passed hadolint 2.15 when these were written, outside the suite.)
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.workers import beat_worker
from tests.crawlhelpers import BIN, REPO
from tests.test_scheduler_daemon import Archive, site_table

DOCKERFILE = (REPO / "Dockerfile").read_text()
COMPOSE = (REPO / "docker-compose.yml").read_text()


def instruction(name: str) -> list[str]:
    """The exec-form (JSON) arguments of a Dockerfile instruction, continuation lines joined."""
    text = DOCKERFILE.replace("\\\n", " ")
    [line] = [x for x in text.splitlines() if x.startswith(f"{name} ")]
    return list(json.loads(line[line.index("[") :]))


def run_here(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``command`` as the container runs it, with this environment's ``newsarchiver``."""
    if command[0] == "newsarchiver":
        command = [str(BIN / "newsarchiver"), *command[1:]]
    elif command[0] == "python":
        command = [str(BIN / "python"), *command[1:]]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    made = Archive.create(tmp_path, "http://news.invalid")
    made.write_sites(site_table("news", made.url))
    made.db.migrate()
    yield made
    made.cleanup()


def test_entrypoint_and_default_command_run() -> None:
    done = run_here(instruction("ENTRYPOINT") + instruction("CMD"), dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert "Usage: newsarchiver" in done.stdout


def test_image_healthcheck_follows_the_daemon(archive: Archive) -> None:
    check = instruction("HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3")
    assert check == ["newsarchiver", "healthcheck"]
    host = socket.gethostname()
    down = run_here(check, archive.env)
    assert down.returncode == 1
    assert (
        down.stderr == f"error: no live scheduler daemon or worker of host {host} in the database\n"
    )

    daemon = archive.start_daemon()
    up = run_here(check, archive.env)
    assert (up.returncode, up.stdout) == (0, f"ok: scheduler daemon {host}:{daemon.pid}\n")
    assert archive.stop_daemon(daemon) == 0
    assert run_here(check, archive.env).returncode == 1  # its lease went with it


def test_image_healthcheck_sees_a_worker_of_this_host_only(archive: Archive) -> None:
    check = ["newsarchiver", "healthcheck"]
    beat_worker(archive.db, "elsewhere", "other-host", 4242, 2)
    assert run_here(check, archive.env).returncode == 1
    beat_worker(archive.db, "worker1", socket.gethostname(), os.getpid(), 2)
    up = run_here(check, archive.env)
    assert (up.returncode, up.stdout) == (0, "ok: worker worker1\n")


def test_the_web_services_healthcheck_answers_with_a_token_set(archive: Archive) -> None:
    [code] = re.findall(r'- "(import urllib\.request;.*)"', COMPOSE)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**archive.env, "NEWSARCHIVER_WEB_TOKEN": "a-token-of-at-least-some-length-0123456789"}
    serve = subprocess.Popen(
        [str(BIN / "newsarchiver"), "serve", "--port", str(port), "--replay-port", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        check = ["python", "-c", code.replace("8080", str(port))]
        deadline = time.monotonic() + 30
        while (done := run_here(check, env)).returncode != 0 and time.monotonic() < deadline:
            assert serve.poll() is None, serve.communicate()[1]
            time.sleep(0.3)
        assert done.returncode == 0, done.stderr
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def test_the_readme_docker_run_example_names_an_example_site() -> None:
    readme = (REPO / "README.md").read_text()
    [copy] = re.findall(r"^mkdir -p data && cp sites\.example\.toml data/(\S+)", readme, re.M)
    [site] = re.findall(
        r'^docker run .* -v "\$PWD/data:/data" newsarchiver crawl (\S+)$', readme, re.M
    )
    assert f"NEWSARCHIVER_SITES=/data/{copy}" in DOCKERFILE
    example = tomllib.loads((REPO / "sites.example.toml").read_text())
    assert site in example["sites"]
