"""Long lists split into numbered pages, and the pages of each source (outlet).

A list's first page keeps the list's own address; page N lives under
`page/N/` beneath it (urls.numbered_path), so a published first page never moves.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator import diskcache, urls
from generator.model import Article
from generator.page_memo import PageMemo
from generator.render_context import Lookup, breadcrumbs, memo_page
from generator.slug import slugify
from generator.theme import Theme
from generator.write import Kept

STORIES_PER_PAGE = 50
ITEMS_PER_PAGE = 100
WINDOW = 2
"""How many page numbers either side of the current one the pagination shows."""


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of a list split into pages."""

    first: str
    """The page path of the list's first page."""
    number: int
    """1 for the first page."""
    count: int
    """How many pages the list has (at least 1, even when the list is empty)."""
    items: tuple[object, ...]

    @property
    def path(self) -> str:
        return urls.numbered_path(self.first, self.number)

    def title(self, title: str) -> str:
        """TITLE, with the page number on every page but the first."""
        return title if self.number == 1 else f"{title} (page {self.number} of {self.count})"


@dataclass(frozen=True, slots=True)
class Source:
    """An outlet: the names that share its slug, and its articles, newest first."""

    slug: str
    name: str
    articles: tuple[Article, ...]


def paginate(items: Sequence[object], per_page: int, first: str) -> tuple[ListPage, ...]:
    """ITEMS in pages of at most PER_PAGE; an empty list still has its (empty) first page."""
    count = max(1, -(-len(items) // per_page))
    return tuple(ListPage(first, n, count, tuple(items[(n - 1) * per_page:n * per_page]))
                 for n in range(1, count + 1))


def pagination(lookup: Lookup, listing: ListPage) -> dict[str, object] | None:
    """What templates/_pagination.html shows: previous, next and nearby page numbers."""
    if listing.count == 1:
        return None

    def url(number: int) -> str:
        return lookup.url(urls.numbered_path(listing.first, number))

    number, count = listing.number, listing.count
    return {
        "number": number,
        "count": count,
        "previous": url(number - 1) if number > 1 else None,
        "next": url(number + 1) if number < count else None,
        "pages": [None if n is None else {"number": n, "url": url(n), "current": n == number}
                  for n in page_window(number, count)],
    }


def page_window(number: int, count: int) -> list[int | None]:
    """The first, the last and the pages near NUMBER; None where numbers are skipped."""
    shown = sorted({1, count, *range(max(1, number - WINDOW), min(count, number + WINDOW) + 1)})
    window: list[int | None] = []
    for n in shown:
        if window and n - window[-1] > 1:
            window.append(None)
        window.append(n)
    return window


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """By date, newest first; undated articles last; ties by id."""
    return sorted(sorted(articles, key=lambda a: a.id), key=lambda a: a.date, reverse=True)


def sources(lookup: Lookup) -> tuple[Source, ...]:
    """Every named outlet, by name; names with one slug ("AP", "A.P.") share a page."""
    by_slug: dict[str, list[Article]] = defaultdict(list)
    for article in lookup.site.articles:
        if article.source:
            by_slug[slugify(article.source)].append(article)
    found = [Source(slug, " / ".join(sorted({a.source for a in articles})), tuple(newest_first(articles)))
             for slug, articles in by_slug.items()]
    return tuple(sorted(found, key=lambda s: (s.name.casefold(), s.slug)))


def source_listings(source: Source) -> tuple[ListPage, ...]:
    return paginate(source.articles, ITEMS_PER_PAGE, urls.source_path(source.slug))


def render_sources(lookup: Lookup, theme: Theme, memo: PageMemo | None = None) -> dict[str, bytes | Kept]:
    """The index of sources, and each source's articles, newest first, in pages; with MEMO, a page
    is not rendered again when what it lists has not changed."""
    found = sources(lookup)
    index = [{"name": s.name, "url": lookup.url(urls.source_path(s.slug)), "articles": len(s.articles)}
             for s in found]
    pages = memo_page(memo, theme, "sources.html", lookup.config, urls.SOURCE_INDEX, page_title="Sources",
                      sources=index, breadcrumbs=breadcrumbs(lookup, ("Sources", urls.SOURCE_INDEX)))
    for source in found:
        keyed_by = {"source": diskcache.key(source.slug, source.name, *(lookup.fingerprint(a.id) for a in source.articles))}
        for listing in source_listings(source):
            pages.update(memo_page(
                memo, theme, "source.html", lookup.config, listing.path, keyed_by,
                page_title=listing.title(source.name), source=source, articles=[lookup.summary(a.id) for a in listing.items],
                pagination=pagination(lookup, listing),
                breadcrumbs=breadcrumbs(lookup, ("Sources", urls.SOURCE_INDEX), (source.name, listing.path))))
    return pages
