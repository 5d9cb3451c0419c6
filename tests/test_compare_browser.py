"""The compare view of the seed story, driven in headless Chromium."""
import re

from browser import chromium, serve

STORY = "stories/aleppo-2016/"
REWRITE = "rebels-in-aleppo-have-told-the-united-states-they-will-not"
REUTERS = "rebels-defiant-as-syrian-army-nears-aleppos-old-city"
PAIR = f"{STORY}compare/{REUTERS}--{REWRITE}/"
UN_VOTE = "Security Council is due to vote"


def sides(page) -> dict[str, object]:
    """What the view shows: the lede's names, the column heads, the counts of rows only one side has."""
    return {"lede": page.locator(".lede").inner_text().split(".")[0],
            "heads": page.locator("table.compare th").all_inner_texts(),
            "only": (page.locator("tr.only-left td.left:not(.empty)").count(),
                     page.locator("tr.only-right td.right:not(.empty)").count())}


def test_the_rewrite_and_the_wire_sentence_share_a_row_with_the_changed_words_marked(built_seed_site):
    with serve(built_seed_site) as url, chromium() as page:
        page.goto(url + STORY)
        compare = page.locator(".compare-list a", has_text=re.compile(r"^Reuters ↔ Unknown newspaper$"))
        assert compare.get_attribute("href") == "/" + PAIR
        compare.click()
        page.wait_for_url(url + PAIR)

        row = page.locator("tr.row", has=page.locator("td.left", has_text="The U.N. " + UN_VOTE))
        assert row.count() == 1
        left, right = row.locator("td.left"), row.locator("td.right")
        assert "The UN " + UN_VOTE in right.inner_text()
        assert left.locator("del", has_text=re.compile(r"^U\.N\.$")).count() == 1
        assert right.locator("ins", has_text=re.compile(r"^UN$")).count() == 1
        assert page.console_errors == []


def test_swap_sides_puts_the_rewrite_on_the_left_and_turns_words_cut_into_words_added(built_seed_site):
    with serve(built_seed_site) as url, chromium() as page:
        page.goto(url + PAIR)
        before = sides(page)
        assert before["lede"] == "Reuters (left) against Unknown newspaper (right)"
        assert before["heads"] == ["Reuters", "Unknown newspaper"] and before["only"] != (0, 0)
        button = page.get_by_role("button", name="Swap sides")
        assert button.get_attribute("aria-pressed") == "false"

        button.click()
        assert page.url == url + PAIR + "#swapped" and button.get_attribute("aria-pressed") == "true"
        after = sides(page)
        assert after == {"lede": "Unknown newspaper (left) against Reuters (right)",
                         "heads": ["Unknown newspaper", "Reuters"], "only": before["only"][::-1]}
        row = page.locator("tr.row", has=page.locator("td.left", has_text="The UN " + UN_VOTE))
        assert row.count() == 1
        assert row.locator("td.left del", has_text=re.compile(r"^UN$")).count() == 1
        assert row.locator("td.right ins", has_text=re.compile(r"^U\.N\.$")).count() == 1
        assert row.locator("td.left ins, td.right del").count() == 0
        assert page.locator(".lede del").inner_text() == "cut"  # the key is not turned round
        assert page.title().startswith("Unknown newspaper ↔ Reuters: ")

        page.locator("a.skip").focus()  # the skip link: another anchor leaves the view swapped
        page.keyboard.press("Enter")
        assert page.url.endswith("#main") and sides(page) == after
        page.go_back()
        assert page.url.endswith("#swapped") and sides(page) == after

        page.reload()  # the swapped view is in the address: a link to it opens swapped
        assert sides(page) == after
        page.get_by_role("button", name="Swap sides").click()
        assert page.url == url + PAIR and sides(page) == before
        assert page.console_errors == []
