"""The offline HTML brief: self-contained, escaped, printable. Built from hand-made frames."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from lpipdata import brief
from lpipdata.figures import region as figures
from lpipdata.queries.region import TABLES, RegionProfile
from tests.unit.test_region_figures import (INJECTED, events_frame, memberships_frame, outlines_frame,
                                            partnerships_frame, points_frame, shape_frame)

SOURCE = "https://gtr.ukri.org/projects?ref=ES%2FZ50239X%2F1"


def frame_for(table: str, **values) -> pd.DataFrame:
    """A one-row frame with every column the table shows, overridable."""
    row = {column: f"{column} text" for column in TABLES[table]}
    row.update(values)
    return pd.DataFrame([row])


def profile(**changes) -> RegionProfile:
    partnerships = partnerships_frame().assign(governance_form="network", members=2, confidence="sourced",
                                               source_url=SOURCE)
    fields = dict(
        region_id="yh",
        header=pd.DataFrame([{"region_id": "yh", "name": "Yorkshire & the Humber", "nation": "England",
                              "lpip_name": "YPIP", "lpip_phase": "1 and 2", "summary": INJECTED,
                              "confidence": "inferred", "source_title": "GtR", "source_url": SOURCE}]),
        facts=pd.DataFrame([{"fact": "Lead organisation", "value": "University of Leeds", "confidence": "unverified",
                             "source_title": "GtR", "source_url": "javascript:alert(1)"}]),
        theme_sources=pd.DataFrame([{"source_title": "GtR", "source_url": SOURCE, "themes": "net zero",
                                     "confidence": "sourced"}]),
        partnerships=partnerships,
        organisations=frame_for("organisations", name=INJECTED, confidence="unverified", source_url=SOURCE,
                                partnerships=1).assign(org_id="o2"),
        issues=frame_for("issues", theme="net zero", source_url=SOURCE, confidence="sourced"),
        events=events_frame().assign(partnership="YPIP", confidence="sourced", source_url=SOURCE),
        memberships=memberships_frame(),
        shape=shape_frame(), outlines=outlines_frame(), points=points_frame(),
        sources=frame_for("sources", title=INJECTED, url=SOURCE, published_text="Feb 2024", citations=3),
        has_boundaries=True,
    )
    return RegionProfile(**{**fields, **changes})


def charts(data: RegionProfile) -> dict:
    return {"map": figures.outline_map(data.shape, data.outlines, data.points, data.name),
            "timeline": figures.mini_timeline(data.partnerships, data.events, today=date(2026, 1, 1)),
            "network": figures.network_excerpt(data.memberships, pd.DataFrame({"org_id": ["o1", "o2"]}))}


@pytest.fixture(scope="module")
def html_text() -> str:
    data = profile()
    return brief.region_brief(data, charts(data), "25 Nov 2026", "3 partnerships in Yorkshire & the Humber")


def test_plotly_js_is_inlined_once_and_nothing_loads_from_the_network(html_text):
    assert html_text.count("plotly.js v") >= 1  # the library's own banner comment
    assert len(re.findall(r"<script[^>]*>", html_text)) >= 4
    assert not re.search(r"<script[^>]+src=", html_text, flags=re.I)
    assert not re.search(r"<link[^>]+href=", html_text, flags=re.I)
    assert "cdn.plot.ly/plotly" not in html_text  # the CDN build of plotly.js is never referenced
    assert html_text.count("window.PlotlyConfig") == 1  # the library is included with the first chart only


def test_all_three_charts_are_drawn(html_text):
    for name in ("map", "timeline", "network"):
        assert f'id="brief-{name}"' in html_text


def test_every_section_is_present(html_text):
    for title in ("Summary", "LPIP facts", "Where it is", "Partnerships by scale", "Key organisations", "Issues",
                  "Timeline", "Events", "Network excerpt", "Sources used"):
        assert f"<h2>{title}</h2>" in html_text
    assert "<h3>Local (1)</h3>" in html_text and "<h3>Region (1)</h3>" in html_text


def test_data_text_is_escaped_everywhere(html_text):
    assert "<script>alert(1)</script>" not in html_text
    assert "<b>Bold</b>" not in html_text
    assert "&lt;b&gt;Bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html_text
    assert "Yorkshire &amp; the Humber" in html_text
    assert 'href="https://example.com"' not in html_text


def test_only_http_links_open_in_a_new_tab(html_text):
    assert "javascript:alert" not in html_text
    assert 'href="https://gtr.ukri.org/projects?ref=ES%2FZ50239X%2F1" target="_blank" rel="noopener noreferrer"' \
        in html_text
    assert "no web address" in html_text


def test_confidence_flags_are_visible(html_text):
    assert '<span class="flag">⚠ unverified</span>' in html_text
    assert "confidence: <span class=\"flag\">⚠ inferred</span>" in html_text


def test_print_css_is_included(html_text):
    assert "@media print" in html_text and "@page" in html_text
    assert "break-inside: avoid" in html_text
    assert 'addEventListener("beforeprint"' in html_text


def test_missing_map_shows_the_note_and_plotly_comes_with_the_next_chart():
    data = profile(has_boundaries=False)
    html_text = brief.region_brief(data, {**charts(data), "map": None}, "today", "all", map_note="No boundaries.")
    assert "No boundaries." in html_text
    assert 'id="brief-map"' not in html_text
    assert html_text.index("window.PlotlyConfig") < html_text.index('id="brief-timeline"')


def test_empty_profile_still_makes_a_readable_brief():
    empty = profile(partnerships=partnerships_frame().iloc[0:0], organisations=frame_for("organisations").iloc[0:0],
                    issues=frame_for("issues").iloc[0:0], events=frame_for("events").iloc[0:0],
                    memberships=memberships_frame().iloc[0:0], sources=frame_for("sources").iloc[0:0])
    html_text = brief.region_brief(empty, {"map": None, "timeline": None, "network": None}, "today", "none")
    assert "No partnerships match these filters" in html_text
    assert "No sources recorded." in html_text
    assert "plotly" not in html_text.lower()


def test_core_themes_from_several_sources_are_listed_with_links():
    sources = pd.DataFrame([{"source_title": "GtR", "source_url": SOURCE, "themes": "net zero",
                             "confidence": "sourced"},
                            {"source_title": INJECTED, "source_url": None, "themes": "culture",
                             "confidence": "inferred"}])
    facts = pd.DataFrame([{"fact": "Core themes", "value": "net zero, culture", "confidence": "inferred",
                           "source_title": "2 sources", "source_url": None}])
    data = profile(theme_sources=sources, facts=facts)
    html_text = brief.region_brief(data, {"map": None, "timeline": None, "network": None}, "today", "all")
    assert "several, listed below" in html_text
    assert "<li>net zero: GtR (<a href=" in html_text
    assert "<li>culture: &lt;b&gt;Bold" in html_text and "<script>alert" not in html_text


def test_missing_values_read_not_sourced():
    assert brief.text(None) == brief.text(float("nan")) == brief.text("") == '<span class="note">not sourced</span>'
    assert brief.text("a < b") == "a &lt; b"
