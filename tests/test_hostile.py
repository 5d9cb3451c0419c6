"""Untrusted content never runs as script: payloads in every field, page and search result."""
from html.parser import HTMLParser
from pathlib import Path

import yaml
from browser import chromium, serve

from generator.cli import main

PAYLOADS = (Path(__file__).parent / "fixtures/hostile/payloads.txt").read_text().splitlines()


def hostile_archive(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    entries = [{"name": f"Haddad {payload}", "type": "person", "aliases": ["Omar Haddad"],
                "description": payload, "link": f"https://example.org/?q={payload}"} for payload in PAYLOADS[:1]]
    entries += [{"name": f"Mansour {payload}", "type": "org", "aliases": [f"Rania Mansour {i}"],
                 "description": payload, "link": f"https://example.org/{payload}"} for i, payload in enumerate(PAYLOADS)]
    (root / "site.yaml").write_text(yaml.safe_dump({"title": PAYLOADS[1], "description": PAYLOADS[2],
                                                    "gazetteer": {"entries": entries}}))
    for number, payload in enumerate(PAYLOADS):
        meta = {"title": f"Story {number} {payload}", "source": payload, "byline": payload,
                "dateline": payload, "credits": payload, "url": "javascript:alert(1)",
                "story": f"s{number % 3} {payload}"}
        body = (f"President Omar Haddad {payload} met Rania Mansour {number} in Aleppo.\n\n"
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
        found += [f"{tag} {name}" for name in attrs if name.startswith("on") or name == "style"]
        found += [f"{tag} {name}={value}" for name, value in attrs.items()
                  if name in ("href", "src", "action") and value.strip().lower().startswith(("javascript:", "data:text"))]
    return found


CSP = ('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'; '
       'style-src \'self\';')


def test_there_are_enough_payloads_for_every_context():
    assert len(PAYLOADS) >= 50 and len(set(PAYLOADS)) == len(PAYLOADS)


def test_payloads_are_escaped_in_every_page_and_never_run(tmp_path):
    root = hostile_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    site = root / "build"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > len(PAYLOADS)
    for page in pages:
        html = page.read_text()
        assert dangerous(html) == [], page
        assert CSP in html and "unsafe-inline" not in html, page
    with serve(site) as url, chromium() as page:
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(url + path.relative_to(site).as_posix())
            page.mouse.move(200, 300)
        page.goto(url + "search/")
        page.locator("#search[data-ready=true]").wait_for()
        for payload in PAYLOADS:
            page.fill("#search-q", "")
            page.press("#search-q", "Enter")
            page.fill("#search-q", payload)
            page.press("#search-q", "Enter")
            page.wait_for_function("() => document.getElementById('search-status').textContent !== ''")
            page.mouse.move(300, 400)
        page.fill("#search-q", "alert")
        page.press("#search-q", "Enter")
        page.locator("#search-results a.search-result-title").first.wait_for()
        page.mouse.move(300, 500)
        assert dialogs == []
        assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_the_sites_own_pages_raise_no_csp_error(built_seed_site):
    """Every page of the seed site in Chromium: the theme's own scripts and styles obey the policy."""
    with serve(built_seed_site) as url, chromium() as page:
        for path in sorted(built_seed_site.rglob("*.html")):
            page.goto(url + path.relative_to(built_seed_site).as_posix())
            assert CSP in page.content()
        page.goto(url + "search/?q=Hizbullah")
        page.locator("#search-results a.search-result-title").first.wait_for()
        assert page.console_errors == []
