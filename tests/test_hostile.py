"""Untrusted content never runs as script: payloads in every field, page and search result."""
from html.parser import HTMLParser
from pathlib import Path

import yaml
from browser import chromium, serve

from generator.cli import main

PAYLOADS = (Path(__file__).parent / "fixtures/hostile/payloads.txt").read_text().splitlines()


def hostile_archive(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text(yaml.safe_dump({"title": PAYLOADS[1], "description": PAYLOADS[2]}))
    for number, payload in enumerate(PAYLOADS):
        meta = {"title": f"Story {number} {payload}", "source": payload, "byline": payload,
                "dateline": payload, "credits": payload, "url": "javascript:alert(1)",
                "story": f"s{number % 3} {payload}"}
        body = (f"President Omar Haddad {payload} met Rania Mansour in Aleppo.\n\n"
                f"[link]({payload}) and [js](javascript:alert(1)) and ![img](javascript:alert(1))\n\n"
                f"## {payload}\n\n> {payload}\n\nClose to 30,000 people {payload} fled.\n")
        (root / "content" / f"{number:02d} {payload[:12]}.md".replace("/", "_")).write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + body)
    return root


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser would see them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def dangerous(html: str) -> list[str]:
    parser = Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if tag in ("iframe", "object", "embed", "svg", "math", "img", "marquee"):
            found.append(tag)
        if tag == "script" and not attrs.get("src", "").startswith("/static/"):
            found.append(f"script {attrs}")
        found += [f"{tag} {name}" for name in attrs if name.startswith("on")]
        found += [f"{tag} {name}={value}" for name, value in attrs.items()
                  if name in ("href", "src", "action") and value.strip().lower().startswith(("javascript:", "data:text"))]
    return found


def test_payloads_are_escaped_in_every_page_and_never_run(tmp_path):
    root = hostile_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    site = root / "build"
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        assert dangerous(page.read_text()) == [], page
    with serve(site) as url, chromium() as page:
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages[:40]:
            page.goto(url + path.relative_to(site).as_posix())
            page.mouse.move(200, 300)
        page.goto(url + "search/?q=alert")
        page.locator("#search-results a.search-result-title").first.wait_for()
        page.mouse.move(300, 400)
        assert dialogs == []
        assert [e for e in page.console_errors if "Content Security Policy" in e] == []
