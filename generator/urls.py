"""Where each page lives: stable URLs from ids, never from build order.

Every function returns a path relative to the site root, ending in "/" for a
page (served as its index.html); join it to the base path to link it.
"""
from __future__ import annotations

from urllib.parse import urlparse


def article_path(article_id: str) -> str:
    return f"articles/{article_id}/"


def story_path(story_id: str) -> str:
    return f"stories/{story_id}/"


def compare_path(story_id: str, article_id: str, other_id: str) -> str:
    """The side-by-side view of two versions; ids with "/" are flattened to "~"."""
    return f"stories/{story_id}/compare/{article_id.replace('/', '~')}--{other_id.replace('/', '~')}/"


def entity_path(entity_id: str) -> str:
    return f"entities/{entity_id}/"


ENTITY_INDEX = "entities/"
SEARCH = "search/"
HOME = ""


def output_file(page_path: str) -> str:
    """The file a page is written to, under build/."""
    return f"{page_path}index.html" if page_path.endswith("/") or not page_path else page_path


SOURCE_INDEX = "sources/"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"
NO_JEKYLL = ".nojekyll"


def source_path(source_slug: str) -> str:
    """The page of one outlet; the slug comes from its name (generator.slug.slugify)."""
    return f"sources/{source_slug}/"


DATE_INDEX = "dates/"


def date_path(year: str, month: str = "") -> str:
    """The page of a year ("2016") or of a month in it ("2016", "12")."""
    return f"dates/{year}/{month}/" if month else f"dates/{year}/"


def story_feed_path(story_id: str) -> str:
    return f"stories/{story_id}/{FEED}"


def numbered_path(first_page: str, number: int) -> str:
    """Page NUMBER of a list whose first page is FIRST_PAGE: "entities/" -> "entities/page/2/"."""
    return first_page if number == 1 else f"{first_page}page/{number}/"


def absolute_url(base_url: str, page_path: str) -> str | None:
    """The page's full URL, or None when base_url is only a path (no host to make it absolute)."""
    return base_url + page_path if urlparse(base_url).netloc else None
