"""lunr.py's Builder, adding documents faster: the same index, byte for byte.

lunr.py's Builder.add wraps every token of a pre-tokenised field in a Token
with a deep copy of its metadata and runs the pipeline on each occurrence;
news text repeats its words, so most of that work is done again and again.
This Builder runs the pipeline once per distinct word of a field and records
the same term frequencies, field lengths and inverted index as Builder.add;
build() is lunr.py's own (BM25 weights, field vectors, token set).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from lunr.builder import Builder, FieldRef
from lunr.token import Token
from lunr.utils import as_string


class TokenListBuilder(Builder):
    """A Builder whose documents' fields are lists of tokens (Builder.add for anything else).

    The pipeline must look at one token at a time (lunr's stop word filter and stemmers do).
    """

    def __init__(self) -> None:
        super().__init__()
        self._terms: dict[tuple[str, str], tuple[str, ...]] = {}

    def add(self, doc: dict[str, Any], attributes: dict[str, Any] | None = None) -> None:
        if self.metadata_whitelist or any(field.extractor is not None or not isinstance(doc[name], (list, tuple))
                                          for name, field in self._fields.items()):
            return super().add(doc, attributes)
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            terms = [term for element in doc[field_name] for term in self._pipeline_terms(field_name, element)]
            field_ref = str(FieldRef(doc_ref, field_name))
            field_terms: defaultdict[str, int] = defaultdict(int)
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                field_terms[term] += 1
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                if doc_ref not in posting[field_name]:
                    posting[field_name][doc_ref] = defaultdict(list)

    def _pipeline_terms(self, field_name: str, element: Any) -> tuple[str, ...]:
        """The terms lunr's pipeline makes of one token of FIELD_NAME (none for a stop word)."""
        word = as_string(element).lower()
        key = (field_name, word)
        if key not in self._terms:
            self._terms[key] = tuple(str(token) for token in self.pipeline.run([Token(word, {})], field_name))
        return self._terms[key]
