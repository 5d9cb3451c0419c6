"""The annotations as JSON under build/data/, for researchers and tests (shape: DESIGN.md)."""
from __future__ import annotations

import json
from typing import Any

from . import urls
from .config import SiteConfig
from .model import Alignment, Article, Discrepancy, Site


def to_json(value: Any) -> bytes:
    """Deterministic, compact JSON (sorted keys, a final newline): Python's C encoder writes it, where
    an indented file takes its pure-Python one, several times slower (`jq .` shows one indented)."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def export_data(site: Site, config: SiteConfig) -> dict[str, bytes]:
    story_of = {a: s.id for s in site.stories for a in s.articles}
    links = _links_by_sentence(site.alignments)
    files = {f"data/articles/{a.id}.json": to_json(article_record(site, a, config, story_of.get(a.id), links))
             for a in site.articles}
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


def _links_by_sentence(alignments: tuple[Alignment, ...]) -> dict[tuple[str, str], list[dict]]:
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
