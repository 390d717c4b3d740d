"""Which IP addresses a crawl may connect to: one table of ranges, the same on every Python.

A news page can link or redirect anywhere, including the crawl machine and its network (cloud
metadata at 169.254.169.254, admin panels on 10.x, the database on 127.0.0.1). The rule that
keeps a crawl out of them must not move with the interpreter: ``ipaddress``'s ``is_global`` and
``is_private`` changed between 3.11 patch releases, and they judge an IPv6 address that carries
an IPv4 one by its IPv6 prefix. So the rule is :data:`NON_PUBLIC`, and an IPv6 address that
embeds an IPv4 address (IPv4-mapped or -compatible, SIIT, NAT64, 6to4, Teredo) is judged as
every IPv4 address it carries: ``[::ffff:127.0.0.1]``, ``[64:ff9b::7f00:1]`` and
``[2002:7f00:1::]`` all reach 127.0.0.1.

Documentation ranges are refused too: they are never on the public internet, and are what some
private networks number themselves with.

:mod:`spiders.netguard` applies this to every address a crawl is about to connect to.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

IPAddress = IPv4Address | IPv6Address

#: Networks no crawl connects to unless its site allows them, each with what it is.
NON_PUBLIC: tuple[tuple[IPv4Network | IPv6Network, str], ...] = tuple(
    (ip_network(network), what)
    for network, what in (
        ("0.0.0.0/8", "'this network'"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignments"),
        ("192.0.2.0/24", "documentation"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("64:ff9b:1::/48", "local-use NAT64"),
        ("100::/64", "discard-only"),
        ("2001:db8::/32", "documentation"),
        ("fc00::/7", "unique local"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"),
        ("ff00::/8", "multicast"),
    )
)

_MAPPED = ip_network("::ffff:0:0/96")  # IPv4-mapped
_TRANSLATED = ip_network("::ffff:0:0:0/96")  # SIIT, IPv4-translated
_COMPATIBLE = ip_network("::/96")  # IPv4-compatible (deprecated), minus :: and ::1
_NAT64 = ip_network("64:ff9b::/96")
_6TO4 = ip_network("2002::/16")
_TEREDO = ip_network("2001::/32")


def parse_address(text: str) -> IPAddress:
    """An address as a URL or a resolver gives it: ``[::1]`` brackets and ``%zone`` dropped."""
    return ip_address(text.strip("[]").split("%", 1)[0])


def embedded_ipv4(address: IPv6Address) -> list[IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (Teredo carries two: server and client)."""
    value = int(address)
    if address in _MAPPED or address in _TRANSLATED or address in _NAT64:
        return [IPv4Address(value & 0xFFFFFFFF)]
    if address in _COMPATIBLE and value > 1:
        return [IPv4Address(value & 0xFFFFFFFF)]
    if address in _6TO4:
        return [IPv4Address((value >> 80) & 0xFFFFFFFF)]
    if address in _TEREDO:
        server = IPv4Address((value >> 64) & 0xFFFFFFFF)
        client = IPv4Address(~value & 0xFFFFFFFF)  # stored with every bit flipped
        return [server, client]
    return []


def non_public(address: IPAddress) -> str | None:
    """What makes ``address`` non-public (``"loopback"``, ``"carries 127.0.0.1, loopback"``),
    or None when a crawl may connect to it."""
    for network, what in NON_PUBLIC:
        if address.version == network.version and address in network:
            return what
    if isinstance(address, IPv6Address):
        for carried in embedded_ipv4(address):
            if (why := non_public(carried)) is not None:
                return f"carries {carried}, {why}"
    return None


def in_networks(address: IPAddress, networks: list[IPv4Network | IPv6Network]) -> bool:
    """Whether ``address``, or an IPv4 address it carries, is in one of ``networks``."""
    candidates: list[IPAddress] = [address]
    if isinstance(address, IPv6Address):
        candidates += embedded_ipv4(address)
    return any(
        candidate.version == network.version and candidate in network
        for candidate in candidates
        for network in networks
    )
