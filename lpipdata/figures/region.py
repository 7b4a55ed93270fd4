"""Figures for the region profile: a map inset, a mini timeline and a network excerpt.

Pure functions from the query frames in :mod:`lpipdata.queries.region` to plotly figures.
Plotly reads a small HTML subset in text and hover labels, so every piece of data text
passes through :func:`plain` first and shows literally.
"""

from __future__ import annotations

import html
import json
import math
from datetime import date

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme

REGION_FILL = theme.TOL_MUTED[1]  # light cyan: no sector uses it, so points on top stay distinct
CONTEXT_FILL, CONTEXT_LINE = "#F2F2F2", "#BDBDBD"
UK_CENTRE, UK_ZOOM = {"lat": 54.6, "lon": -3.4}, 4.0
MAPLIBRE_TILE_PX = 512
LAYOUT_SEED = 7  # a fixed seed keeps the network excerpt's layout the same on every rerun and in the brief
EXCERPT_ORGANISATIONS = 8
LABEL_LIMIT = 28


def plain(text: object, limit: int | None = None) -> str:
    """Data text safe for plotly labels: shortened (before escaping, so no entity is cut) then escaped."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    value = str(text)
    if limit and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return html.escape(value, quote=False)


def scale_colours() -> dict[str, str]:
    """One colour per partnership scale, stable across figures because every scale is always passed."""
    return theme.colour_map(theme.SCALE_ORDER)


# --- map inset ---------------------------------------------------------------------------------

def map_inset(shape: pd.DataFrame, outlines: pd.DataFrame, points: pd.DataFrame, region_name: str,
              width_px: int = 600, height_px: int = 380, presenting: bool = False) -> go.Figure:
    """The region in colour over the UK's ITL1 regions in light grey, with its organisations as points.

    `shape` is region_shapes' row for the region (may be empty), `outlines` the ITL1 boundaries,
    `points` the organisations with coordinates. Drawn with MapLibre on a blank style: no tiles, works offline.
    """
    figure = go.Figure()
    if not outlines.empty:
        figure.add_trace(_context_trace(outlines))
    if not shape.empty:
        figure.add_trace(_region_trace(shape.iloc[0], region_name))
    for sector, group in points.groupby("sector", sort=True):
        figure.add_trace(_points_trace(group, str(sector)))
    centre, zoom = _view(shape, points, width_px, height_px)
    figure.update_layout(
        template=theme.template(presenting), height=height_px, margin=dict(l=0, r=0, t=0, b=0),
        map=dict(style="white-bg", center=centre, zoom=zoom),
        legend=dict(orientation="h", yanchor="bottom", y=0.01, xanchor="left", x=0.01, title_text="Sector"),
    )
    return figure


def outline_map(shape: pd.DataFrame, outlines: pd.DataFrame, points: pd.DataFrame, region_name: str,
                width_px: int = 930, height_px: int = 420) -> go.Figure:
    """The same inset drawn as SVG polygons, for the downloaded brief.

    MapLibre cannot start its worker in a page opened from disk (file://), and WebGL canvases print
    unreliably, so the offline brief draws the outlines on plain axes: longitude scaled by the
    cosine of the central latitude, which keeps shapes true at UK scale.
    """
    centre, _ = _view(shape, points, width_px, height_px)
    squeeze = math.cos(math.radians(centre["lat"]))
    figure = go.Figure()
    if not outlines.empty:
        figure.add_trace(_polygon_trace(outlines["geojson"], squeeze, CONTEXT_FILL, CONTEXT_LINE, 0.8, "ITL1 regions"))
    if not shape.empty:
        figure.add_trace(_polygon_trace(shape["geojson"], squeeze, REGION_FILL, theme.OUTLINE, 1.5, plain(region_name)))
    for sector, group in points.groupby("sector", sort=True):
        figure.add_trace(go.Scatter(x=group["lon"] * squeeze, y=group["lat"], mode="markers", name=plain(sector),
                                    marker=dict(size=9, color=theme.SECTOR_COLOURS.get(str(sector), theme.OUTLINE)),
                                    hovertext=[plain(n) for n in group["name"]],
                                    hovertemplate="%{hovertext}<extra></extra>"))
    x_range, y_range = _outline_ranges(shape, points, squeeze, aspect=width_px / height_px)
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    figure.update_layout(
        template=theme.TEMPLATE, height=height_px, margin=dict(l=0, r=0, t=0, b=0), plot_bgcolor="white",
        xaxis={**hidden, "range": x_range, "constrain": "range"},
        yaxis={**hidden, "range": y_range, "scaleanchor": "x", "scaleratio": 1, "constrain": "range"},
        legend=dict(orientation="h", yanchor="bottom", y=0.01, xanchor="left", x=0.01, title_text="Sector"),
    )
    return figure


def _polygon_trace(geojson_texts, squeeze: float, fill: str, line: str, width: float, name: str) -> go.Scatter:
    """Every ring of the geometries as one filled line trace, rings separated by gaps."""
    xs, ys = [], []
    for text in geojson_texts:
        geometry = json.loads(text)
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for ring in (ring for polygon in polygons for ring in polygon):
            xs += [point[0] * squeeze for point in ring] + [None]
            ys += [point[1] for point in ring] + [None]
    return go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=fill, line=dict(color=line, width=width),
                      name=name, showlegend=False, hoverinfo="skip")


def _outline_ranges(shape: pd.DataFrame, points: pd.DataFrame, squeeze: float, aspect: float,
                    padding: float = 2.2) -> tuple[list[float], list[float]]:
    """Axis ranges around the region (padded), widened on one axis to the figure's width/height ratio."""
    if not shape.empty:
        lons, lats = _coordinates(json.loads(shape.iloc[0]["geojson"]))
    elif not points.empty:
        lons, lats = list(points["lon"]), list(points["lat"])
    else:
        lons, lats = [-8.2, 1.8], [49.9, 60.9]
    half_x = max((max(lons) - min(lons)) * squeeze, 0.1) * padding / 2
    half_y = max(max(lats) - min(lats), 0.1) * padding / 2
    half_x, half_y = max(half_x, half_y * aspect), max(half_y, half_x / aspect)
    mid_x, mid_y = (max(lons) + min(lons)) * squeeze / 2, (max(lats) + min(lats)) / 2
    return [mid_x - half_x, mid_x + half_x], [mid_y - half_y, mid_y + half_y]


def feature_collection(ids, geojson_texts) -> dict:
    """A GeoJSON FeatureCollection from stored geometry texts, each feature keyed by its id."""
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": str(i), "properties": {}, "geometry": json.loads(g)}
                         for i, g in zip(ids, geojson_texts)]}


def _context_trace(outlines: pd.DataFrame) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=feature_collection(outlines["code"], outlines["geojson"]), locations=list(outlines["code"]),
        z=[0] * len(outlines), colorscale=[[0, CONTEXT_FILL], [1, CONTEXT_FILL]], showscale=False,
        marker_line_color=CONTEXT_LINE, marker_line_width=0.8, name="ITL1 regions", showlegend=False,
        hovertext=[plain(n) for n in outlines["name"]], hovertemplate="%{hovertext}<extra></extra>",
    )


def _region_trace(shape: pd.Series, region_name: str) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=feature_collection([shape["region_id"]], [shape["geojson"]]), locations=[str(shape["region_id"])],
        z=[1], colorscale=[[0, REGION_FILL], [1, REGION_FILL]], showscale=False, marker_opacity=0.8,
        marker_line_color=theme.OUTLINE, marker_line_width=1.5, name=plain(region_name), showlegend=False,
        hovertext=[f"{plain(region_name)}<br>{shape['area_km2']:,.0f} km²"],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _points_trace(group: pd.DataFrame, sector: str) -> go.Scattermap:
    labels = [f"<b>{plain(n)}</b><br>{plain(t)} · {plain(p)}"
              for n, t, p in zip(group["name"], group["org_type"], group["place"])]
    # Markers only: text labels on a map would need glyph files from the internet.
    return go.Scattermap(
        lat=group["lat"], lon=group["lon"], mode="markers", name=plain(sector),
        marker=dict(size=10, color=theme.SECTOR_COLOURS.get(sector, theme.OUTLINE)),
        hovertext=labels, hovertemplate="%{hovertext}<extra></extra>",
    )


def _view(shape: pd.DataFrame, points: pd.DataFrame, width_px: int, height_px: int) -> tuple[dict, float]:
    """Centre and zoom that fit the region (or its organisations) with room for neighbours around it."""
    lons, lats = [], []
    if not shape.empty:
        lons, lats = _coordinates(json.loads(shape.iloc[0]["geojson"]))
    elif not points.empty:
        lons, lats = list(points["lon"]), list(points["lat"])
    if not lons:
        return UK_CENTRE, UK_ZOOM
    return ({"lat": (min(lats) + max(lats)) / 2, "lon": (min(lons) + max(lons)) / 2},
            fit_zoom(min(lons), max(lons), min(lats), max(lats), width_px, height_px))


def fit_zoom(lon_min: float, lon_max: float, lat_min: float, lat_max: float,
             width_px: int, height_px: int, padding: float = 2.2) -> float:
    """The MapLibre zoom at which the box, enlarged by `padding`, fits the figure (clamped to 4-9)."""
    lon_span = max(lon_max - lon_min, 0.05) * padding
    merc_span = max(_mercator_y(lat_max) - _mercator_y(lat_min), 0.001) * padding
    zoom_lon = math.log2(width_px * 360 / (MAPLIBRE_TILE_PX * lon_span))
    zoom_lat = math.log2(height_px * 2 * math.pi / (MAPLIBRE_TILE_PX * merc_span))
    return round(min(max(min(zoom_lon, zoom_lat), 4.0), 9.0), 2)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _coordinates(geometry: dict) -> tuple[list[float], list[float]]:
    """All longitudes and latitudes of a (Multi)Polygon geometry."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    points = [point for polygon in polygons for ring in polygon for point in ring]
    return [p[0] for p in points], [p[1] for p in points]


# --- mini timeline -----------------------------------------------------------------------------

MINI_TIMELINE_ROWS = 40  # bars a profile can show before it becomes a long scroll

def mini_timeline(partnerships: pd.DataFrame, events: pd.DataFrame, today: date | None = None,
                  presenting: bool = False) -> go.Figure:
    """Partnership lifespans as bars coloured by scale, one row each, with the region's events above.

    An ongoing partnership (no end) runs to `today`. Partnerships without a founding date cannot
    be placed, and beyond MINI_TIMELINE_ROWS only those with the most members are drawn; a note
    under the chart says how many were left out.
    """
    today = today or date.today()
    dated = partnerships[partnerships["founded_first"].notna()]
    dated = dated.loc[sorted(dated.nlargest(MINI_TIMELINE_ROWS, "members", keep="first").index)].reset_index(drop=True)
    rows = list(range(1, len(dated) + 1))
    figure = go.Figure()
    colours = scale_colours()
    for scale in theme.SCALE_ORDER:
        group = dated[dated["scale"] == scale]
        if not group.empty:
            figure.add_trace(_lifespan_trace(group, [rows[i] for i in group.index], colours[scale], today))
    if not events.empty:
        figure.add_trace(_events_trace(events))
    labels = ["Events"] + [plain(short_name(p.acronym, p.name), LABEL_LIMIT) for p in dated.itertuples()]
    undated = int(partnerships["founded_first"].isna().sum())
    figure.update_layout(
        template=theme.template(presenting), height=110 + 26 * (len(dated) + 1), barmode="overlay",
        xaxis=dict(type="date", showgrid=True, gridcolor="#EEEEEE"),
        yaxis=dict(tickvals=[0] + rows, ticktext=labels, autorange="reversed", showgrid=False, automargin=True),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text="Scale"),
        margin=dict(l=10, r=10, t=40, b=40 if undated else 10),
    )
    left_out = mini_timeline_note(len(partnerships), len(dated), undated)
    if left_out:
        figure.add_annotation(text=left_out, xref="paper", yref="paper", x=0, y=0, yshift=-34,
                              showarrow=False, xanchor="left", font=dict(size=12, color="#555555"))
    return figure


def mini_timeline_note(total: int, drawn: int, undated: int) -> str:
    """What the mini timeline leaves out: undated partnerships, and the smaller ones past the cap."""
    parts = [f"{undated} without a founding date"] if undated else []
    if total - undated > drawn:
        parts.append(f"{total - undated - drawn} dated ones with fewer members (the Timeline view shows them all)")
    return f"Not shown: {'; '.join(parts)}." if parts else ""


def short_name(acronym: object, name: object) -> str:
    """A partnership's acronym when it has one, else its name."""
    return acronym if isinstance(acronym, str) and acronym else str(name)


def _lifespan_trace(group: pd.DataFrame, rows: list[int], colour: str, today: date) -> go.Bar:
    starts = pd.to_datetime(group["founded_first"])
    ends = pd.to_datetime(group["ended_last"]).fillna(pd.Timestamp(today))
    durations = [(end - start).total_seconds() * 1000 for start, end in zip(starts, ends)]
    hover = [f"<b>{plain(p.name)}</b><br>{plain(p.scale)} · founded {plain(p.founded_text)}"
             f"{' · ended ' + plain(p.ended_text) if p.ended_text else ' · no end recorded'}"
             for p in group.itertuples()]
    return go.Bar(y=rows, base=[s.isoformat() for s in starts], x=durations, orientation="h",
                  marker_color=colour, name=plain(group["scale"].iloc[0]), width=0.6,
                  hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")


def _events_trace(events: pd.DataFrame) -> go.Scatter:
    hover = [f"<b>{plain(e.title)}</b><br>{plain(e.date_text)} · {plain(e.kind)}" for e in events.itertuples()]
    return go.Scatter(x=pd.to_datetime(events["date_first"]), y=[0] * len(events), mode="markers", name="Events",
                      marker=dict(symbol="diamond", size=12, color=theme.OKABE_ITO[7]),
                      hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")


# --- network excerpt ---------------------------------------------------------------------------

def excerpt_graph(memberships: pd.DataFrame, organisation_ids: list[str]) -> nx.Graph:
    """The two-mode graph of the given organisations and the partnerships they belong to."""
    graph = nx.Graph()
    for row in memberships[memberships["org_id"].isin(organisation_ids)].itertuples():
        graph.add_node(("organisation", row.org_id), label=row.org_name, kind=row.org_type, group=row.sector)
        graph.add_node(("partnership", row.partnership_id), label=short_name(row.acronym, row.partnership_name),
                       kind=f"{row.partnership_name} ({row.scale})", group=row.scale)
        graph.add_edge(("organisation", row.org_id), ("partnership", row.partnership_id))
    return graph


def network_excerpt(memberships: pd.DataFrame, organisations: pd.DataFrame,
                    limit: int = EXCERPT_ORGANISATIONS, presenting: bool = False) -> go.Figure:
    """The region's `limit` most connected organisations (circles coloured by sector) and the
    partnerships they belong to (grey squares), laid out with a fixed-seed spring layout."""
    graph = excerpt_graph(memberships, list(organisations["org_id"].head(limit)))
    positions = component_layout(graph)
    figure = go.Figure([_edge_trace(graph, positions)])
    partnerships = [n for n in graph.nodes if n[0] == "partnership"]
    figure.add_trace(_node_trace(graph, positions, partnerships, "square", theme.OUTLINE, "partnership"))
    organisations_by_sector: dict[str, list] = {}
    for node in (n for n in graph.nodes if n[0] == "organisation"):
        organisations_by_sector.setdefault(graph.nodes[node]["group"], []).append(node)
    for sector in sorted(organisations_by_sector):
        figure.add_trace(_node_trace(graph, positions, organisations_by_sector[sector], "circle",
                                     theme.SECTOR_COLOURS.get(sector, theme.OUTLINE), f"{plain(sector)} organisation"))
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    figure.update_layout(template=theme.template(presenting), height=460, xaxis={**hidden, "range": _padded(positions, 0)},
                         yaxis={**hidden, "range": _padded(positions, 1)},
                         legend=dict(orientation="h", yanchor="top", y=-0.02, x=0),
                         margin=dict(l=10, r=10, t=10, b=10))
    return figure


def component_layout(graph: nx.Graph, gap: float = 0.6) -> dict:
    """A fixed-seed spring layout per connected component, components placed left to right by size.

    One spring layout of a disconnected graph pushes the components to the corners and crowds
    each of them; laying them out apart keeps every part readable.
    """
    positions: dict = {}
    left = 0.0
    for component in sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(map(str, c)))):
        sub = graph.subgraph(component)
        size = math.sqrt(len(component))  # bigger parts get more room
        layout = nx.spring_layout(sub, seed=LAYOUT_SEED, k=1.4 / size, iterations=200) if len(component) > 1 \
            else {next(iter(component)): (0.0, 0.0)}
        xs = [point[0] for point in layout.values()]
        shift = left - min(xs) * size
        for node, (x, y) in layout.items():
            positions[node] = (shift + x * size, y * size)
        left = max(p[0] for p in positions.values()) + gap
    return positions


def _padded(positions: dict, axis: int, share: float = 0.18) -> list[float] | None:
    """The layout's extent on one axis plus room for the labels that stick out past the outer nodes."""
    values = [point[axis] for point in positions.values()]
    if not values:
        return None
    spread = max(max(values) - min(values), 0.5)
    return [min(values) - spread * share, max(values) + spread * share]


def _edge_trace(graph: nx.Graph, positions: dict) -> go.Scatter:
    xs, ys = [], []
    for a, b in graph.edges:
        xs += [positions[a][0], positions[b][0], None]
        ys += [positions[a][1], positions[b][1], None]
    return go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#BBBBBB", width=1), hoverinfo="skip",
                      showlegend=False)


def _node_trace(graph: nx.Graph, positions: dict, nodes: list, symbol: str, colour: str, name: str) -> go.Scatter:
    hover = [f"<b>{plain(graph.nodes[n]['label'])}</b><br>{plain(graph.nodes[n]['kind'])}"
             f"<br>{graph.degree[n]} link{'s' if graph.degree[n] != 1 else ''}" for n in nodes]
    return go.Scatter(
        x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes], mode="markers+text",
        text=[plain(graph.nodes[n]["label"], LABEL_LIMIT) for n in nodes], textposition="top center",
        textfont=dict(size=12), name=name, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(symbol=symbol, size=[12 + 3 * graph.degree[n] for n in nodes], color=colour,
                    line=dict(color="white", width=1)),
    )
