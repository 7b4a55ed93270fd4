"""The region profile as one self-contained HTML file: it opens offline and prints cleanly.

Pure: it turns a :class:`~lpipdata.queries.region.RegionProfile` and its figures into a string.
plotly.js is inlined once (no CDN), every piece of data text is escaped with ``html.escape``,
and links from the data are kept only when they are http(s) addresses.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from lpipdata.figures import theme
from lpipdata.queries.region import RegionProfile, confidence_label, display_table
from lpipdata.safe import safe_url

CHART_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}
CHART_TITLES = {"map": "Where it is", "timeline": "Timeline", "network": "Network excerpt"}
NO_VALUE = "not sourced"

STYLE = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --flag: #8a4b00; }
* { box-sizing: border-box; }
body { font-family: "Source Sans Pro", Arial, sans-serif; color: var(--ink); margin: 0 auto; padding: 24px;
       max-width: 980px; line-height: 1.45; font-size: 15px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 28px 0 8px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 16px 0 6px; } .lede { font-size: 17px; margin: 0 0 6px; }
.meta, .note, .source-note { color: var(--muted); font-size: 13px; }
.flag { color: var(--flag); font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 4px 0 10px; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--rule); }
th { background: #f4f4f4; }
a { color: #0b57a4; }
.chart { width: 100%; margin: 6px 0 12px; }
ol.sources li { margin-bottom: 4px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  section, .chart, tr { break-inside: avoid; }
  table { font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
  ol.sources a[href]::after { content: " <" attr(href) ">"; font-size: 8pt; color: var(--muted);
                              word-break: break-all; }
}
"""

# Plotly sizes responsive charts to the window; printing changes the page width, so resize first.
PRINT_RESIZE = """<script>
window.addEventListener("beforeprint", function () {
  document.querySelectorAll(".js-plotly-plot").forEach(function (chart) { Plotly.Plots.resize(chart); });
});
</script>"""


def region_brief(profile: RegionProfile, charts: Mapping[str, go.Figure | None], generated_on: str,
                 filter_sentence: str, map_note: str = "") -> str:
    """The whole brief as HTML text.

    `charts` maps "map", "timeline" and "network" to figures (None leaves a chart out);
    `map_note` explains a missing map; `filter_sentence` says what the profile shows.
    """
    header = profile.header.iloc[0] if not profile.header.empty else pd.Series(dtype=object)
    # plotly.js goes inline once, with the first chart drawn; the others reuse it.
    first = next((name for name in CHART_TITLES if charts.get(name) is not None), None)
    body = [
        _heading(profile.name, header, generated_on, filter_sentence),
        _summary(header),
        _section("LPIP facts", _facts(profile)),
        _chart_section("map", charts, first == "map", missing=map_note or "No map available."),
        _section("Partnerships by scale", _partnerships(profile.partnerships)),
        _section("Key organisations", _table(display_table(profile.organisations, "organisations"),
                                             empty="No memberships recorded for these partnerships.")),
        _section("Issues", _table(display_table(profile.issues, "issues"), empty="No issues recorded.")),
        _chart_section("timeline", charts, first == "timeline"),
        _section("Events", _table(display_table(profile.events, "events"), empty="No dated events recorded.")),
        _chart_section("network", charts, first == "network"),
        _section("Sources used", _sources(profile.sources)),
    ]
    title = html.escape(f"{profile.name}: region profile")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(body)
            + f"\n{PRINT_RESIZE if first else ''}\n</body></html>\n")


def text(value: object) -> str:
    """Escaped data text; missing values read 'not sourced'."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return f'<span class="note">{NO_VALUE}</span>'
    return html.escape(str(value))


def link(url: object, label: str = "source") -> str:
    """A link that opens in a new tab, or a note when the source has no web address."""
    target = safe_url(url)
    if not target:
        return '<span class="note">no web address</span>'
    return f'<a href="{html.escape(target)}" target="_blank" rel="noopener noreferrer">{html.escape(label)}</a>'


def flagged(confidence: object) -> str:
    label = confidence_label(confidence if isinstance(confidence, str) else None) or "sourced"
    return f'<span class="flag">{html.escape(label)}</span>' if label.startswith("⚠") else html.escape(label)


def _heading(name: str, header: pd.Series, generated_on: str, filter_sentence: str) -> str:
    lpip = header.get("lpip_name")
    return (f"<header><h1>{html.escape(name)}</h1>"
            + (f'<p class="lede">{text(lpip)}</p>' if isinstance(lpip, str) and lpip else "")
            + f'<p class="meta">Region profile from the LPIP governance atlas · generated {html.escape(generated_on)}'
            f" · {html.escape(filter_sentence)}</p></header>")


def _summary(header: pd.Series) -> str:
    if header.empty:
        return ""
    return _section("Summary", f"<p>{text(header.get('summary'))}</p>"
                    f'<p class="source-note">Source: {text(header.get("source_title"))} '
                    f"({link(header.get('source_url'))}) · confidence: {flagged(header.get('confidence'))}</p>")


def _facts(profile: RegionProfile) -> str:
    """The facts table; when several sources name the core themes, they are listed under it."""
    shown = display_table(profile.facts, "facts")
    several = len(profile.theme_sources) > 1
    cells = [[_fact_cell(column, value, sources_below=several and row["Fact"] == "Core themes")
              for column, value in row.items()] for _, row in shown.iterrows()]
    table = _table(shown, empty="No LPIP facts recorded.", cells=cells)
    if not several:
        return table
    items = "".join(f"<li>{text(row.themes)}: {text(row.source_title)} ({link(row.source_url)}) · "
                    f"{flagged(row.confidence)}</li>" for row in profile.theme_sources.itertuples())
    return table + f'<p class="source-note">Core themes are named by these sources:</p><ul>{items}</ul>'


def _fact_cell(column: str, value: object, sources_below: bool) -> str:
    if sources_below and column == "Source":
        return '<span class="note">several, listed below</span>'
    return _cell(column, value)


def _section(title: str, content: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>{content}</section>"


def _table(frame: pd.DataFrame, empty: str, cells: list[list[str]] | None = None) -> str:
    """An HTML table of a display frame; 'Source'/'Link' cells become links, 'Confidence' cells flags.
    `cells` may give the rendered cells instead (already escaped)."""
    if frame.empty:
        return f'<p class="note">{html.escape(empty)}</p>'
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    cells = cells or [[_cell(column, value) for column, value in row.items()] for _, row in frame.iterrows()]
    rows = ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in cells]
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cell(column: str, value: object) -> str:
    if column in ("Source", "Link"):
        return link(value)
    if column == "Confidence":
        return f'<span class="flag">{html.escape(str(value))}</span>' if str(value).startswith("⚠") else text(value)
    return text(value)


def _partnerships(partnerships: pd.DataFrame) -> str:
    if partnerships.empty:
        return '<p class="note">No partnerships match these filters in this region.</p>'
    parts = []
    for scale in theme.SCALE_ORDER:
        group = partnerships[partnerships["scale"] == scale]
        if not group.empty:
            table = display_table(group, "partnerships").drop(columns="Scale")
            parts.append(f"<h3>{html.escape(scale.capitalize())} ({len(group)})</h3>" + _table(table, empty=""))
    return "".join(parts)


def _chart_section(name: str, charts: Mapping[str, go.Figure | None], plotly_js: bool, missing: str = "") -> str:
    figure = charts.get(name)
    if figure is None:
        return _section(CHART_TITLES[name], f'<p class="note">{html.escape(missing)}</p>') if missing else ""
    div = pio.to_html(figure, include_plotlyjs=plotly_js, full_html=False, config=CHART_CONFIG,
                      default_width="100%", div_id=f"brief-{name}")
    return _section(CHART_TITLES[name], f'<div class="chart">{div}</div>')


def _sources(sources: pd.DataFrame) -> str:
    if sources.empty:
        return '<p class="note">No sources recorded.</p>'
    items = []
    for row in sources.itertuples():
        published = f", {html.escape(row.published_text)}" if row.published_text else ""
        publisher = f" ({text(row.publisher)})" if isinstance(row.publisher, str) and row.publisher else ""
        items.append(f"<li><strong>{text(row.title)}</strong>{publisher}{published} · {text(row.kind)} · "
                     f"cited by {text(row.cited_by)} · {link(row.url, 'open')}</li>")
    return f'<ol class="sources">{"".join(items)}</ol>'
