"""Items the spider hands to the pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticlePage:
    """An archived page that detection judged to be an article, ready for extraction.

    ``record_id`` names the WARC response record the page was captured in, so the index row
    written for it always points at a record that exists.
    """

    url: str
    record_id: str
    html: str
    aliases: list[str] = field(default_factory=list)
