"""The highlights of an article page: sentences, inline markup, names, figures, counterparts."""
from __future__ import annotations

import bisect
from collections import defaultdict

from markupsafe import Markup, escape

from generator import urls
from generator.highlight import ANNOTATION, INLINE, SENTENCE, Span
from generator.model import Article, DiscrepancyMention, EntityMention, Figure, Sentence
from generator.render_context import Lookup

_INLINE_TAGS = {"em": "em", "strong": "strong", "code": "code", "link": "a"}


def article_spans(lookup: Lookup, article: Article) -> list[Span]:
    """Every highlight of the article, outer levels first, names before figures."""
    annotation = lookup.site.annotations.get(article.id)
    sentences = annotation.sentences if annotation else ()
    figures = annotation.figures if annotation else ()
    disputes = disputed_figures(lookup, article.id)
    counterparts = counterpart_links(lookup, article.id)
    spans = [sentence_span(s, counterparts.get(s.id, Markup(""))) for s in sentences]
    spans += [inline_span(inline) for block in article.blocks for inline in block.inlines]
    spans += [mention_span(lookup, m) for m in lookup.site.entities.mentions.get(article.id, ())]
    sentence_of = _sentence_finder(sentences)
    spans += [figure_span(lookup, f, disputes.get((sentence_of(f.start), f.text), ())) for f in figures]
    return spans


def sentence_span(sentence: Sentence, after: Markup) -> Span:
    return Span(sentence.start, sentence.end, SENTENCE, "span",
                (("class", "sentence"), ("id", sentence.id)), after=after)


def counterpart_links(lookup: Lookup, article_id: str) -> dict[str, Markup]:
    """Sentence id -> small links to its copies in the other versions, by version number."""
    parts: dict[str, list[Markup]] = defaultdict(list)
    for other in lookup.aligned_with.get(article_id, ()):
        for link in lookup.links[(article_id, other)]:
            href = f"{lookup.url(urls.article_path(other))}#{link.other_sentence}"
            moved = " moved" if link.moved else ""
            version = f"v{lookup.version_number(other)}"
            title = escape(f"{link.relation}{moved} in {lookup.source(other)}")
            # the accessible name starts with the visible text (WCAG 2.5.3, label in name)
            parts[link.sentence].append(Markup(
                f'<a class="counterpart{moved}" href="{escape(href)}" title="{title}" '
                f'aria-label="{version}: {title}">{version}</a>'))
    return {sentence: Markup("").join(links) for sentence, links in parts.items()}


def inline_span(inline) -> Span:
    tag = _INLINE_TAGS.get(inline.kind, "span")
    attrs = (("href", inline.href),) if tag == "a" else ()
    return Span(inline.start, inline.end, INLINE, tag, attrs)


def mention_span(lookup: Lookup, mention: EntityMention) -> Span:
    entity = lookup.entities.get(mention.entity)
    name = entity.name if entity else mention.text
    return Span(mention.start, mention.end, ANNOTATION, "a", (
        ("class", f"ent ent-{mention.type}"),
        ("href", lookup.url(urls.entity_path(mention.entity))),
        ("title", f"{mention.type} · {name}"),
    ), exclusive=True)


def figure_span(lookup: Lookup, figure: Figure, others: tuple[DiscrepancyMention, ...]) -> Span:
    """A figure; a disputed one links to the first other version's sentence and names them all."""
    title = figure_title(figure)
    classes = f"num num-{figure.qualifier}"
    if not others:
        return Span(figure.start, figure.end, ANNOTATION, "span",
                    (("class", classes), ("title", title)), exclusive=True)
    elsewhere = "; ".join(f"{m.text} ({lookup.source(m.article)})" for m in others)
    first = others[0]
    return Span(figure.start, figure.end, ANNOTATION, "a", (
        ("class", f"{classes} disputed"),
        ("href", f"{lookup.url(urls.article_path(first.article))}#{first.sentence}"),
        ("title", f"{title} — also given as {elsewhere}"),
    ), exclusive=True)


def figure_title(figure: Figure) -> str:
    """"30,000 · approx · people"; a range as "18,000–20,000"."""
    value = format_number(figure.value)
    if figure.upper is not None:
        value = f"{value}–{format_number(figure.upper)}"
    return " · ".join(part for part in (value, figure.qualifier, figure.unit) if part)


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def disputed_figures(lookup: Lookup, article_id: str) -> dict[tuple[str, str], tuple[DiscrepancyMention, ...]]:
    """(sentence id, figure text) -> how other versions (or other sentences) give a disputed figure."""
    story = lookup.story_of.get(article_id)
    if story is None:
        return {}
    found: dict[tuple[str, str], dict[tuple[str, str, str], DiscrepancyMention]] = defaultdict(dict)
    for discrepancy in lookup.site.discrepancies.get(story.id, ()):
        if discrepancy.kind != "figure" or discrepancy.status == "dismissed":
            continue
        for mention in discrepancy.mentions:
            if mention.article != article_id:
                continue
            for other in discrepancy.mentions:
                if (other.article, other.sentence, other.text) != (article_id, mention.sentence, mention.text):
                    found[(mention.sentence, mention.text)][(other.article, other.sentence, other.text)] = other
    return {key: tuple(others.values()) for key, others in found.items()}


def _sentence_finder(sentences: tuple[Sentence, ...]):
    """offset -> the id of the sentence holding it ("" for none), by bisection over the starts."""
    ordered = sorted(sentences, key=lambda s: s.start)
    starts = [s.start for s in ordered]

    def sentence_of(offset: int) -> str:
        index = bisect.bisect_right(starts, offset) - 1
        return ordered[index].id if index >= 0 and offset < ordered[index].end else ""
    return sentence_of
