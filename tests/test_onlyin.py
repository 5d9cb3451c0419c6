from generator.archive.onlyin import only_in_discrepancies
from generator.markdown import markdown_blocks
from generator.model import (
    Alignment,
    Annotation,
    Article,
    Sentence,
    SentenceLink,
    Story,
)


def article(article_id, source, body, sentences):
    text, blocks = markdown_blocks("Headline", body)
    spans = [Sentence("s1", 0, len("Headline"))]
    for i, sentence in enumerate(sentences, start=2):
        start = text.index(sentence)
        spans.append(Sentence(f"s{i}", start, start + len(sentence)))
    return Article(article_id, f"{article_id}.md", "Headline", source, "", text, blocks), \
        Annotation(article_id, tuple(spans), (), ())


def test_sentences_no_other_version_has_are_listed_quotes_first():
    wire, wire_ann = article("wire", "Reuters", "Talks stalled. Aid was cut.", ["Talks stalled.", "Aid was cut."])
    paper, paper_ann = article("paper", "The Paper", 'Talks stalled. Prices rose. "We will stay," he said.',
                               ["Talks stalled.", "Prices rose.", '"We will stay," he said.'])
    links = (Alignment("paper", "wire", (SentenceLink("s2", "wire", "s2", "copy", 1.0),)),
             Alignment("wire", "paper", (SentenceLink("s2", "paper", "s2", "copy", 1.0),)))
    story = Story("talks", ("wire", "paper"), "wire")
    found = only_in_discrepancies(story, {"wire": wire, "paper": paper},
                                  {"wire": wire_ann, "paper": paper_ann}, links)
    assert [(d.about, [(m.article, m.sentence, m.text) for m in d.mentions]) for d in found] == [
        ("only in Reuters", [("wire", "s3", "Aid was cut.")]),
        ("only in The Paper", [("paper", "s4", '"We will stay," he said.'), ("paper", "s3", "Prices rose.")]),
    ]


def test_a_story_of_one_version_has_nothing_only_in_it():
    wire, wire_ann = article("wire", "Reuters", "Talks stalled.", ["Talks stalled."])
    assert only_in_discrepancies(Story("t", ("wire",), "wire"), {"wire": wire}, {"wire": wire_ann}, ()) == ()
