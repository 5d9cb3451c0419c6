"""The model's records pickled as tuples of their fields (the same objects come back, without
dataclasses.fields() called for each one; a pickle of another shape is refused), and their repr()
the dataclass's own text."""
import dataclasses
import pickle

import pytest

from generator import diskcache
from generator.errors import CacheDamaged
from generator.model import Annotation, Article, Block, Figure, Mention, Sentence, Site
from generator.pipeline import Compared
from generator.records import fast_record, unpack

ARTICLE = Article(id="a", path="a.md", title="Aleppo", source="Reuters", date="2016-12-01",
                  text="Close to 30,000 people fled Aleppo.", blocks=(Block("paragraph", 0, 35),))
ANNOTATION = Annotation(article="a", sentences=(Sentence("s1", 0, 35),),
                        mentions=(Mention(28, 34, "Aleppo", "place", "aleppo", 0.9),),
                        figures=(Figure(9, 15, "30,000", 30000.0, "approx", "people", "fled"),))


def test_an_article_and_its_annotation_come_back_equal_without_fields_being_called(monkeypatch):
    def refused(*args):
        raise AssertionError("dataclasses.fields() called while pickling")

    data = pickle.dumps((ARTICLE, ANNOTATION), protocol=pickle.HIGHEST_PROTOCOL)
    monkeypatch.setattr(dataclasses, "fields", refused)
    assert pickle.loads(data) == (ARTICLE, ANNOTATION)
    assert pickle.loads(pickle.dumps(Compared({}, (), ()))) == Compared({}, (), ())


def test_a_site_with_its_defaults_comes_back_equal():
    site = Site((ARTICLE,), {"a": ANNOTATION}, None, (), (), {}, {}, {}, {"a": "digest"})
    assert pickle.loads(pickle.dumps(site)) == site


def test_a_pickle_of_another_shape_is_refused_and_a_cache_entry_of_it_counts_as_missing(tmp_path):
    @fast_record
    @dataclasses.dataclass(frozen=True, slots=True)
    class Shape:
        x: int
        y: int

    shorter = Shape.__new__(Shape)
    with pytest.raises(ValueError):
        shorter.__setstate__((1,))

    class Longer:  # pickles as a Sentence with a fourth value, as an older field list would
        def __reduce__(self):
            return object.__new__, (Sentence,), ("s1", 0, 3, 4)

    entry = tmp_path / "entry"
    diskcache.store(entry, Longer())
    assert diskcache.load(entry, lambda value: True) is None
    diskcache.store(entry, Sentence("s1", 0, 3))
    assert diskcache.load(entry, lambda value: True) == Sentence("s1", 0, 3)


def test_a_record_of_one_field_or_of_fields_named_like_the_methods_arguments_round_trips():
    @fast_record
    @dataclasses.dataclass(frozen=True, slots=True)
    class One:
        state: str

    @fast_record
    @dataclasses.dataclass(frozen=True, slots=True)
    class Named:
        self: int
        state: int
        v0: int

    for record, state in ((One("s"), ("s",)), (Named(1, 2, 3), (1, 2, 3))):
        assert record.__getstate__() == state
        copy = type(record).__new__(type(record))
        copy.__setstate__(state)
        assert copy == record


def test_the_repr_is_the_dataclass_own_text_nested_and_with_a_field_left_out():
    def shape(decorate):
        @dataclasses.dataclass(frozen=True, slots=True)
        class Shape:
            name: str
            inner: object
            hidden: int = dataclasses.field(default=0, repr=False)
        return decorate(Shape)

    plain, fast = shape(lambda cls: cls), shape(fast_record)
    assert hasattr(plain.__repr__, "__wrapped__") and not hasattr(fast.__repr__, "__wrapped__")  # no guard
    assert repr(fast("a'b", (fast("x", None, 3), ANNOTATION))) == repr(plain("a'b", (plain("x", None, 3), ANNOTATION)))
    assert repr(ANNOTATION).startswith("Annotation(article='a', sentences=(Sentence(id='s1', start=0, end=35),)")


def test_an_annotations_sentences_mentions_and_figures_are_read_back_only_when_first_read(monkeypatch):
    loaded = pickle.loads(pickle.dumps(ANNOTATION, protocol=pickle.HIGHEST_PROTOCOL))
    unpickled = []
    real = pickle.loads
    monkeypatch.setattr(pickle, "loads", lambda data: unpickled.append(1) or real(data))
    assert loaded.article == "a" and unpickled == []
    assert loaded.mentions == ANNOTATION.mentions and unpickled == [1]
    assert (loaded.sentences, loaded.figures) == (ANNOTATION.sentences, ANNOTATION.figures) and unpickled == [1]
    assert loaded == ANNOTATION and repr(loaded) == repr(ANNOTATION) and hash(loaded) == hash(ANNOTATION)
    assert dataclasses.replace(loaded, figures=()).mentions == ANNOTATION.mentions
    again = real(pickle.dumps(real(pickle.dumps(loaded)), protocol=pickle.HIGHEST_PROTOCOL))  # unread, passed on
    assert again == ANNOTATION and diskcache.key(again) == diskcache.key(ANNOTATION)


def test_packed_fields_of_another_shape_are_refused():
    record = Annotation.__new__(Annotation)
    with pytest.raises(ValueError):
        record.__setstate__(("a", None, None, b""))  # a field fewer
    with pytest.raises(ValueError):
        record.__setstate__(("a", None, None, None, "not bytes"))


def test_unpack_reads_the_packed_fields_back_at_once(monkeypatch):
    loaded = pickle.loads(pickle.dumps(ANNOTATION, protocol=pickle.HIGHEST_PROTOCOL))
    unpack(loaded)
    monkeypatch.setattr(pickle, "loads", lambda data: pytest.fail("read back again"))
    assert (loaded.sentences, loaded.mentions, loaded.figures) == (
        ANNOTATION.sentences, ANNOTATION.mentions, ANNOTATION.figures)


def test_a_damaged_packed_blob_is_a_damaged_cache_not_a_traceback():
    record = Annotation.__new__(Annotation)
    record.__setstate__(("a", None, None, None, b"not a pickle"))
    with pytest.raises(CacheDamaged, match="cache entry is damaged"):
        assert record.mentions is None
