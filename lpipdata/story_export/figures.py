"""Each view's figures for a slide: what its page draws for the slide's filter state and options,
in the presentation template and drawable from a file on disk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import plotly.graph_objects as go

from lpipdata import compare
from lpipdata.compare_sections import SECTIONS, shown_first
from lpipdata import network as net
from lpipdata.figures import compare as compare_charts
from lpipdata.figures import map as map_charts
from lpipdata.figures import network as network_charts
from lpipdata.figures import region as region_charts
from lpipdata.figures import theme
from lpipdata.figures import timeline as timeline_charts
from lpipdata.filters import Filters
from lpipdata.multilevel import view as multilevel_view
from lpipdata.patterns import request as patterns_request
from lpipdata.patterns.view import patterns_view
from lpipdata.queries import compare as compare_queries
from lpipdata.queries import map as map_queries
from lpipdata.queries import region as region_queries
from lpipdata.queries import timeline as timeline_queries
from lpipdata.queries.home import region_names
from lpipdata.schema import load_schema
from lpipdata.stories.model import Slide
from lpipdata.story_export.offline import offline_figure

SlideFigures = Callable[[object, Filters, Mapping[str, str]], list[go.Figure]]


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
    view = map_charts.MapView.from_options(filters, {**options, "basemap": "none"}, "net zero", status["layers"],
                                           presenting=True)  # no street map: it needs the internet
    shapes = map_queries.region_geometries(con) if status["has_boundaries"] else None
    return [map_charts.map_figure(map_queries.region_measures(con, filters, view.emphasis_theme), shapes,
                                  {layer: map_queries.layer_geometries(con, layer) for layer in view.layers},
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
    sections = [SECTIONS[key] for key in shown_first(options.get("section"))]  # the slide's chart leads
    frames = [(section, section.query(con, scoped)) for section in sections]
    return [section.figure(frame, measure) for section, frame in frames if not frame.empty]


def patterns_figures(con, filters: Filters, options: Mapping[str, str]) -> list[go.Figure]:
    """What pages/patterns.py draws on a slide: the case-by-condition matrix. An exported file may
    travel, so it never uses restricted evidence."""
    request = patterns_request.parse(options, patterns_request_dimensions())
    view = patterns_view(con, filters, request, public_only=True, presenting=True)
    return [] if view.result.reason else [view.figure]


def multilevel_figures(con, filters: Filters, options: Mapping[str, str]) -> list[go.Figure]:
    """What pages/multilevel.py draws on a slide: the ladder on the slide's as-of day (none when there
    is no ladder to draw: no partnership, or all on one level)."""
    past = multilevel_view.history(con, filters, date.today())
    ladder = multilevel_view.step_view(con, filters, past, presenting=True, fit_px=theme.PRESENT_FIGURE_PX)
    return [] if ladder.figure is None else [ladder.figure]


def patterns_request_dimensions() -> tuple[str, ...]:
    return load_schema().table("codes").field("dimension").enum


# Page name -> its figures for a slide. Pages without charts (home, evidence) are not listed.
FIGURES: dict[str, SlideFigures] = {
    "map": map_figures, "network": network_figures, "timeline": timeline_figures, "region": region_figures,
    "compare": compare_figures, "patterns": patterns_figures, "multilevel": multilevel_figures,
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
