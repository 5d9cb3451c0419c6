"""Frozen slotted dataclasses made cheap to pickle and to repr().

Python's dataclasses give a frozen class with slots a __getstate__ and __setstate__ that call
dataclasses.fields() for every object pickled or unpickled, and a __repr__ guarded against
recursion (a thread id and a set, per call). With the many small objects of an annotated
archive (sentences, mentions, figures, alignment links) these were half the time of reading
a cached article back, and more than half of writing the memo keys (diskcache.key: a digest
of repr()). `fast_record` gives the class the same three methods over its field names, found
once: the same pickled values and the same repr text, faster. A record holds no cycle (it is
frozen and made of its fields), so the guard has nothing to catch.
"""
from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T", bound=type)


def fast_record(cls: T) -> T:
    """CLS (a frozen dataclass with slots), pickled as the tuple of its fields' values (a pickle
    of another shape of the class fails to load, and a cache entry is then recomputed), and with
    the dataclass's repr() made without its recursion guard."""
    names = tuple(field.name for field in dataclasses.fields(cls) if field.repr)
    fields = tuple(field.name for field in dataclasses.fields(cls))
    assign = object.__setattr__

    def __getstate__(self) -> tuple:
        return tuple(map(self.__getattribute__, fields))

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(fields, state, strict=True):
            assign(self, name, value)

    shown = ", ".join(f"{name}={{self.{name}!r}}" for name in names)
    scope: dict[str, object] = {}
    # made from the class's own field names, as dataclasses makes its methods (a generic loop is 4 times slower)
    exec(f"def __repr__(self):\n    return f'{{self.__class__.__qualname__}}({shown})'", scope)  # noqa: S102
    cls.__getstate__ = __getstate__
    cls.__setstate__ = __setstate__
    cls.__repr__ = scope["__repr__"]
    return cls
