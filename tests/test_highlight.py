"""highlight: overlapping spans written as properly nested, escaped HTML."""
import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.highlight import ANNOTATION, INLINE, SENTENCE, Span, highlight


class Nesting(HTMLParser):
    """Text content, tag nesting errors and the deepest <a> nesting of a fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.errors, self.links_in_links = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "a" and "a" in self.stack:
            self.links_in_links += 1
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> Nesting:
    parser = Nesting()
    parser.feed(fragment)
    parser.close()
    return parser


def sentence(start, end, sid="s1"):
    return Span(start, end, SENTENCE, "span", (("class", "sentence"), ("id", sid)))


def link(start, end, level=ANNOTATION, href="/e/"):
    return Span(start, end, level, "a", (("class", "ent"), ("href", href)), exclusive=level == ANNOTATION)


def test_no_spans_is_the_escaped_text():
    assert highlight("a < b & c", []) == "a &lt; b &amp; c"


def test_nested_spans_open_outer_first():
    out = highlight("Hello Aleppo.", [link(6, 12), sentence(0, 13)])
    assert out == '<span class="sentence" id="s1">Hello <a class="ent" href="/e/">Aleppo</a>.</span>'


def test_inner_span_is_cut_at_an_outer_boundary_and_keeps_its_id_once():
    text = "One two. Three four."
    out = highlight(text, [sentence(0, 8, "s1"), sentence(9, 20, "s2"),
                           Span(4, 14, INLINE, "em", (("id", "x"),))])
    assert out == ('<span class="sentence" id="s1">One <em id="x">two.</em></span><em> </em>'
                   '<span class="sentence" id="s2"><em>Three</em> four.</span>')


def test_a_figure_overlapping_a_name_given_first_is_dropped():
    figure = Span(0, 9, ANNOTATION, "span", (("class", "num"),), exclusive=True)
    out = highlight("30 Aleppo men", [link(3, 9), figure])
    assert out == '30 <a class="ent" href="/e/">Aleppo</a> men'


def test_a_link_inside_a_link_becomes_a_span_without_href():
    outer = Span(0, 12, INLINE, "a", (("href", "https://un.org/"),))
    out = highlight("the U.N. say", [outer, link(4, 8)])
    assert out == '<a href="https://un.org/">the <span class="ent">U.N.</span> say</a>'


def test_attributes_and_text_are_escaped():
    hostile = Span(0, 5, ANNOTATION, "a", (("href", '/"x'), ("title", "<b>&")))
    out = highlight("<img>", [hostile])
    assert out == '<a href="/&#34;x" title="&lt;b&gt;&amp;">&lt;img&gt;</a>'


def test_after_markup_follows_the_span_once_it_is_closed():
    span = Span(0, 3, SENTENCE, "span", (), after=Markup("<sup>1</sup>"))
    out = highlight("abcdef", [span, Span(1, 5, INLINE, "em", after=Markup("<sup>2</sup>"))])
    assert out == "<span>a<em>bc</em></span><sup>1</sup><em>de</em><sup>2</sup>f"


def test_offset_and_clipping_to_the_text():
    assert highlight("cd", [Span(1, 3, INLINE, "em")], offset=2) == "<em>c</em>d"
    assert highlight("cd", [Span(10, 12, INLINE, "em")], offset=2) == "cd"


TAGS = st.sampled_from(["a", "span", "em", "strong"])


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet=st.sampled_from("ab <>&\"'é\n"), max_size=40))
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        spans.append(Span(start, end, draw(st.integers(0, 2)), draw(TAGS),
                          (("id", "x"), ("href", "/h"), ("title", "<&>")), exclusive=draw(st.booleans())))
    return text, spans


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_highlighting_never_changes_the_text_and_always_nests(case):
    text, spans = case
    parsed = parse(str(highlight(text, spans)))
    assert "".join(parsed.text) == text
    assert parsed.errors == [] and parsed.stack == []
    assert parsed.links_in_links == 0


@settings(max_examples=100, deadline=None)
@given(text_and_spans())
def test_ids_are_never_repeated(case):
    text, spans = case
    out = str(highlight(text, spans))
    assert len(re.findall(r' id="x"', out)) <= len([s for s in spans if s.start < s.end])
    assert html.unescape(re.sub(r"<[^>]*>", "", out)) == text


def test_escape_writes_what_markupsafe_writes():
    import random

    from markupsafe import escape as markupsafe_escape

    from generator.highlight import escape

    rng = random.Random(1)
    texts = ["".join(rng.choice("&<>\"'a é\u0643;#") for _ in range(rng.randint(0, 16))) for _ in range(2000)]
    assert [escape(text) for text in texts] == [str(markupsafe_escape(text)) for text in texts]
    assert escape("<script>alert('x')</script> & \"co\"") == \
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;co&#34;"
