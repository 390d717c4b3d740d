"""The crawl never connects to a non-public address, whatever form or name leads there.

The rules are :mod:`spiders.addressrules`, a table judged the same on every Python; the guard
(:class:`spiders.netguard.AddressGuard`) resolves each host once, judges every answer and pins
it, and the download handler connects only to what it allowed. End to end, a fixture server on
127.0.0.1 and ::1 logs every connection it accepts: a refused URL must leave it at zero, and a
name whose DNS answer turns private after the first question (our own DNS server) must never
reach it.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from ipaddress import ip_address, ip_network
from pathlib import Path
from typing import Any

import pytest
from twisted.python.failure import Failure

from spiders.addressrules import non_public
from spiders.netguard import AddressGuard, RefusedAddress
from tests.crawlhelpers import Archive, make_archive, run_cli
from tests.dnsserver import ChangingDns
from tests.wireserver import WireServer, http_response

#: Every way of writing the crawl machine's own loopback address into a URL.
LOOPBACK_FORMS = [
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[64:ff9b::7f00:1]",
    "[2002:7f00:1::]",
    "2130706433",
    "0177.0.0.1",
    "0x7f000001",
    "localhost.",
]
SECRET = b"internal admin panel: not for the archive"


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "shared address space (carrier-grade NAT)"),
        ("192.0.2.2", "documentation"),
        ("0.0.0.0", "'this network'"),
        ("::1", "loopback"),
        ("fd00::1", "unique local"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "carries 127.0.0.1, loopback"),
        ("::ffff:0:10.0.0.1", "carries 10.0.0.1, private"),
        ("::127.0.0.1", "carries 127.0.0.1, loopback"),
        ("64:ff9b::7f00:1", "carries 127.0.0.1, loopback"),
        ("64:ff9b::a9fe:a9fe", "carries 169.254.169.254, link-local"),
        ("2002:7f00:1::", "carries 127.0.0.1, loopback"),
        ("2002:c0a8:101::1", "carries 192.168.1.1, private"),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "carries 127.0.0.1, loopback"),  # Teredo client
        ("2001:0:a00:1::1", "carries 10.0.0.1, private"),  # Teredo server
    ],
)
def test_non_public_addresses_and_the_ipv4_they_carry(address: str, why: str) -> None:
    assert non_public(ip_address(address)) == why


@pytest.mark.parametrize(
    "address",
    ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1"],
)
def test_public_addresses_pass(address: str) -> None:
    assert non_public(ip_address(address)) is None


def verdict(guard: AddressGuard, host: str) -> list[str] | str:
    """What the guard answers for a host it needs no DNS for: addresses, or why it refused."""
    outcome: list[Any] = []
    guard.addresses(host).addCallbacks(outcome.append, outcome.append)
    [result] = outcome
    if isinstance(result, Failure):
        assert isinstance(result.value, RefusedAddress), result
        return str(result.value)
    return [str(address) for address in result]


@pytest.mark.parametrize("host", [*LOOPBACK_FORMS, "LOCALHOST", "news.localhost", "127.1"])
def test_every_form_of_loopback_is_refused_without_dns(host: str) -> None:
    refusal = verdict(AddressGuard(False), host)
    assert isinstance(refusal, str) and "loopback" in refusal


def test_a_site_allows_networks_by_the_ipv4_an_address_carries() -> None:
    guard = AddressGuard([ip_network("127.0.0.1/32")])
    assert verdict(guard, "[::ffff:127.0.0.1]") == ["::ffff:7f00:1"]
    assert verdict(guard, "2130706433") == ["127.0.0.1"]
    assert "loopback" in verdict(guard, "[::1]")
    assert verdict(AddressGuard(True), "[::1]") == ["::1"]
    assert verdict(AddressGuard(False), "93.184.216.34") == ["93.184.216.34"]


# End to end ---------------------------------------------------------------------------------


@dataclass
class Crawl:
    server: WireServer
    archive: Archive
    summary: dict[str, Any]
    dns: ChangingDns | None = None

    def stored_bytes(self) -> bytes:
        """Everything the crawl wrote: WARC contents and the index's database files."""
        warcs = b"".join(gzip.decompress(path.read_bytes()) for path in self.archive.warcs())
        index = b"".join(p.read_bytes() for p in self.archive.root.glob("index.sqlite3*"))
        return warcs + index


def crawl(root: Path, server: WireServer, start_urls: list[str], **options: Any) -> Crawl:
    env = options.pop("env", {})
    site = {"start_urls": start_urls, "download_delay": 0, "max_depth": 1, **options}
    archive = make_archive(root, {"guarded": site})
    result = run_cli(["crawl", "guarded", "--json"], archive.env(**env))
    assert result.returncode in (0, 1), result.stderr[-3000:]  # 1: a run that archived nothing
    assert "Traceback" not in result.stderr
    return Crawl(server, archive, json.loads(result.stdout))


@pytest.fixture
def private_server() -> Iterator[WireServer]:
    body = b"<html><title>admin</title><p>" + SECRET + b"</p></html>"
    page = http_response(b"HTTP/1.1 200 OK", [b"Content-Length: %d" % len(body)], body)
    server = WireServer({"/": page, "/robots.txt": page}, hosts=("127.0.0.1", "::1"))
    yield server
    server.close()


def test_no_form_of_a_loopback_url_reaches_the_server(
    tmp_path: Path, private_server: WireServer
) -> None:
    urls = [f"http://{form}:{private_server.port}/" for form in LOOPBACK_FORMS]
    done = crawl(tmp_path, private_server, urls)
    assert private_server.connections == []
    assert sorted(done.summary["refused"]) == sorted(urls)
    assert SECRET not in done.stored_bytes()


def test_a_name_that_turns_private_after_the_first_answer_never_reaches_it(
    tmp_path: Path, private_server: WireServer
) -> None:
    """203.0.113.7 stands for a public address here: the site allows its network, as it would
    any public one. The name then answers 127.0.0.1, which the site does not allow."""
    dns = ChangingDns({"rebind.test": ["203.0.113.7", "127.0.0.1"], "inside.test": ["127.0.0.1"]})
    try:
        done = crawl(
            tmp_path,
            private_server,
            [
                f"http://rebind.test:{private_server.port}/",
                f"http://inside.test:{private_server.port}/",
            ],
            allow_private_networks=["203.0.113.0/24"],
            env={
                "NEWSARCHIVER_DNS_SERVER": f"127.0.0.1:{dns.port}",
                "NEWSARCHIVER_DOWNLOAD_TIMEOUT": "2",
            },
        )
        questions = dns.questions
    finally:
        dns.close()
    assert private_server.connections == []
    # Asked once, pinned: robots.txt, the page and every retry connect where the first answer said.
    assert questions.count(("rebind.test", "A")) == 1
    assert done.summary["refused"] == [f"http://inside.test:{private_server.port}/"]
    # A refusal is no fetch: not in the crawl log, and not among the attempts left unanswered.
    log = Path(done.summary["log_file"]).read_text()
    assert "fetched ERR 0 - - http://inside.test" not in log
    unanswered = log.count("fetched ERR 0 - - http://rebind.test")
    assert unanswered > 0 and done.summary["unanswered"] == unanswered
    for record in done.archive.records():
        assert record.headers.get("WARC-IP-Address") in (None, "203.0.113.7"), record.target
    assert SECRET not in done.stored_bytes()
