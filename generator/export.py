"""The annotations as JSON under build/data/, for researchers and tests (shape: DESIGN.md)."""
from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from . import diskcache, urls
from .config import SiteConfig
from .corrections.model import Corrections
from .model import Alignment, Article, Discrepancy, Site, Story
from .page_memo import PageMemo, mentions_digest
from .write import Kept


def to_json(value: Any) -> bytes:
    """Deterministic, compact JSON (sorted keys, a final newline): Python's C encoder writes it, where
    an indented file takes its pure-Python one, several times slower (`jq .` shows one indented)."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def export_data(site: Site, config: SiteConfig, memo: PageMemo | None = None) -> dict[str, bytes | Kept]:
    """Every file under data/; with MEMO, the articles' files of a story (or of an article in none)
    are not made again when nothing in them can have changed (see data_inputs)."""
    alignments: dict[str, list[Alignment]] = {}
    for alignment in site.alignments:
        alignments.setdefault(alignment.article, []).append(alignment)
    by_id = {article.id: article for article in site.articles}
    in_story = {a for story in site.stories for a in story.articles}
    groups = [*((story, tuple(by_id[a] for a in story.articles)) for story in site.stories),
              *((None, (article,)) for article in site.articles if article.id not in in_story)]
    files: dict[str, bytes | Kept] = {}
    for story, group in groups:
        records = functools.partial(_group_records, site, config, story, group, alignments)
        files.update(memo.pages(data_inputs(site, story, group, alignments), records) if memo else records())
    files["data/entities.json"] = to_json([
        {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
         "articles": list(e.articles), "description": e.description, "link": e.link,
         "url": config.base_path + urls.entity_path(e.id)}
        for e in site.entities.entities])
    files["data/stories.json"] = to_json([
        {"id": s.id, "articles": list(s.articles), "original": s.original,
         "url": config.base_path + urls.story_path(s.id),
         "reuse": {a: {"words": round(r.words, 3), "sentences": round(r.sentences, 3)}
                   for a, r in site.reuse.get(s.id, {}).items()},
         "discrepancies": [discrepancy_record(d) for d in site.discrepancies.get(s.id, ()) if d.status != "dismissed"],
         "dismissed": [discrepancy_record(d) for d in site.discrepancies.get(s.id, ()) if d.status == "dismissed"]}
        for s in site.stories])
    return files


def _group_records(site: Site, config: SiteConfig, story: Story | None, group: Sequence[Article],
                   alignments: Mapping[str, Sequence[Alignment]]) -> dict[str, bytes]:
    return {f"data/articles/{a.id}.json": to_json(article_record(
                site, a, config, story.id if story else None, _links_by_sentence(alignments.get(a.id, ()))))
            for a in group}


def data_inputs(site: Site, story: Story | None, group: Sequence[Article],
                alignments: Mapping[str, Sequence[Alignment]]) -> list[object]:
    """All that the files of GROUP (STORY's versions, or an article in none) read but the base
    path, the link corrections and the code (the memo's salt, see data_salt): the story; per
    article, its fingerprint (its text, front matter and annotation, corrections included),
    related articles and their scores, resolved mentions, and the fingerprints of the versions it
    is aligned with (its alignments are made of those two articles, the story, the link corrections
    and the code: their links, a thousand a story, cost more to key than to make)."""
    found: list[object] = [story]
    for article in group:
        found += [site.fingerprints[article.id], site.related.get(article.id, ()),
                  mentions_digest(site, article.id),
                  [(a.other, site.fingerprints.get(a.other)) for a in alignments.get(article.id, ())]]
    return found


def data_salt(config: SiteConfig, corrections: Corrections) -> str:
    """What every article's file reads besides data_inputs: the site's base path, the corrections
    that link or unlink sentences (the others reach the files through the fingerprints, the
    mentions and the stories), and the generator's code."""
    return diskcache.key(config.base_path, corrections.alignments, diskcache.package_digest())


def article_record(site: Site, article: Article, config: SiteConfig, story: str | None,
                   links: dict[tuple[str, str], list[dict]]) -> dict[str, Any]:
    annotation = site.annotations[article.id]
    return {
        "id": article.id, "path": article.path, "url": config.base_path + urls.article_path(article.id),
        "title": article.title, "source": article.source, "date": article.date,
        "byline": article.byline, "dateline": article.dateline, "credits": article.credits,
        "story": story, "lang": article.lang,
        "provenance": {"url": article.url, "retrieved": article.retrieved,
                       "imported_from": article.imported_from, "rights": article.rights},
        "related": [{"article": r.article, "score": round(r.score, 3)} for r in site.related.get(article.id, ())],
        "text": article.text,
        "entities": [{"start": m.start, "end": m.end, "text": m.text, "type": m.type, "entity": m.entity}
                     for m in site.entities.mentions.get(article.id, ())],
        "numbers": [{"start": f.start, "end": f.end, "text": f.text, "value": _number(f.value),
                     "qualifier": f.qualifier, "unit": f.unit or None,
                     **({"upper": _number(f.upper)} if f.upper is not None else {})}
                    for f in annotation.figures],
        "sentences": [{"id": s.id, "start": s.start, "end": s.end,
                       **({"aligned": links[(article.id, s.id)]} if (article.id, s.id) in links else {})}
                      for s in annotation.sentences],
    }


def _links_by_sentence(alignments: Sequence[Alignment]) -> dict[tuple[str, str], list[dict]]:
    found: dict[tuple[str, str], list[dict]] = {}
    for alignment in alignments:
        for link in alignment.links:
            found.setdefault((alignment.article, link.sentence), []).append({
                "article": link.other_article, "sentence": link.other_sentence,
                "relation": link.relation, "moved": link.moved, "score": round(link.score, 3)})
    return found


def discrepancy_record(d: Discrepancy) -> dict[str, Any]:
    return {"kind": d.kind, "about": d.about, "status": d.status, "note": d.note, "mentions": [
        {"article": m.article, "sentence": m.sentence, "text": m.text,
         "value": _number(m.value) if m.value is not None else None, "qualifier": m.qualifier}
        for m in d.mentions]}


def _number(value: float) -> int | float:
    """30000.0 -> 30000, so that the JSON reads as the text does."""
    return int(value) if float(value).is_integer() else value
