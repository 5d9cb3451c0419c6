"""The light and dark themes in Chromium: the system's choice, the reader's toggle, remembered."""
from browser import CHROMIUM, CHROMIUM_ARGS, serve

LIGHT, DARK = "rgb(253, 253, 251)", "rgb(22, 22, 22)"


def background(page) -> str:
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor")


def test_the_toggle_overrides_the_system_theme_and_is_remembered(built_seed_site):
    from playwright.sync_api import sync_playwright

    with serve(built_seed_site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        light = browser.new_context(color_scheme="light")
        page = light.new_page()
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(url)
        toggle = page.locator("#theme-toggle")
        assert background(page) == LIGHT and toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
        toggle.click()
        assert background(page) == DARK and toggle.get_attribute("aria-pressed") == "true"
        page.goto(url + "entities/")  # another page of the site, the choice kept
        assert background(page) == DARK and page.get_attribute("html", "data-theme") == "dark"
        page.locator("#theme-toggle").click()
        page.reload()
        assert background(page) == LIGHT and page.get_attribute("html", "data-theme") == "light"

        dark = browser.new_context(color_scheme="dark").new_page()  # no choice made: the system's
        dark.goto(url)
        assert background(dark) == DARK and dark.get_attribute("#theme-toggle", "aria-pressed") == "true"
        assert dark.get_attribute("html", "data-theme") is None
        browser.close()
        assert errors == []
