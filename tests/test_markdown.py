from generator.markdown import markdown_blocks, safe_href


def test_blocks_cover_the_text_in_reading_order():
    text, blocks = markdown_blocks("Title", "Para *one*.\n\n## Sub\n\n> Quoted.\n\n- item\n\n```\ncode\n```\n")
    assert text == "Title\n\nPara one.\n\nSub\n\nQuoted.\n\nitem\n\ncode"
    assert [(b.kind, b.level, text[b.start:b.end]) for b in blocks] == [
        ("title", 0, "Title"), ("paragraph", 0, "Para one."), ("heading", 2, "Sub"),
        ("quote", 0, "Quoted."), ("item", 0, "item"), ("code", 0, "code")]


def test_links_keep_only_safe_targets():
    text, blocks = markdown_blocks("T", "[a](https://x.org) [b](/local) [c](javascript:alert(1)) [d](mailto:x@y.z)")
    links = [(text[i.start:i.end], i.href) for b in blocks for i in b.inlines]
    assert links == [("a", "https://x.org"), ("b", "/local"), ("d", "mailto:x@y.z")]


def test_safe_href_refuses_script_and_data_urls_however_disguised():
    for href in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
                 "vbscript:x"):
        assert safe_href(href) == ""
    assert safe_href("https://example.org/a?b=c") == "https://example.org/a?b=c"
