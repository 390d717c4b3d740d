"""The sites file: which news sites to archive and how politely.

Archivists declare sites in TOML (see ``sites.example.toml``). Everything that names files or
runs is validated here, so a bad slug or pattern is refused before a crawl starts, with a
one-line message that lists every problem of the file and says where each one is.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
import tomllib
from collections.abc import Sequence
from datetime import timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from settings import parse_duration, plain_message

SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")


class SiteConfigError(ValueError):
    """The sites file, or one site in it, cannot be used. The message is one line."""


def validate_slug(slug: str) -> str:
    """Slugs name spool files, storage keys and runs, so they must be path-safe."""
    if not SLUG_PATTERN.fullmatch(slug) or len(slug) > 63:
        raise SiteConfigError(
            f"invalid site slug {slug!r}: use lowercase letters, digits and '-' "
            "(starting with a letter or digit, at most 63 characters)"
        )
    return slug


def host_in_domains(host: str, domains: Sequence[str]) -> bool:
    """True when ``host`` is one of ``domains`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith(f".{d}") for d in domains)


def _host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class Site(BaseModel):
    """One site of the sites file, with the defaults an archivist expects for news."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str
    name: str | None = None
    start_urls: Annotated[list[str], Field(min_length=1)]
    feeds: list[str] = []
    sitemaps: list[str] = []
    allowed_domains: list[str] = []
    article_patterns: list[str] = []
    exclude_patterns: list[str] = []
    max_depth: Annotated[int, Field(ge=0, le=50)] = 2
    max_pages: Annotated[int, Field(ge=1)] = 1000
    schedule: str | None = None
    timezone: str = "UTC"
    download_delay: Annotated[float, Field(ge=0)] = 1.0
    concurrent_requests: Annotated[int, Field(ge=1, le=64)] = 4
    obey_robots: bool = True
    capture_requisites: bool = True
    recapture_after: str = "24h"
    allow_private_networks: bool | list[str] = False

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        return validate_slug(value)

    @field_validator("start_urls", "feeds", "sitemaps")
    @classmethod
    def _http_urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"{url!r} is not an http(s) URL")
        return urls

    @field_validator("allowed_domains")
    @classmethod
    def _domains(cls, domains: list[str]) -> list[str]:
        # A port or scheme in a domain must not break scope checks: keep the host only.
        cleaned = []
        for domain in domains:
            host = _host_of(domain if "//" in domain else f"//{domain}")
            if not host:
                raise ValueError(f"{domain!r} is not a domain")
            cleaned.append(host)
        return cleaned

    @field_validator("article_patterns", "exclude_patterns")
    @classmethod
    def _regexes(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid regex {pattern!r}: {exc}") from None
        return patterns

    @field_validator("allow_private_networks")
    @classmethod
    def _networks(cls, value: bool | list[str]) -> bool | list[str]:
        if isinstance(value, list):
            for network in value:
                try:
                    ipaddress.ip_network(network, strict=False)
                except ValueError:
                    raise ValueError(f"{network!r} is not an IP address or network") from None
        return value

    @field_validator("recapture_after", mode="before")
    @classmethod
    def _recapture(cls, value: object) -> object:
        # A number is seconds, as in the environment (`recapture_after = 90`).
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            parse_duration(value)
        return value

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is not None and len(value.split()) != 5:
            raise ValueError(f"invalid cron {value!r}: expected 5 fields")
        return value

    @cached_property
    def domains(self) -> list[str]:
        """Domains in scope (with their subdomains): ``allowed_domains``, or the hosts of
        the start URLs without a leading ``www.``, so ``www.example.com`` also admits
        ``news.example.com``."""
        if self.allowed_domains:
            return self.allowed_domains
        return sorted({_host_of(u).removeprefix("www.") for u in self.start_urls})

    @property
    def recapture_interval(self) -> timedelta:
        return parse_duration(self.recapture_after)

    @property
    def display_name(self) -> str:
        return self.name or self.slug


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the choice closest to a mistyped ``word``, or ``""``."""
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(error: ErrorDetails, slug: str) -> tuple[str, str]:
    # The field and any list index; union members that pydantic adds to the path are left out.
    field, *rest = error["loc"] or ("",)
    where = f"sites.{slug}" + (f".{field}" if field else "")
    where += "".join(f"[{part}]" for part in rest if isinstance(part, int))
    message = plain_message(error)
    if error["type"] == "extra_forbidden":
        message += did_you_mean(str(field), [name for name in Site.model_fields if name != "slug"])
    return where, message


def parse_sites(text: str, source: str = "sites file") -> dict[str, Site]:
    """Parse sites TOML text into validated sites, keyed by slug.

    Every problem of the file is reported at once, in one line: fixing them one run at a
    time would be slow. The same text is parsed once: a crawl host starts every run from
    the file, and a file of hundreds of sites takes longer to validate than a crawl to start
    (sites are frozen, so they can be shared).
    """
    return dict(_parse_sites(text, source))


@lru_cache(maxsize=4)
def _parse_sites(text: str, source: str) -> dict[str, Site]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SiteConfigError(f"{source}: invalid TOML: {exc}") from None
    tables = document.get("sites")
    if not isinstance(tables, dict) or not tables:
        raise SiteConfigError(f"{source}: no [sites.<slug>] tables found")
    sites: dict[str, Site] = {}
    problems: list[str] = []
    for slug, table in tables.items():
        if not isinstance(table, dict):
            problems.append(f"sites.{slug} must be a table")
            continue
        try:
            sites[slug] = Site(slug=slug, **table)
        except ValidationError as exc:
            places: dict[str, str] = {}
            for error in exc.errors():
                # A value that fits no member of a union fails once per member: said once.
                places.setdefault(*_describe(error, slug))
            problems.extend(f"{where}: {message}" for where, message in places.items())
        except SiteConfigError as exc:
            problems.append(str(exc))
    if problems:
        count = f"{len(problems)} problems: " if len(problems) > 1 else ""
        raise SiteConfigError(f"{source}: {count}{'; '.join(problems)}")
    return sites


def load_sites(path: Path) -> dict[str, Site]:
    """Read and validate the sites file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SiteConfigError(f"sites file {path} not found (set NEWSARCHIVER_SITES)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"cannot read sites file {path}: {exc}") from None
    return parse_sites(text, str(path))


def get_site(sites: dict[str, Site], slug: str) -> Site:
    """Look a site up, listing the known ones when it is missing."""
    validate_slug(slug)
    try:
        return sites[slug]
    except KeyError:
        known = ", ".join(sorted(sites)) or "none"
        hint = did_you_mean(slug, list(sites))
        raise SiteConfigError(f"unknown site {slug!r}{hint} (known sites: {known})") from None
