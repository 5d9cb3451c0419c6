"""The date archive: the years, the months of each year, the articles of each month in pages.

dates/ lists the years, dates/2016/ the months of 2016, dates/2016/12/ the articles of
December 2016, newest first, ITEMS_PER_PAGE to a page. An article's date is the first
ten characters of its front-matter date (YYYY-MM-DD); undated articles are not listed.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable

from generator import urls
from generator.model import Article
from generator.page_memo import PageMemo
from generator.render_context import Lookup, breadcrumbs, memo_page
from generator.render_lists import (
    ITEMS_PER_PAGE,
    ListPage,
    newest_first,
    paginate,
    pagination,
)
from generator.theme import Theme
from generator.write import Kept


def by_month(articles: Iterable[Article]) -> dict[tuple[str, str], list[Article]]:
    """(year, month) -> its articles, newest first; keys newest first."""
    months: defaultdict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in articles:
        if len(article.date) >= 7 and article.date[:4].isdigit() and article.date[5:7].isdigit():
            months[(article.date[:4], article.date[5:7])].append(article)
    return {key: newest_first(months[key]) for key in sorted(months, reverse=True)}


def month_name(year: str, month: str) -> str:
    return f"{calendar.month_name[int(month)]} {year}" if 1 <= int(month) <= 12 else f"{year}-{month}"


def month_listings(year: str, month: str, articles: list[Article]) -> tuple[ListPage, ...]:
    return paginate(articles, ITEMS_PER_PAGE, urls.date_path(year, month))


def date_page_paths(articles: Iterable[Article]) -> list[str]:
    """Every page the date archive has (for the sitemap)."""
    months = by_month(articles)
    years = dict.fromkeys(year for year, _ in months)
    return [urls.DATE_INDEX, *(urls.date_path(year) for year in years),
            *(listing.path for (year, month), found in months.items()
              for listing in month_listings(year, month, found))]


def render_dates(lookup: Lookup, theme: Theme, memo: PageMemo | None = None) -> dict[str, bytes | Kept]:
    """The years, each year's months and each month's articles, in pages; with MEMO, a page is
    not rendered again when what it lists has not changed."""
    months = by_month(lookup.site.articles)
    years: defaultdict[str, list[dict[str, object]]] = defaultdict(list)
    for (year, month), found in months.items():
        years[year].append({"name": month_name(year, month), "url": lookup.url(urls.date_path(year, month)),
                            "articles": len(found)})
    undated = len(lookup.site.articles) - sum(len(found) for found in months.values())
    archive = ("Dates", urls.DATE_INDEX)
    pages = memo_page(
        memo, theme, "dates.html", lookup.config, urls.DATE_INDEX, page_title="Dates", heading="Dates",
        periods=[{"name": year, "url": lookup.url(urls.date_path(year)),
                  "articles": sum(int(m["articles"]) for m in found)} for year, found in years.items()],
        undated=undated, breadcrumbs=breadcrumbs(lookup, archive))
    for year, found in years.items():
        path = urls.date_path(year)
        pages.update(memo_page(memo, theme, "dates.html", lookup.config, path, page_title=year, heading=year,
                               periods=found, undated=0, breadcrumbs=breadcrumbs(lookup, archive, (year, path))))
    for (year, month), found in months.items():
        for listing in month_listings(year, month, found):
            name = month_name(year, month)
            pages.update(memo_page(
                memo, theme, "date.html", lookup.config, listing.path, page_title=listing.title(name),
                heading=name, total=len(found), articles=[lookup.summary(a.id) for a in listing.items],
                pagination=pagination(lookup, listing),
                breadcrumbs=breadcrumbs(lookup, archive, (year, urls.date_path(year)), (name, listing.path))))
    return pages
