"""Lookups over the Site shared by the page renderers, and the context every template gets."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator import diskcache, urls
from generator.config import SiteConfig
from generator.model import (
    Alignment,
    Article,
    Entity,
    EntityMention,
    Sentence,
    SentenceLink,
    Site,
    Story,
)
from generator.page_memo import PageMemo, mentions_digest, text_digest
from generator.theme import Theme
from generator.write import Kept


@dataclass(frozen=True, slots=True)
class Lookup:
    """Indexes of the Site by id, built once per render."""

    site: Site
    config: SiteConfig
    base: str
    """config.base_path, read once."""
    articles: Mapping[str, Article]
    story_of: Mapping[str, Story]
    """Article id -> its story (articles in no story are absent)."""
    entities: Mapping[str, Entity]
    links: Mapping[tuple[str, str], tuple[SentenceLink, ...]]
    """(article, other) -> the links of that alignment."""
    mentions_of: Mapping[str, tuple[tuple[str, EntityMention], ...]]
    """Entity id -> (article id, mention), by article then position."""
    aligned_with: Mapping[str, tuple[str, ...]]
    """Article id -> the versions it is aligned with, sorted."""

    @classmethod
    def of(cls, site: Site, config: SiteConfig) -> Lookup:
        mentions_of: dict[str, list[tuple[str, EntityMention]]] = defaultdict(list)
        for article_id in sorted(site.entities.mentions):
            for mention in site.entities.mentions[article_id]:
                mentions_of[mention.entity].append((article_id, mention))
        return cls(
            site=site,
            config=config,
            base=config.base_path,
            articles={a.id: a for a in site.articles},
            story_of={a: s for s in site.stories for a in s.articles},
            entities={e.id: e for e in site.entities.entities},
            links=Links({(a.article, a.other): a for a in site.alignments}),
            mentions_of={k: tuple(v) for k, v in sorted(mentions_of.items())},
            aligned_with=partners(site.alignments),
        )

    def url(self, page_path: str) -> str:
        return self.base + page_path

    def source(self, article_id: str) -> str:
        """What to call a version: its outlet, else its title."""
        article = self.articles.get(article_id)
        if article is None:
            return article_id
        return article.source or article.title

    def fingerprint(self, article_id: str) -> str:
        """A digest of the article and its annotation (Site.fingerprints, or made now)."""
        known = self.site.fingerprints.get(article_id)
        return known or diskcache.key(self.articles[article_id], self.site.annotations.get(article_id))

    def mentions_digest(self, article_id: str) -> str:
        """A digest of the article's resolved mentions (Site.mention_digests, or made now)."""
        return mentions_digest(self.site, article_id)

    def text_digest(self, article_id: str) -> str:
        """A digest of the article's text and sentences (Site.text_digests, or made now)."""
        return self.site.text_digests.get(article_id) or text_digest(self.articles[article_id],
                                                                     self.site.annotations.get(article_id))

    def links_digest(self, article_id: str, other: str) -> str:
        """A digest of the links from ARTICLE_ID to OTHER (Site.link_digests, or made now)."""
        return self.site.link_digests.get((article_id, other)) or diskcache.key(self.links.get((article_id, other)))

    def sentences(self, article_id: str) -> tuple[Sentence, ...]:
        annotation = self.site.annotations.get(article_id)
        return annotation.sentences if annotation else ()

    def sentence_text(self, article_id: str, sentence_id: str) -> str:
        article = self.articles[article_id]
        for sentence in self.sentences(article_id):
            if sentence.id == sentence_id:
                return article.text[sentence.start:sentence.end]
        return ""

    def version_number(self, article_id: str) -> int:
        """1 for the first version of its story; 1 for an article in no story."""
        story = self.story_of.get(article_id)
        return story.articles.index(article_id) + 1 if story else 1

    def summary(self, article_id: str) -> dict[str, str]:
        """Title, source, date and URL of an article, for lists and links."""
        article = self.articles[article_id]
        return {"id": article.id, "title": article.title, "source": article.source,
                "date": article.date, "url": self.url(urls.article_path(article.id))}


class Links(Mapping[tuple[str, str], tuple[SentenceLink, ...]]):
    """(article, other) -> the links of that alignment, read from it when asked for (an edit's
    rebuild reads those of the stories it changed only: see records.packed_fields)."""

    def __init__(self, alignments: Mapping[tuple[str, str], Alignment]) -> None:
        self.alignments = alignments

    def __getitem__(self, pair: tuple[str, str]) -> tuple[SentenceLink, ...]:
        return self.alignments[pair].links

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.alignments)

    def __len__(self) -> int:
        return len(self.alignments)

    def __contains__(self, pair: object) -> bool:
        return pair in self.alignments


def partners(alignments: tuple[Alignment, ...]) -> dict[str, tuple[str, ...]]:
    others: dict[str, set[str]] = defaultdict(set)
    for alignment in alignments:
        others[alignment.article].add(alignment.other)
    return {article: tuple(sorted(found)) for article, found in others.items()}


RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "ps", "sd",
                           "ug", "ur", "yi"})
"""Languages written right to left (primary subtag, or the whole tag where the script decides)."""


def text_direction(lang: str) -> str:
    """"rtl" for a language written right to left ("ar", "fa-IR", "ur"), else "ltr"."""
    tag = lang.lower().replace("_", "-")
    rtl = tag.split("-")[0] in RTL_LANGUAGES or tag in RTL_LANGUAGES or "-arab" in tag or "-hebr" in tag
    return "rtl" if rtl else "ltr"


def common_context(config: SiteConfig, lang: str = "", page_path: str | None = None,
                   page_title: str = "") -> dict[str, object]:
    """What every template gets: the config as `site`, the `base` path, the page's `lang`,
    its `dir` ("rtl" or "ltr"; `dir_shown` when the page must say so, as it must when either
    the page or the site is right to left), its `page_path` (None for a page at no fixed
    address, such as 404.html) and `page_title`, its `canonical` URL and the site's
    `feed_url` (both None when base_url has no host)."""
    canonical = urls.absolute_url(config.base_url, page_path) if page_path is not None else None
    page_lang = lang or config.language
    direction = text_direction(page_lang)
    return {"site": config, "base": config.base_path, "lang": page_lang, "dir": direction,
            "dir_shown": "rtl" in (direction, text_direction(config.language)),
            "page_path": page_path, "page_title": page_title or config.title, "canonical": canonical,
            "feed_url": config.base_path + urls.FEED if has_host(config) else None}


def has_host(config: SiteConfig) -> bool:
    """Whether base_url names a host: only then can feeds, the sitemap and canonical URLs be absolute."""
    return urls.absolute_url(config.base_url, urls.HOME) is not None


def page(theme: Theme, name: str, config: SiteConfig, lang: str = "", page_path: str | None = None,
         page_title: str = "", **context: object) -> bytes:
    """A rendered page as UTF-8 bytes."""
    common = common_context(config, lang, page_path, page_title)
    return theme.render(name, **common, **context).encode("utf-8")


def memo_page(memo: PageMemo | None, theme: Theme, name: str, config: SiteConfig, page_path: str,
              keyed_by: Mapping[str, object] | None = None, **context: object) -> dict[str, bytes | Kept]:
    """The page() at PAGE_PATH, by its output file; with MEMO, kept if the last build rendered it
    from the same CONTEXT. The key is the repr() of its values, but for a value named in KEYED_BY,
    of what KEYED_BY gives for it: something that changes whenever it does, and is cheaper to key
    (the fingerprints of the articles it holds)."""
    file = urls.output_file(page_path)

    def render() -> dict[str, bytes]:
        return {file: page(theme, name, config, page_path=page_path, **context)}

    if memo is None:
        return render()
    keyed_by = keyed_by or {}
    return memo.pages([name, page_path, {k: keyed_by.get(k, v) for k, v in context.items()}], render)


def breadcrumbs(lookup: Lookup, *trail: tuple[str, str | None]) -> list[dict[str, str | None]]:
    """Home, then each (title, page path) of TRAIL; the last, the page itself, has no link."""
    crumbs = [("Home", urls.HOME), *trail]
    return [{"title": title, "url": None if i == len(crumbs) - 1 or path is None else lookup.url(path)}
            for i, (title, path) in enumerate(crumbs)]
