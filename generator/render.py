"""Site -> pages: every HTML page of the archive, rendered with the theme's templates.

Each kind of page has its own module (render_article, render_story,
render_compare, render_entities); this one puts them together. Output is
deterministic: pages in sorted order, nothing taken from the clock.
"""
from __future__ import annotations

from generator import urls
from generator.config import SiteConfig
from generator.model import Site
from generator.render_article import render_articles
from generator.render_compare import render_compares
from generator.render_context import Lookup, page
from generator.render_entities import render_entities
from generator.render_story import render_home, render_stories
from generator.theme import Theme


def render_site(site: Site, config: SiteConfig, theme: Theme) -> dict[str, bytes]:
    """Output file under build/ -> UTF-8 HTML, for every page of the site."""
    lookup = Lookup.of(site, config)
    pages: dict[str, bytes] = {}
    pages.update(render_home(lookup, theme))
    pages.update(render_articles(lookup, theme))
    pages.update(render_stories(lookup, theme))
    pages.update(render_compares(lookup, theme))
    pages.update(render_entities(lookup, theme))
    pages[urls.output_file(urls.SEARCH)] = page(theme, "search.html", config)
    return dict(sorted(pages.items()))
