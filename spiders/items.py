"""Items the spider hands to the pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spiders.extraction import StructuredData


@dataclass
class ArticlePage:
    """An archived page that detection judged to be an article, ready for extraction.

    ``record_id`` names the WARC response record the page was captured in, so the index row
    written for it always points at a record that exists.
    """

    url: str
    record_id: str
    html: str
    detected_by: str
    aliases: list[str] = field(default_factory=list)
    #: What the spider already read for detection, so extraction does not parse it again.
    structured: StructuredData | None = None
