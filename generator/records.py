"""Frozen slotted dataclasses made cheap to pickle and to repr().

Python's dataclasses give a frozen class with slots a __getstate__ and __setstate__ that call
dataclasses.fields() for every object pickled or unpickled, and a __repr__ guarded against
recursion (a thread id and a set, per call). With the many small objects of an annotated
archive (sentences, mentions, figures, alignment links) these were half the time of reading
a cached article back, and more than half of writing the memo keys (diskcache.key: a digest
of repr()). `fast_record` gives the class the same three methods over its field names, found
once: the same pickled values and the same repr text, faster. A record holds no cycle (it is
frozen and made of its fields), so the guard has nothing to catch.

`packed_fields` goes further for records that builds load by the thousand and mostly do not
read: some of their fields are pickled together as one bytes object inside the record and read
back the first time one of them is read (an annotation's sentences, mentions and figures; an
alignment's links). An edit's rebuild at 10,000 articles then reads back those of the stories it
changed, not 1.1 million small records (0.4 s). A blob damaged on disk is found only then: it
raises errors.CacheDamaged, and the build clears the caches and starts again (cli).
"""
from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import CACHE, CacheDamaged

T = TypeVar("T", bound=type)


def fast_record(cls: T) -> T:
    """CLS (a frozen dataclass with slots), pickled as the tuple of its fields' values (a pickle
    of another shape of the class fails to load, and a cache entry is then recomputed), and with
    the dataclass's repr() made without its recursion guard."""
    names = tuple(field.name for field in dataclasses.fields(cls) if field.repr)
    fields = tuple(field.name for field in dataclasses.fields(cls))
    values = [f"v{n}" for n in range(len(fields))]
    # a slot's own descriptor sets it past the frozen class's __setattr__
    scope: dict[str, object] = {f"set{n}": cls.__dict__[name].__set__ for n, name in enumerate(fields)}
    shown = ", ".join(f"{name}={{self.{name}!r}}" for name in names)
    # made from the class's own field names, as dataclasses makes its methods (a generic loop is
    # 3 to 4 times slower); unpacking a state of another length raises ValueError
    exec(f"def __repr__(self):\n    return f'{{self.__class__.__qualname__}}({shown})'\n"  # noqa: S102
         f"def __getstate__(self):\n    return ({''.join(f'self.{name}, ' for name in fields)})\n"
         f"def __setstate__(self, state):\n    [{', '.join(values)}] = state\n"
         + "".join(f"    set{n}(self, {value})\n" for n, value in enumerate(values)), scope)
    cls.__getstate__ = scope["__getstate__"]
    cls.__setstate__ = scope["__setstate__"]
    cls.__repr__ = scope["__repr__"]
    return cls


class _Packed:
    """Fields of one record pickled together (packed_fields), held in each of their slots until
    one of them is read."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


class _Unpacked:
    """A packed field's descriptor, in front of its slot (SLOT): the first read of any of the
    record's packed fields (their slots: SLOTS) unpickles them all."""

    def __init__(self, slot: Any, slots: tuple[Any, ...]) -> None:
        self.slot = slot
        self.slots = slots

    def __get__(self, record: Any, owner: type | None = None) -> Any:
        if record is None:
            return self
        value = self.slot.__get__(record, owner)
        if type(value) is _Packed:
            try:
                fields = pickle.loads(value.data)
            except Exception as err:  # noqa: BLE001 - any failure: damaged, whatever pickle finds
                raise CacheDamaged(CACHE, 0, f"a cache entry is damaged ({type(record).__name__} could not be "
                                             f"read back: {type(err).__name__}: {err}); delete the folder, "
                                             "which builds make again, and build again") from None
            for slot, field in zip(self.slots, fields, strict=True):
                slot.__set__(record, field)
            value = self.slot.__get__(record, owner)
        return value

    def __set__(self, record: Any, value: Any) -> None:
        self.slot.__set__(record, value)


def packed_fields(*packed: str) -> Callable[[T], T]:
    """A decorator for a fast_record class: its fields PACKED pickled together, as one bytes
    object, and unpickled the first time one of them is read. A record that is loaded with many
    and whose packed fields most builds never read (an annotation's sentences, mentions and
    figures, when the stories they are in are remembered) then loads in a fraction of the time.
    The other fields pickle as fast_record pickles them; the packed ones follow, as one value."""
    def decorate(cls: T) -> T:
        fields = tuple(field.name for field in dataclasses.fields(cls))
        plain = tuple(name for name in fields if name not in packed)
        slots = {name: cls.__dict__[name] for name in fields}
        together = tuple(slots[name] for name in packed)
        for name in packed:
            setattr(cls, name, _Unpacked(slots[name], together))

        def __getstate__(self: Any) -> tuple:
            held = [value for value in (slot.__get__(self) for slot in together) if type(value) is _Packed]
            data = held[0].data if held else pickle.dumps(
                tuple(slot.__get__(self) for slot in together), protocol=pickle.HIGHEST_PROTOCOL)
            return (*(slots[name].__get__(self) for name in plain), data)

        def __setstate__(self: Any, state: tuple) -> None:
            *values, data = state
            if type(data) is not bytes:
                raise ValueError("a record's packed fields are not bytes: a pickle of another shape")
            for name, value in zip(plain, values, strict=True):
                slots[name].__set__(self, value)
            held = _Packed(data)
            for slot in together:
                slot.__set__(self, held)

        cls.__getstate__ = __getstate__
        cls.__setstate__ = __setstate__
        cls.__packed__ = packed
        return cls
    return decorate


def unpack(record: Any) -> None:
    """RECORD's packed fields (see packed_fields) read back now: by a process about to fork
    workers that will read them, so that they share one copy instead of each making its own."""
    getattr(record, record.__packed__[0])
