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
