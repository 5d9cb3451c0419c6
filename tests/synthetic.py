"""A synthetic archive for site-wide checks: COUNT articles in stories of one to three versions.

Deterministic (seeded), self-contained (CI has no ../shared), and shaped like news copy:
datelines, people with titles and spelling variants, organisations, places, figures with
qualifiers that change between versions, quotes, and a few outlets.
"""
from __future__ import annotations

import random
from pathlib import Path

PEOPLE = [("Omar Haddad", "Omar Hadad"), ("Leila Nasser", "Layla Nasir"), ("Yusuf Karim", "Youssef Karim"),
          ("Mariam Aziz", "Maryam Azeez"), ("Sami Tawil", "Sami al-Tawil"), ("Nadia Saleh", "Nadia Salih")]
ORGS = [("United Nations", "U.N."), ("Red Crescent", "Red Crescent"), ("Free Syrian Army", "FSA"),
        ("World Food Programme", "WFP"), ("Syrian Observatory for Human Rights", "the Observatory")]
PLACES = ["Aleppo", "Homs", "Idlib", "Raqqa", "Deir al-Zor", "Hama", "Latakia", "Beirut", "Geneva", "Ankara"]
SOURCES = ["Reuters", "AP", "AFP", "The Guardian", "Al Jazeera", "The Irish Times"]
EVENTS = ["talks stall", "convoy reaches", "ceasefire holds", "shelling resumes", "evacuation begins"]
QUALIFIERS = ["close to", "more than", "about", "nearly", "at least", "up to"]


def write_archive(root: Path, count: int = 300, seed: int = 11) -> Path:
    """site.yaml and COUNT articles under ROOT/content; returns ROOT."""
    rng = random.Random(seed)
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text("title: Synthetic archive\nbase_url: /\nlanguage: en\n")
    written, story = 0, 0
    while written < count:
        versions = min(count - written, rng.choice([1, 2, 2, 3]))
        facts = story_facts(rng)
        for version in range(versions):
            path = root / "content" / f"s{story:03}" / f"v{version}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(article(rng, facts, story, version), encoding="utf-8")
            written += 1
        story += 1
    return root


def story_facts(rng: random.Random) -> dict:
    return {"person": rng.choice(PEOPLE), "org": rng.choice(ORGS), "place": rng.choice(PLACES),
            "other": rng.choice(PLACES), "event": rng.choice(EVENTS),
            "figure": rng.randrange(2, 90) * 1000, "month": rng.randrange(1, 13), "day": rng.randrange(1, 28)}


def article(rng: random.Random, facts: dict, story: int, version: int) -> str:
    person = facts["person"][min(version, 1) if rng.random() < 0.5 else 0]
    org = facts["org"][version % 2]
    figure = facts["figure"] + (rng.choice([0, 1000]) if version else 0)
    source = SOURCES[(story + version) % len(SOURCES)]
    title = f"{facts['place']}: {facts['event']} as {org} counts {figure:,} displaced"
    if version:
        title = f"{title} ({source})"
    paragraphs = [
        (f"{facts['place'].upper()} (Wire) - {org} officials said on Monday that {rng.choice(QUALIFIERS)} "
        f"{figure:,} people had fled {facts['place']} since the {facts['event']}."),
        (f"\"We cannot leave our city,\" said {person}, a spokesman, adding that talks in "
        f"{facts['other']} were due to resume."),
        (f"Mr {person.split()[-1]} said {rng.randrange(3, 40)} trucks had reached the eastern districts, "
        f"where {rng.randrange(2, 9)}.{rng.randrange(10)}% of homes were without water."),
    ]
    if version:
        paragraphs.append(f"{source} could not independently verify the figures, which {org} revised on "
                          f"{rng.choice(['Tuesday', 'Wednesday', 'Thursday'])}.")
    date = f"2016-{facts['month']:02}-{facts['day']:02}T{8 + version:02}:00:00Z"
    front = (f"---\ntitle: \"{title}\"\nsource: {source}\nbyline: Staff\ndate: {date}\n"
             f"story: story-{story:03}\n---\n\n")
    return front + "\n\n".join(paragraphs) + "\n"
