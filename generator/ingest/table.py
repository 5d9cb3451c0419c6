"""JSON lines and CSV exports -> articles, one per record, with a column mapping.

`--map title=headline,body=text,date=published` says which column holds which
article field; a field not mapped is read from the column of its own name.
JSON lines may name a nested value with dots (author.name).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from generator.errors import ContentError
from generator.ingest.blocks import body_blocks
from generator.ingest.fetch import clean_url
from generator.ingest.pagemeta import normalise_lang
from generator.ingest.plaintext import WireArticle, derive_title

FIELDS = ("title", "body", "date", "source", "byline", "dateline", "credits", "story", "lang",
          "url", "rights")
"""The article fields a column can fill."""
ColumnMap = tuple[tuple[str, str], ...]
"""(field, column) pairs, in the order given."""


def parse_mapping(text: str) -> ColumnMap:
    """"title=headline,body=text" -> (("title", "headline"), ("body", "text")); ContentError if malformed."""
    pairs = []
    for part in filter(None, (part.strip() for part in text.split(","))):
        field, equals, column = (piece.strip() for piece in part.partition("="))
        if not equals or not field or not column:
            raise ContentError("--map", 0, f"{part!r} is not FIELD=COLUMN; write it as, for example, "
                                           "--map title=headline,body=text")
        if field not in FIELDS:
            raise ContentError("--map", 0, f"{field!r} is not an article field; map one of "
                                           f"{', '.join(FIELDS)}")
        pairs.append((field, column))
    return tuple(pairs)


def read_table(data: bytes, *, kind: str, origin: str, mapping: ColumnMap = (), retrieved: str = "",
               delimiter: str = ",") -> tuple[WireArticle, ...]:
    """Every record of a JSON lines (kind "jsonl") or CSV ("csv") file, as an article."""
    text = _decode(data, origin)
    records = _json_lines(text, origin) if kind == "jsonl" else _csv_rows(text, origin, mapping, delimiter)
    columns = dict(mapping)
    articles = [_article(record, line, columns, origin, retrieved) for line, record in records]
    if not articles:
        raise ContentError(origin, 0, "holds no records; check that it is the export you meant")
    return tuple(articles)


def _decode(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(origin, line, "is not UTF-8 text; convert it to UTF-8 "
                                         "(for example `iconv -f windows-1252 -t utf-8`) and import it again") from None


def _json_lines(text: str, origin: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise ContentError(origin, line_number, f"is not a line of JSON ({error.msg}, column "
                                                    f"{error.colno}); fix or remove the line") from None
        if not isinstance(record, dict):
            raise ContentError(origin, line_number, "is not a JSON object; write one {\"key\": value} "
                                                    "object per line")
        yield line_number, record


def _csv_rows(text: str, origin: str, mapping: ColumnMap, delimiter: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Rows by the line each starts on; the header must hold every mapped column."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or ()]
    for field, column in mapping:
        if column not in header:
            raise ContentError(origin, 1, f"--map {field}={column}: the file has no column {column!r} "
                                          f"(its columns: {', '.join(header) or 'none'}); fix --map")
    if "body" not in dict(mapping) and "body" not in header:
        raise ContentError(origin, 1, "no column holds the article text: name it with --map "
                                      f"body=COLUMN (the columns: {', '.join(header) or 'none'})")
    reader.fieldnames = header
    start = reader.line_num + 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        raise ContentError(origin, reader.line_num, f"is not a well-formed CSV row ({error}); "
                                                    "fix the row's quotes or remove it") from None


def _article(record: Mapping[str, Any], line: int, columns: dict[str, str], origin: str,
             retrieved: str) -> WireArticle:
    values = {field: _value(record, columns.get(field, field)) for field in FIELDS}
    where = f"{origin}:{line}"
    if not values["body"]:
        column = columns.get("body", "body")
        raise ContentError(origin, line, f"the record has no text in {column!r} (the body); fill it in, "
                                         "remove the record, or map the body with --map body=COLUMN")
    body = body_blocks(values["body"])
    return WireArticle(
        title=values["title"] or derive_title(body[0][1]),
        source=values["source"], byline=values["byline"], dateline=values["dateline"],
        date=_iso_date(values["date"], origin, line, columns.get("date", "date")),
        credits=values["credits"], story=values["story"], body=body,
        lang=normalise_lang(values["lang"]), rights=values["rights"], url=clean_url(values["url"]),
        retrieved=retrieved, imported_from=where,
    )


def _value(record: Mapping[str, Any], column: str) -> str:
    """The column's text; a dotted name reaches into nested objects; a list is joined with commas."""
    value: Any = record.get(column)
    if value is None and "." in column:
        value = record
        for key in column.split("."):
            value = value.get(key) if isinstance(value, dict) else None
    if isinstance(value, list):
        return ", ".join(_value({"x": item}, "x") for item in value if item not in (None, ""))
    if isinstance(value, dict):
        value = value.get("name", "")
    return "" if value is None else str(value).strip()


def _iso_date(value: str, origin: str, line: int, column: str) -> str:
    """An ISO 8601 date as it is; an e-mail style date (RFC 2822) in ISO form; else an error."""
    if not value:
        return ""
    try:
        datetime.fromisoformat(value)
        return value
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        raise ContentError(origin, line, f"{column!r} holds {value!r}, not a date; write it as "
                                         "2024-03-05 or 2024-03-05T08:30:00Z") from None
