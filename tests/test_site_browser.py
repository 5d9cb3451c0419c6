"""The built seed site, driven in headless Chromium as a reader would."""
from browser import chromium, search, serve

REWRITE = "articles/rebels-in-aleppo-have-told-the-united-states-they-will-not/"
WIRE = "articles/rebels-defiant-as-syrian-army-nears-aleppos-old-city/"


def test_searching_a_spelling_finds_the_rewrite_and_its_link_opens_the_article(built_seed_site):
    with serve(built_seed_site) as url, chromium() as page:
        page.goto(url + "search/")
        page.fill("#search-q", "Hizbullah")
        page.press("#search-q", "Enter")
        results = page.locator("#search-results a.search-result-title")
        results.first.wait_for()
        hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert "/" + REWRITE in hrefs
        page.locator(f"#search-results a.search-result-title[href='/{REWRITE}']").click()
        page.wait_for_url(url + REWRITE)
        assert page.locator("h1").inner_text().startswith("Rebels in Aleppo have told")
        assert page.console_errors == []


def test_the_article_page_highlights_names_and_figures_and_links_sentences(built_seed_site):
    with serve(built_seed_site) as url, chromium() as page:
        page.goto(url + REWRITE)
        hizbullah = page.locator("a.ent", has_text="Hizbullah")
        assert hizbullah.get_attribute("href") == "/entities/hezbollah/"
        assert page.locator("span.num", has_text="close to 30,000").count() + \
            page.locator("a.num", has_text="close to 30,000").count() == 1
        sentence = page.locator("span.sentence", has_text="The UN Security Council is due to vote")
        sentence.locator("xpath=following-sibling::a[contains(@class, 'counterpart')][1]").click()
        page.wait_for_url(url + WIRE + "#s*")
        target = page.evaluate("location.hash")
        assert page.locator(f"span.sentence{target}").inner_text().startswith(
            "The U.N. Security Council is due to vote")
        assert page.console_errors == []


def test_search_on_the_seed_site_finds_every_spelling_figure_and_abbreviation_in_both_versions(built_seed_site):
    with serve(built_seed_site) as url, chromium() as page:
        page.goto(url + "search/")
        page.locator("#search[data-ready=true]").wait_for(state="attached")
        for query in ["Hizbullah", "Hezbollah", "30,000", "U.N.", "seven-day"]:
            assert sorted(search(page, query)) == sorted(["/" + REWRITE, "/" + WIRE]), query
        assert search(page, "Abu Abdelrahman Nour") == ["/" + REWRITE]
        page.locator(".search-passage mark").first.wait_for()
        marked = {text.casefold() for text in page.locator(".search-snippet mark").all_inner_texts()}
        assert marked and marked <= {"abu", "abdelrahman", "nour", "abu abdelrahman nour"}
        assert page.console_errors == []
