"""The compare view of the seed story, driven in headless Chromium."""
import re

from browser import chromium, serve

STORY = "stories/aleppo-2016/"
REWRITE = "rebels-in-aleppo-have-told-the-united-states-they-will-not"
REUTERS = "rebels-defiant-as-syrian-army-nears-aleppos-old-city"


def test_the_rewrite_and_the_wire_sentence_share_a_row_with_the_changed_words_marked(built_seed_site):
    with serve(built_seed_site) as url, chromium() as page:
        page.goto(url + STORY)
        compare = page.locator(".compare-list a", has_text=re.compile(r"^Unknown newspaper ↔ Reuters$"))
        assert compare.get_attribute("href") == f"/{STORY}compare/{REWRITE}--{REUTERS}/"
        compare.click()
        page.wait_for_url(f"{url}{STORY}compare/{REWRITE}--{REUTERS}/")

        row = page.locator("tr.row", has=page.locator(
            "td.left", has_text="The UN Security Council is due to vote"))
        assert row.count() == 1
        left, right = row.locator("td.left"), row.locator("td.right")
        assert "The U.N. Security Council is due to vote" in right.inner_text()
        assert left.locator("del", has_text=re.compile(r"^UN$")).count() == 1
        assert right.locator("ins", has_text=re.compile(r"^U\.N\.$")).count() == 1
        assert page.console_errors == []
