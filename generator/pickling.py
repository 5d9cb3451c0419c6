"""Frozen slotted dataclasses pickled at the speed of plain tuples.

Python's dataclasses give a frozen class with slots a __getstate__ and __setstate__ that call
dataclasses.fields() for every object pickled or unpickled; with the many small objects of an
annotated article (sentences, mentions, figures), that is half the time of reading one back
from the cache or from a worker process. `quick_pickle` gives the class the same two methods
over its field names, found once.
"""
from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T", bound=type)


def quick_pickle(cls: T) -> T:
    """CLS (a frozen dataclass with slots), pickled as the tuple of its fields' values. A
    pickle of another shape of the class fails to load (and a cache entry is then recomputed)."""
    names = tuple(field.name for field in dataclasses.fields(cls))
    assign = object.__setattr__

    def __getstate__(self) -> tuple:
        return tuple(map(self.__getattribute__, names))

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(names, state, strict=True):
            assign(self, name, value)

    cls.__getstate__ = __getstate__
    cls.__setstate__ = __setstate__
    return cls
