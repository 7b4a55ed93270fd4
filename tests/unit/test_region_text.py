"""Source links in the region profile's Markdown: only http(s), nothing that can break out of the link."""

from __future__ import annotations

import pandas as pd

from ui.region import markdown_link, source_links


def test_markdown_link_only_for_http_and_encodes_what_could_end_it():
    link = markdown_link("GtR (record)", "https://example.org/a (b)/c?x=[1]")
    assert link == "[GtR \\(record\\) ↗](https://example.org/a%20%28b%29/c?x=%5B1%5D)"
    assert "[" not in markdown_link("[x](https://evil.example)", None).replace("\\[", "")
    assert markdown_link("Bad", "javascript:alert(1)") == "Bad"
    assert markdown_link(None, None) == "source"


def test_source_links_name_what_each_source_supports():
    sources = pd.DataFrame([{"source_title": "A", "source_url": "https://a.example", "themes": "net zero",
                             "confidence": "sourced"},
                            {"source_title": "B", "source_url": None, "themes": "culture", "confidence": "inferred"}])
    assert source_links(sources) == "[A ↗](https://a.example) (net zero) · B (culture) · ⚠ inferred"
