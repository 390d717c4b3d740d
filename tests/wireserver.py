"""An HTTP/1.1 server on raw sockets that answers with exactly the bytes it is given, and logs them.

``http.server`` normalises what it sends; the web's odd servers do not. This one writes each
answer byte for byte (lowercase and MiXeD-case names, folded headers, reason phrases of its
own, chunk extensions and trailers, bare-LF line ends, interim 1xx answers), and keeps every
connection it accepted and every request and answer in :attr:`WireServer.exchanges`, so tests
can compare WARC records with what went over the socket. Optional TLS (a self-signed
certificate made on the spot) and a second listening address on the same port (``::1``).

:class:`ForwardProxy` is an HTTP proxy in the same style: ``CONNECT`` tunnels and absolute-form
requests, one exchange per client connection, answers passed back untouched.
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import ssl
import threading
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


@dataclass(frozen=True)
class Exchange:
    """One request as received and the answer written for it."""

    peer: str
    method: str
    target: str
    request: bytes
    response: bytes


@dataclass
class _Loop:
    """An asyncio loop in a daemon thread, for servers that tests drive from outside."""

    loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)

    def __post_init__(self) -> None:
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)


class WireServer:
    """Answers ``routes[target]`` (a list is answered in turn, its last item from then on)."""

    def __init__(
        self,
        routes: dict[str, bytes | Sequence[bytes]],
        *,
        hosts: Sequence[str] = ("127.0.0.1",),
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.routes = {t: [a] if isinstance(a, bytes) else list(a) for t, a in routes.items()}
        self.connections: list[str] = []
        self.exchanges: list[Exchange] = []
        self._lock = threading.Lock()
        self._runner = _Loop()
        self._servers = self._runner.run(self._listen(hosts, tls))
        self.port: int = self._servers[0].sockets[0].getsockname()[1]
        self.scheme = "https" if tls else "http"

    def url(self, target: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{target}"

    def sent(self, target: str, method: str = "GET") -> list[Exchange]:
        with self._lock:
            return [e for e in self.exchanges if e.target == target and e.method == method]

    def close(self) -> None:
        for server in self._servers:
            self._runner.loop.call_soon_threadsafe(server.close)
        self._runner.stop()

    async def _listen(
        self, hosts: Sequence[str], tls: ssl.SSLContext | None
    ) -> list[asyncio.Server]:
        for _ in range(20):  # the second address may find the first one's port taken
            first = await asyncio.start_server(self._serve, hosts[0], 0, ssl=tls)
            port = first.sockets[0].getsockname()[1]
            try:
                others = [
                    await asyncio.start_server(self._serve, h, port, ssl=tls) for h in hosts[1:]
                ]
            except OSError:
                first.close()
                continue
            return [first, *others]
        raise OSError(f"no port free on all of {hosts}")

    def _answer(self, target: str) -> bytes:
        with self._lock:
            answers = self.routes.get(target)
            if not answers:
                return NOT_FOUND
            return answers.pop(0) if len(answers) > 1 else answers[0]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = str(writer.get_extra_info("peername")[0])
        with self._lock:
            self.connections.append(peer)
        try:
            while True:
                request = await read_request(reader)
                method, target = request.split(b" ", 2)[:2]
                answer = self._answer(target.decode("latin-1"))
                writer.write(answer)
                await writer.drain()
                with self._lock:
                    self.exchanges.append(
                        Exchange(peer, method.decode(), target.decode("latin-1"), request, answer)
                    )
                if b"connection: close" in (answer + request.split(b"\r\n\r\n")[0]).lower():
                    break
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()


async def read_request(reader: asyncio.StreamReader) -> bytes:
    """One request: its head, and the body its Content-Length announces."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return head + (await reader.readexactly(length) if length else b"")


class ForwardProxy:
    """An HTTP proxy: ``CONNECT`` tunnels, and absolute-form requests forwarded in origin form
    (with ``Connection: close``); the answer comes back byte for byte. Keeps what it received."""

    def __init__(self) -> None:
        self.requests: list[bytes] = []
        self._runner = _Loop()
        self._server = self._runner.run(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self.port: int = self._server.sockets[0].getsockname()[1]

    def close(self) -> None:
        self._runner.loop.call_soon_threadsafe(self._server.close)
        self._runner.stop()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await read_request(reader)
            self.requests.append(request)
            line, _, rest = request.partition(b"\r\n")
            method, target, version = line.split(b" ")
            if method == b"CONNECT":
                host, port = target.rsplit(b":", 1)
                up_reader, up_writer = await asyncio.open_connection(host.decode(), int(port))
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                url = target.split(b"//", 1)[1]
                hostport, _, path = url.partition(b"/")
                host, port = hostport.rsplit(b":", 1)
                up_reader, up_writer = await asyncio.open_connection(host.decode(), int(port))
                head, _, body = rest.partition(b"\r\n\r\n")
                kept = [
                    h for h in head.split(b"\r\n")
                    if not h.lower().startswith((b"proxy-", b"connection:"))
                ]  # fmt: skip
                up_writer.write(
                    b" ".join((method, b"/" + path, version)) + b"\r\n"
                    + b"".join(h + b"\r\n" for h in kept)
                    + b"Connection: close\r\n\r\n" + body
                )  # fmt: skip
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


def self_signed_tls(directory: Path) -> ssl.SSLContext:
    """A server context with a fresh self-signed certificate for 127.0.0.1 and localhost."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context


def http_response(status_line: bytes, headers: Sequence[bytes], body: bytes = b"") -> bytes:
    """``status_line`` and ``headers`` (each a full line without its CRLF) then ``body``."""
    return b"".join(line + b"\r\n" for line in (status_line, *headers)) + b"\r\n" + body
