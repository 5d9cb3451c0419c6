"""Properties on arbitrary Unicode: the reader, the annotators, the aligner and the renderer never
crash, keep every span inside the text and apart from its kind, and highlighting never changes the
text. A fixed, derandomised example budget keeps the suite's time and outcome the same on every run."""
from html.parser import HTMLParser
from itertools import pairwise

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.annotate import annotate
from generator.archive.align import align_versions
from generator.errors import ContentError
from generator.highlight import Span, highlight
from generator.model import RELATIONS, Annotation, Story
from generator.pipeline import build_archive
from generator.read import read_article
from generator.render import render_site
from generator.theme import load_theme
from tests.fixtures.render.pages import site_config

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
SLOW_PROPERTY = settings(PROPERTY, max_examples=25)

unicode_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\0")
"""Any character but a surrogate and NUL (which marks a binary file, refused by design)."""
pieces = st.one_of(
    unicode_chars,
    st.sampled_from(["\n", "\n\n", " ", "*", "_", "`", "[", "](", ")", "# ", "> ", "- ", "1. ", "<b>", "&amp;",
                     "Aleppo", "Omar Haddad", "President ", "the U.N.", "Hezbollah", "30,000", "close to ",
                     "more than ", "tens of thousands", "18,000-20,000", "Mr. Assad", ". ", "? ", "\u200f",
                     "\u0627\u0644\u0623\u0633\u062f", "\u0410\u043b\u0435\u043f\u043f\u043e", "\U0001F600",
                     "e\u0301", "http://example.org", "[link](http://example.org)"]),
)
prose = st.lists(pieces, max_size=60).map("".join)
titles = st.lists(pieces, min_size=1, max_size=12).map("".join).filter(lambda t: t.strip())


def article_bytes(title: str, body: str, **meta: str) -> bytes:
    return ("---\n" + yaml.safe_dump({"title": title, **meta}, allow_unicode=True) + "---\n\n" + body).encode()


def check_spans(spans, text: str, name: str) -> None:
    """Inside the text, in order and apart."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    for span in ordered:
        assert 0 <= span.start < span.end <= len(text), (name, span)
        if hasattr(span, "text"):
            assert text[span.start:span.end] == span.text, (name, span)
    for one, two in pairwise(ordered):
        assert one.end <= two.start, (name, one, two)


@PROPERTY
@given(st.one_of(st.binary(max_size=300), st.text(unicode_chars, max_size=300).map(str.encode),
                 st.tuples(prose, prose).map(lambda p: f"---\ntitle: {p[0]}\ndate: {p[1]}\n---\n{p[1]}".encode())))
@example(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n")
@example(b"---\ntitle: x\ndate: 2016-13-45\n---\n")
def test_the_reader_never_crashes_on_any_bytes(data):
    try:
        article = read_article(data, "a.md")
    except ContentError as err:
        assert str(err).startswith("content/a.md:")
        return
    check_spans(article.blocks, article.text, "blocks")


@PROPERTY
@given(titles, prose, st.sampled_from(["\n", "\r\n"]), st.booleans())
@example("a\n---\nb", "text", "\n", False)
def test_any_front_matter_value_round_trips(title, body, newline, bom):
    data = article_bytes(title, body, source=title).decode().replace("\n", newline).encode()
    article = read_article(b"\xef\xbb\xbf" + data if bom else data, "a.md")
    assert article.title == article.source == " ".join(title.split())
    assert article.text.startswith(article.title)
    check_spans(article.blocks, article.text, "blocks")
    for block in article.blocks:
        for inline in block.inlines:
            assert block.start <= inline.start < inline.end <= block.end


@PROPERTY
@given(titles, prose)
def test_annotations_lie_inside_the_text_and_apart(title, body):
    article = read_article(article_bytes(title, body), "a.md")
    annotation = annotate(article)
    check_spans(annotation.sentences, article.text, "sentences")
    check_spans(annotation.mentions, article.text, "mentions")
    check_spans(annotation.figures, article.text, "figures")


@SLOW_PROPERTY
@given(titles, prose, prose, prose)
def test_the_aligner_links_only_sentences_that_exist(title, shared, only_first, only_second):
    first = read_article(article_bytes(title, shared + "\n\n" + only_first, story="s"), "a.md")
    second = read_article(article_bytes(title, only_second + "\n\n" + shared, story="s"), "b.md")
    annotations = {a.id: annotate(a) for a in (first, second)}
    story = Story("s", ("a", "b"), "a")
    alignments = align_versions([story], {"a": first, "b": second}, annotations)
    assert [(x.article, x.other) for x in alignments] == [("a", "b"), ("b", "a")]
    for alignment in alignments:
        mine = {s.id for s in annotations[alignment.article].sentences}
        theirs = {s.id for s in annotations[alignment.other].sentences}
        for link in alignment.links:
            assert link.sentence in mine and link.other_sentence in theirs
            assert link.relation in RELATIONS and 0 <= link.score <= 1


class Visible(HTMLParser):
    """The text a reader sees: character data with entities decoded, tags dropped."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(html)
        self.close()

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


span_tags = st.sampled_from(["span", "a", "em", "strong", "code"])
spans = st.lists(st.builds(lambda a, b, level, tag, exclusive: Span(min(a, b), max(a, b), level, tag,
                                                                   (("href", "/x?a=1&b=<2>"),), exclusive),
                           st.integers(-3, 60), st.integers(-3, 60), st.integers(0, 2), span_tags, st.booleans()),
                 max_size=12)


@PROPERTY
@given(st.text(unicode_chars, max_size=50), spans)
@example("a<b>&c", [Span(0, 3, 2, "a", exclusive=True), Span(1, 5, 2, "a")])
def test_highlighting_never_changes_the_text(text, marks):
    html = highlight(text, marks)
    assert Visible(html).text == text


@pytest.fixture(scope="module")
def render_setup(tmp_path_factory):
    config = site_config(tmp_path_factory.mktemp("site"))
    return config, load_theme(config)


def article_page(article, annotation, setup) -> str:
    config, theme = setup
    site, _ = build_archive([article], {article.id: annotation}, config)
    html = render_site(site, config, theme)[f"articles/{article.id}/index.html"].decode()
    headline = html[html.index("<h1>"):html.index("</h1>")]
    body = html[html.index('<div class="article-body">'):html.index("</article>")]
    return Visible(headline + body).text


@SLOW_PROPERTY
@given(titles, prose)
def test_an_article_page_reads_the_same_with_annotations_on_and_off(render_setup, title, body):
    article = read_article(article_bytes(title, body, source="Wire"), "a.md")
    annotated = article_page(article, annotate(article), render_setup)
    plain = article_page(article, Annotation(article.id, (), (), ()), render_setup)
    assert annotated == plain
    shown = " ".join(annotated.split())
    for block in article.blocks:
        assert " ".join(article.text[block.start:block.end].split()) in shown
