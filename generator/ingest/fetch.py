"""Fetching a page or a feed over HTTP: its bytes, its final address, its media type.

Standard library only: one GET with a timeout and a size limit, redirects
followed, every failure a ContentError naming the URL and what to do.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit, urlunsplit

from generator import __version__
from generator.errors import ContentError

TIMEOUT_SECONDS = 30
MAX_BYTES = 20_000_000
USER_AGENT = f"story-archive/{__version__} (import)"
_SAVE_IT = "or open it in a browser, save the page and import the file"


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one GET brought back."""

    url: str
    """The address after redirects."""
    data: bytes
    media_type: str
    """The Content-Type without parameters ("text/html"); empty when the server gave none."""


def is_url(source: str) -> bool:
    """Whether a command-line source names a web address rather than a file."""
    return source.startswith(("http://", "https://"))


def clean_url(url: str) -> str:
    """The address without its fragment and its campaign-tracking parameters (utm_*), which
    change from one link to the same article to the next."""
    parts = urlsplit(urldefrag(url.strip())[0])
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
             if not key.lower().startswith("utm_")]
    return urlunsplit(parts._replace(query=urlencode(query)))


def fetch_url(url: str) -> Fetched:
    """GET `url`; ContentError(url, 0, ...) if it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_BYTES + 1)
            final_url = response.geturl()
            media_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
    except urllib.error.HTTPError as error:
        raise ContentError(url, 0, f"HTTP {error.code} {error.reason}: the server did not give the "
                                   f"page; check the address, {_SAVE_IT}") from None
    except TimeoutError:
        raise ContentError(url, 0, f"no answer within {TIMEOUT_SECONDS} s; try again later, "
                                   f"{_SAVE_IT}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise ContentError(url, 0, f"cannot be fetched ({reason}); check the address and the "
                                   f"network, {_SAVE_IT}") from None
    if len(data) > MAX_BYTES:
        raise ContentError(url, 0, f"is larger than {MAX_BYTES // 1_000_000} MB, too large for an "
                                   f"article or a feed; {_SAVE_IT}")
    return Fetched(final_url, data, media_type)
