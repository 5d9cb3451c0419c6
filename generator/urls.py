"""Where each page lives: stable URLs from ids, never from build order.

Every function returns a path relative to the site root, ending in "/" for a
page (served as its index.html); join it to the base path to link it.
"""
from __future__ import annotations


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
