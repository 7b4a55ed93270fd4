"""A storyboard as one self-contained HTML file: for a USB stick and a venue without wifi.

The file holds the slides in order, each with its title, caption, presenter notes (folded) and
the figures its page draws for the slide's filter state, in the presentation template.
plotly.js is inlined once in the head; nothing is fetched from a network, and the arrow keys
step from slide to slide. All text from the story and the data is escaped with html.escape;
figure data travels as JSON that plotly.io escapes for a script element.

MapLibre maps cannot start their worker in a page opened from disk (file://), so map traces
are redrawn here on plain axes (:func:`offline_figure`), as the region brief does.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date

import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sample_colorscale
from plotly.offline import get_plotlyjs

from lpipdata import compare
from lpipdata import network as net
from lpipdata.figures import compare as compare_charts
from lpipdata.figures import map as map_charts
from lpipdata.figures import network as network_charts
from lpipdata.figures import region as region_charts
from lpipdata.figures import theme
from lpipdata.figures import timeline as timeline_charts
from lpipdata.filters import Filters
from lpipdata.queries import compare as compare_queries
from lpipdata.queries import map as map_queries
from lpipdata.queries import region as region_queries
from lpipdata.queries import timeline as timeline_queries
from lpipdata.queries.home import region_names
from lpipdata.stories import Slide, Story

SlideFigures = Callable[[object, Filters, Mapping[str, str]], list[go.Figure]]
MAP_TRACES = ("choroplethmap", "scattermap")


# --------------------------------------------------------------------------- each view's figures

def network_figures(con, filters: Filters, options: Mapping[str, str]) -> list[go.Figure]:
    """What pages/network.py draws: the whole network, or the selected node's ego network."""
    choice = net.ViewOptions.from_options(dict(options))
    built = net.graphs(con, net.graph_filters(filters))
    analysis = net.analyse(built)
    if analysis.is_empty:
        return []
    selected = net.selected_node(filters)
    drawing = (net.draw_ego(built, choice.mode, selected, choice.steps) if selected and analysis.has(selected)
               else net.draw_network(built, choice.mode))
    nodes, edges = net.visible(analysis.nodes, drawing, choice.min_degree)
    if nodes.empty:
        return []
    return [network_charts.network_figure(nodes, edges, choice.colour_by, choice.size_by, centre=drawing.centre,
                                          presenting=True, height=theme.PRESENT_FIGURE_PX)]


def timeline_figures(con, filters: Filters, options: Mapping[str, str]) -> list[go.Figure]:
    """What pages/timeline.py draws: partnership bars in swimlanes by scale, with events."""
    shared = filters.with_(region=None, org=None, partnership=None)  # as the page: selections do not change it
    bars, events = timeline_queries.partnership_bars(con, shared), timeline_queries.timeline_events(con, shared)
    view = timeline_charts.timeline_view(bars, events, shared, today=date.today(),
                                         colour_by=options.get("colour", "region"),
                                         fit_px=theme.PRESENT_FIGURE_PX)
    return [] if view.empty else [view.figure]


def map_figures(con, filters: Filters, options: Mapping[str, str]) -> list[go.Figure]:
    """What pages/map.py draws: LPIP regions coloured by a measure, organisations as points."""
    status = map_queries.boundary_status(con)
    theme_name = options.get("emphasis") or (filters.themes[0] if filters.themes else "net zero")
    layers = tuple(layer for layer in options.get("layers", "itl1").split(",") if layer in status["layers"])
    view = map_charts.MapView(measure=options.get("measure", map_queries.MEASURES[0]), emphasis_theme=theme_name,
                              layers=layers, colour_by=options.get("colour", "sector"),
                              size_by=options.get("size", "fixed"), basemap="none", presenting=True,
                              selected_region=filters.region, selected_org=filters.org)
    shapes = map_queries.region_geometries(con) if status["has_boundaries"] else None
    return [map_charts.map_figure(map_queries.region_measures(con, filters, theme_name), shapes,
                                  {layer: map_queries.layer_geometries(con, layer) for layer in layers},
                                  map_queries.organisation_points(con, filters), view)]


def region_figures(con, filters: Filters, options: Mapping[str, str]) -> list[go.Figure]:
    """The region profile's charts, as its own offline brief draws them (ui/region.py brief_charts)."""
    if not filters.region:
        return []
    profile = region_queries.region_profile(con, filters, filters.region)
    charts = []
    if profile.has_boundaries and not (profile.shape.empty and profile.points.empty):
        charts.append(region_charts.outline_map(profile.shape, profile.outlines, profile.points, profile.name))
    if not (profile.partnerships.empty and profile.events.empty):
        charts.append(region_charts.mini_timeline(profile.partnerships, profile.events))
    if not profile.memberships.empty:
        charts.append(region_charts.network_excerpt(profile.memberships, profile.organisations))
    return charts


def compare_figures(con, filters: Filters, options: Mapping[str, str]) -> list[go.Figure]:
    """What pages/compare.py draws for two to four regions, section by section."""
    regions, _ = compare.choose_regions(filters.regions, compare_queries.default_regions(con), region_names(con))
    if len(regions) < compare.MIN_REGIONS:
        return []
    scoped = filters.with_(regions=regions)
    measure = options.get("measure", next(iter(compare_charts.MEASURES)))
    sections = {"issues": (compare_queries.issue_profile, lambda frame: compare_charts.issue_heatmap(frame, measure)),
                "scales": (compare_queries.scale_mix, compare_charts.scale_mix),
                "sectors": (compare_queries.sector_mix, compare_charts.sector_mix),
                "network": (compare_queries.network_metrics, compare_charts.network_measures),
                "bridges": (compare_queries.bridge_memberships, compare_charts.bridges),
                "founded": (compare_queries.founded_per_year, compare_charts.founded_per_year)}
    first = options.get("section") if options.get("section") in sections else next(iter(sections))
    order = [first] + [key for key in compare_charts.SECTIONS if key != first]  # the slide's chart leads
    frames = [(sections[key][0](con, scoped), sections[key][1]) for key in order]
    return [build(frame) for frame, build in frames if not frame.empty]


# Page name -> its figures for a slide. Pages without charts (home, evidence) are not listed.
FIGURES: dict[str, SlideFigures] = {
    "map": map_figures, "network": network_figures, "timeline": timeline_figures, "region": region_figures,
    "compare": compare_figures,
}


def slide_figures(con, slide: Slide) -> list[go.Figure]:
    """The slide's figures in the presentation template, drawable from a file on disk."""
    build = FIGURES.get(slide.page)
    if build is None:
        return []
    return [for_projector(offline_figure(figure)) for figure in build(con, slide.filters, dict(slide.options))]


def for_projector(figure: go.Figure) -> go.Figure:
    """The presentation template's large type, with axes given room for it (a builder's fixed
    margins were sized for the normal template)."""
    figure.update_layout(template=theme.PRESENT_TEMPLATE)
    return figure.update_xaxes(automargin=True).update_yaxes(automargin=True)


def export_story(con, story: Story, exported_on: date | None = None) -> str:
    """The storyboard as one HTML document (figures computed from the database `con`)."""
    return story_html(story, [slide_figures(con, slide) for slide in story.slides], exported_on or date.today())


# --------------------------------------------------------------------------- maps on plain axes

def offline_figure(figure: go.Figure) -> go.Figure:
    """`figure` with MapLibre traces redrawn as SVG shapes on plain axes; other figures unchanged.

    Longitude is scaled by the cosine of the map's central latitude, which keeps shapes true
    at UK scale (the same projection as the region brief's outline map).
    """
    if not any(trace.type in MAP_TRACES for trace in figure.data):
        return figure
    centre = figure.layout.map.center.lat if figure.layout.map.center.lat is not None else 54.5
    squeeze = math.cos(math.radians(centre))
    redrawn = go.Figure(layout=figure.layout)
    redrawn.layout.map = None
    for trace in figure.data:
        redrawn.add_traces(_plain_traces(trace, squeeze))
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    return redrawn.update_layout(xaxis=hidden, yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1},
                                 plot_bgcolor="white", dragmode="pan")


def _plain_traces(trace, squeeze: float) -> list:
    if trace.type == "choroplethmap":
        return _choropleth_shapes(trace, squeeze)
    if trace.type == "scattermap":
        return [_plain_points(trace, squeeze)]
    return [trace]


def _plain_points(trace, squeeze: float) -> go.Scatter:
    marker = trace.marker
    return go.Scatter(
        x=[lon * squeeze if lon is not None else None for lon in trace.lon], y=list(trace.lat),
        mode=trace.mode or "markers", marker=dict(size=marker.size, color=marker.color, opacity=marker.opacity),
        text=trace.text, hovertext=trace.hovertext, hovertemplate=trace.hovertemplate, hoverinfo=trace.hoverinfo,
        name=trace.name, showlegend=trace.showlegend, legendgroup=trace.legendgroup, legendrank=trace.legendrank,
        legendgrouptitle=trace.legendgrouptitle.to_plotly_json(), textposition=trace.textposition,
        textfont=trace.textfont.to_plotly_json(),
    )


def _choropleth_shapes(trace, squeeze: float) -> list[go.Scatter]:
    """One filled shape per feature, coloured as the choropleth colours it, plus its colour bar."""
    key = (trace.featureidkey or "id").split(".")
    features = {str(_dig(feature, key)): feature for feature in trace.geojson["features"]}
    colours = _fill_colours(trace)
    texts = list(trace.text) if trace.text is not None else [None] * len(trace.locations)
    shapes = []
    for location, colour, text in zip(trace.locations, colours, texts):
        feature = features.get(str(location))
        if feature is None:
            continue
        xs, ys = _rings(feature["geometry"], squeeze)
        skip = trace.hoverinfo == "skip" or text is None
        shapes.append(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour, opacity=trace.marker.opacity,
            line=dict(color=trace.marker.line.color, width=trace.marker.line.width), name=trace.name,
            showlegend=False, hoveron="fills", hoverinfo="skip" if skip else "text", text=None if skip else text,
        ))
    if trace.showscale is not False and trace.z is not None and len(trace.z):
        shapes.append(_colour_bar(trace))
    return shapes


def _dig(feature: Mapping, path: Sequence[str]):
    for part in path:
        feature = feature.get(part) if isinstance(feature, Mapping) else None
    return feature


def _fill_colours(trace) -> list[str]:
    scale = [list(step) for step in trace.colorscale]
    if len({colour for _, colour in scale}) == 1:  # a one-colour layer (outlines, context)
        return [scale[0][1]] * len(trace.locations)
    values = [float(v) for v in trace.z]
    low = trace.zmin if trace.zmin is not None else min(values)
    high = trace.zmax if trace.zmax is not None else max(values)
    span = (high - low) or 1.0
    return sample_colorscale(scale, [min(1.0, max(0.0, (v - low) / span)) for v in values])


def _colour_bar(trace) -> go.Scatter:
    """An invisible point that carries the choropleth's colour bar."""
    values = [float(v) for v in trace.z]
    return go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                      marker=dict(colorscale=trace.colorscale, cmin=trace.zmin if trace.zmin is not None else min(values),
                                  cmax=trace.zmax if trace.zmax is not None else max(values), color=[values[0]],
                                  showscale=True, colorbar=trace.colorbar.to_plotly_json()))


def _rings(geometry: Mapping, squeeze: float) -> tuple[list, list]:
    """Every ring of a (multi)polygon as one line, rings separated by gaps (each is filled on its own)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs, ys = [], []
    for ring in (ring for polygon in polygons for ring in polygon):
        xs += [float(point[0]) * squeeze for point in ring] + [None]
        ys += [float(point[1]) for point in ring] + [None]
    return xs, ys


# --------------------------------------------------------------------------- the document

def story_html(story: Story, figures: Sequence[Sequence[go.Figure]], exported_on: date) -> str:
    """The whole document; `figures[i]` are slide i's figures (pure: no database, no network)."""
    total = len(story.slides)
    sections = [_slide_section(story, number, slide, figures[number - 1], total)
                for number, slide in enumerate(story.slides, start=1)]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(story.title)}</title>", f"<style>{STYLE}</style>",
        f"<script>{get_plotlyjs()}</script>", "</head>", "<body>",
        _cover(story, exported_on), *sections, f"<script>{KEYS_SCRIPT}</script>", "</body>", "</html>",
    ])


def _cover(story: Story, exported_on: date) -> str:
    return (f'<header class="cover"><h1>{_text(story.title)}</h1>'
            + (f"<p>{_text(story.description)}</p>" if story.description else "")
            + f'<p class="meta">{len(story.slides)} slides · exported {exported_on:%d %b %Y} from the LPIP governance '
            "atlas · use the arrow keys to step through</p></header>")


def _slide_section(story: Story, number: int, slide: Slide, figures: Sequence[go.Figure], total: int) -> str:
    charts = "".join(_figure_div(figure, f"{story.name}-{number}-{index}")
                     for index, figure in enumerate(figures, start=1))
    if not figures:
        charts = (f'<p class="no-figure">This slide shows the {_text(slide.page)} view, which has no chart in this '
                  "export; open its link in the atlas to see it live.</p>")
    return (f'<section class="slide" id="slide-{number}" data-slide="{number}">'
            f'<div class="slide-head"><h2>{_text(slide.title)}</h2>'
            f'<span class="counter">Slide {number} of {total}</span></div>'
            f'<p class="caption">{_text(slide.caption)}</p><div class="figures">{charts}</div>'
            f'<p class="link">In the atlas: <code>{_text(_deep_link(slide))}</code></p>'
            + (f'<details class="notes"><summary>Presenter notes</summary><p>{_text(slide.notes)}</p></details>'
               if slide.notes else "")
            + "</section>")


def _figure_div(figure: go.Figure, name: str) -> str:
    return pio.to_html(figure, include_plotlyjs=False, full_html=False, div_id=f"figure-{name}",
                       config=theme.chart_config(f"lpip-{name}"), default_width="100%")


def _deep_link(slide: Slide) -> str:
    from urllib.parse import urlencode

    query = urlencode(slide.query)
    return f"/{slide.page}" + (f"?{query}" if query else "")


def _text(value: object) -> str:
    return html.escape("" if value is None else str(value))


# Fixed style and script: no data is ever interpolated into these two strings.
STYLE = """
body { margin: 0; font: 20px/1.4 system-ui, 'Source Sans Pro', Arial, sans-serif; color: #000; background: #fff; }
.cover, .slide { box-sizing: border-box; min-height: 100vh; padding: 32px 48px; border-bottom: 2px solid #ccc; }
.cover h1 { font-size: 56px; margin: 20vh 0 16px; }
.slide-head { display: flex; align-items: baseline; justify-content: space-between; gap: 24px; }
.slide h2 { font-size: 44px; margin: 0 0 8px; }
.counter { font-size: 22px; color: #333; white-space: nowrap; }
.caption { font-size: 26px; margin: 0 0 16px; }
.meta, .link { color: #333; font-size: 18px; }
.figures > div { margin-bottom: 16px; }
.notes { font-size: 18px; background: #f4f4f4; padding: 8px 16px; }
.no-figure { font-size: 22px; background: #f4f4f4; padding: 16px; }
@media print { .cover, .slide { page-break-after: always; min-height: auto; } }
"""

KEYS_SCRIPT = """
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll('section.slide'));
  function current() {
    var index = -1;
    slides.forEach(function (slide, i) { if (slide.getBoundingClientRect().top <= 40) { index = i; } });
    return index;
  }
  function go(index) {
    if (index < 0) { window.scrollTo(0, 0); return; }
    if (index < slides.length) { slides[index].scrollIntoView(); history.replaceState(null, '', '#' + slides[index].id); }
  }
  document.addEventListener('keydown', function (event) {
    if (event.target.closest && event.target.closest('input, textarea, select, summary')) { return; }
    var forward = ['ArrowRight', 'PageDown', ' '].indexOf(event.key) >= 0;
    var back = ['ArrowLeft', 'PageUp'].indexOf(event.key) >= 0;
    if (!forward && !back) { return; }
    event.preventDefault();
    go(current() + (forward ? 1 : -1));
  });
})();
"""
