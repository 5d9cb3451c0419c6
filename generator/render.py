"""Site -> pages: every HTML page of the archive, rendered with the theme's templates.

Each kind of page has its own module (render_article, render_story,
render_compare, render_entities, render_lists, render_dates); this one puts them together,
and lists every page's path for the sitemap without rendering it. Output is
deterministic: pages in sorted order, nothing taken from the clock.
"""
from __future__ import annotations

import functools
import importlib.metadata
from collections.abc import Callable, Mapping

from generator import diskcache, urls
from generator.config import SiteConfig
from generator.model import Site
from generator.page_memo import PageMemo
from generator.render_article import render_articles
from generator.render_compare import render_compares
from generator.render_context import Lookup, page
from generator.render_dates import date_page_paths, render_dates
from generator.render_entities import (
    appearing_in,
    entity_index_listings,
    entity_listings,
    render_entities,
    render_entity_index,
)
from generator.render_lists import render_sources, source_listings, sources
from generator.render_story import (
    compare_pairs,
    home_listings,
    render_home,
    render_stories,
)
from generator.theme import Theme
from generator.write import Kept


def render_site(site: Site, config: SiteConfig, theme: Theme) -> dict[str, bytes]:
    """Output file under build/ -> UTF-8 HTML, for every page of the site."""
    pages: dict[str, bytes] = {}
    for _, render in render_parts(site, config, theme):
        pages.update(render())
    return dict(sorted(pages.items()))


def render_parts(site: Site, config: SiteConfig, theme: Theme, shares: int = 1,
                 previous: Mapping[str, str] | None = None) -> list[tuple[str, Callable[[], dict[str, bytes | Kept]]]]:
    """The pages in independent parts (name, render), the most costly first; article, compare and
    entity pages in SHARES parts each, so that the parts can run on as many cores. PREVIOUS: what
    build/ holds (file -> digest), when it is what the last build wrote: the article and compare
    pages of a story, and the pages of an entity, that have not changed since are kept
    (generator.page_memo)."""
    lookup = Lookup.of(site, config)
    salt = memo_salt(config, theme)
    compares, articles, entities, stories, listings = (
        PageMemo(config.root, kind, previous, salt) for kind in ("compare", "article", "entity", "story", "listing"))

    def other_pages() -> dict[str, bytes | Kept]:
        pages = {**render_home(lookup, theme, listings), **stories.part("all", functools.partial(
                     render_stories, lookup, theme, stories))(),
                 **render_entity_index(lookup, theme, listings),
                 **render_sources(lookup, theme, listings), **render_dates(lookup, theme, listings)}
        pages[urls.output_file(urls.SEARCH)] = page(theme, "search.html", config, page_path=urls.SEARCH,
                                                     page_title="Search")
        return pages

    def shared(kind: str, render: Callable[..., dict[str, bytes | Kept]], memo: PageMemo
               ) -> list[tuple[str, Callable[[], dict[str, bytes | Kept]]]]:
        return [(f"{kind} pages {k + 1}/{shares}",
                 memo.part(f"{k + 1}-{shares}", functools.partial(render, lookup, theme, (k, shares), memo)))
                for k in range(shares)]

    return [*shared("entity", render_entities, entities), *shared("article", render_articles, articles),
            *shared("compare", render_compares, compares),
            ("story, entity index, source, date and home pages", listings.part("all", other_pages))]


def memo_salt(config: SiteConfig, theme: Theme) -> str:
    """What every page reads besides its own inputs: the configuration, the templates, the
    generator's code (all of it) and the template engine."""
    return diskcache.key(config, diskcache.package_digest(),
                         *(importlib.metadata.version(name) for name in ("jinja2", "markupsafe")), theme.digest)


def page_paths(site: Site, config: SiteConfig) -> list[str]:
    """The path of every page render_site writes, sorted (for the sitemap)."""
    lookup = Lookup.of(site, config)
    paths = [listing.path for listing in home_listings(lookup)]
    paths += [urls.article_path(a.id) for a in site.articles]
    stories = [s for s in site.stories if len(s.articles) >= 2]
    paths += [urls.story_path(s.id) for s in stories]
    paths += [urls.compare_path(s.id, a, b) for s in stories for a, b in compare_pairs(s)]
    paths += [listing.path for listing in entity_index_listings(lookup)]
    paths += [listing.path for e in site.entities.entities for listing in entity_listings(e, appearing_in(lookup, e))]
    paths += [urls.SOURCE_INDEX, *(listing.path for s in sources(lookup) for listing in source_listings(s))]
    paths += date_page_paths(site.articles)
    return sorted([*paths, urls.SEARCH])
