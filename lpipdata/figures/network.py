"""The network figure: points for organisations (circles) and partnerships (diamonds), edges as
lines, text labels for the most central nodes.

Large graphs draw with WebGL (`Scattergl`), which keeps panning smooth with thousands of nodes
and edges; small ones as SVG, which appears sooner (see WEBGL_FROM). Either reports clicks to
Streamlit like any scatter trace. Every name from the data is HTML-escaped, because plotly
renders a subset of HTML in hover text, labels and legends.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme

ORG, PARTNERSHIP = "organisation", "partnership"
SYMBOLS = {ORG: "circle", PARTNERSHIP: "diamond"}
PARTNERSHIP_COLOUR = "#4D4D4D"
EDGE_COLOURS = ("rgba(120,120,120,0.35)", "rgba(60,60,60,0.7)")
MAX_COLOURED_GROUPS = len(theme.CATEGORICAL)
LABEL_LENGTH = 32
SIZE_RANGE = {ORG: (6, 24), PARTNERSHIP: (8, 24)}
CATEGORY_COLUMNS = {"sector": "sector", "org_type": "org_type", "region": "region_name", "community": "community"}


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, colour_by: str, size_by: str, *,
                   centre: str | None = None, label_count: int = 14, presenting: bool = False,
                   height: int = 560) -> go.Figure:
    """The graph from `lpipdata.network.visible` frames (x, y, kind, label, metrics...)."""
    categories = colour_categories(nodes, colour_by)
    colours = category_colours(categories)
    categories = pd.Series([c if c in colours else "other" for c in categories], index=nodes.index)
    sizes = marker_sizes(nodes, size_by)
    webgl = len(nodes) + len(edges) >= WEBGL_FROM
    figure = go.Figure()
    for trace in edge_traces(edges, webgl):
        figure.add_trace(trace)
    groups = dict(tuple(nodes.assign(size=sizes).groupby(categories, sort=False)))
    for category, colour in colours.items():
        figure.add_trace(node_trace(groups[category], groups[category]["size"], category, colour, webgl))
    if colour_by in ("region", "community"):
        figure.add_traces(shape_legend(nodes))
    scale = PixelScale.for_height(height)
    chosen = labels_for(nodes.assign(size=sizes), size_by, label_count, centre)
    font_size = 19 if presenting else 12
    figure.add_trace(label_trace(place_labels(chosen, scale, font_size), font_size))
    if centre is not None and centre in set(nodes["node"]):
        figure.add_trace(centre_ring(nodes[nodes["node"] == centre], sizes[nodes["node"] == centre]))
    figure.update_layout(
        template=theme.template(presenting), height=height, dragmode="pan", hovermode="closest",
        margin=dict(l=5, r=5, t=30, b=5), uirevision=str(centre),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title_text="", itemsizing="constant"),
        xaxis=dict(visible=False, range=list(X_RANGE)), yaxis=dict(visible=False, range=list(Y_RANGE)),
    )
    return figure


# Below this many nodes and edges SVG draws sooner than a WebGL context starts, above all on a
# laptop without a GPU driving a projector; above it only WebGL keeps panning smooth.
WEBGL_FROM = 1500

# Layout positions lie in [-1, 1]; the ranges leave room for labels above the top nodes.
X_RANGE = (-1.12, 1.12)
Y_RANGE = (-1.08, 1.12)
ASSUMED_PLOT_WIDTH = 820  # px: the main column at 1280 px wide; wider screens only add room


@dataclass(frozen=True)
class PixelScale:
    """Layout units per screen pixel, to keep labels off their markers and off each other."""

    x: float
    y: float

    @classmethod
    def for_height(cls, height: int) -> PixelScale:
        return cls(x=(X_RANGE[1] - X_RANGE[0]) / ASSUMED_PLOT_WIDTH, y=(Y_RANGE[1] - Y_RANGE[0]) / (height - 35))


def colour_categories(nodes: pd.DataFrame, colour_by: str) -> pd.Series:
    """The legend group of each node; partnerships have no sector or type, so they get their own."""
    by_kind = colour_by in ("sector", "org_type")
    values = [_category(kind, value, colour_by, by_kind) for kind, value
              in zip(nodes["kind"].tolist(), nodes[CATEGORY_COLUMNS[colour_by]].tolist())]
    return pd.Series(values, index=nodes.index, dtype=object)


def _category(kind: str, value, colour_by: str, by_kind: bool) -> str:
    if by_kind and kind != ORG:
        return "Partnership"
    text = "" if value is None or pd.isna(value) else str(value)
    if colour_by == "community" and text not in ("", "0"):
        return f"Community {text}"
    return text if text and text != "0" else "not recorded"


def category_colours(categories: pd.Series) -> dict[str, str]:
    """A colour per category, the largest groups first; past the palette's length the
    rest share one grey 'other' so no two groups share a colour."""
    counts = categories.value_counts()
    order = sorted(counts.index, key=lambda c: (c == "Partnership", -counts[c], c))
    palette = theme.colour_map([c for c in order if c != "Partnership"][:MAX_COLOURED_GROUPS])
    colours = {c: palette[c] for c in order if c in palette}
    if len(order) > len(colours) + ("Partnership" in counts.index):
        colours["other"] = theme.NO_DATA
    if "Partnership" in counts.index:
        colours["Partnership"] = PARTNERSHIP_COLOUR
    return colours


def marker_sizes(nodes: pd.DataFrame, size_by: str) -> pd.Series:
    """Marker diameter in pixels by the chosen metric, scaled within each kind of node
    (area grows with the value). Partnerships are sized by their number of members."""
    sizes = np.zeros(len(nodes))
    kinds = nodes["kind"].to_numpy(dtype=object)
    for kind, column in ((ORG, size_by), (PARTNERSHIP, "members")):
        mask = kinds == kind
        values = pd.to_numeric(nodes[column], errors="coerce").to_numpy(dtype=float, na_value=0.0)[mask]
        low, high = SIZE_RANGE[kind]
        span = np.ptp(values) if len(values) else 0.0
        scaled = np.sqrt((values - values.min()) / span) if span else np.full(len(values), 0.35)
        sizes[mask] = low + (high - low) * scaled
    return pd.Series(sizes, index=nodes.index)


def edge_traces(edges: pd.DataFrame, webgl: bool = True) -> list[go.Scattergl | go.Scatter]:
    """Edges as two line traces: single ties faint, repeated ties (weight > 1) darker."""
    traces = []
    for strong, colour in zip((False, True), EDGE_COLOURS):
        part = edges[(edges["weight"] > 1) == strong]
        if part.empty:
            continue
        gaps = np.full(len(part), np.nan)
        xs = np.column_stack([part["x0"].to_numpy(float), part["x1"].to_numpy(float), gaps]).ravel()
        ys = np.column_stack([part["y0"].to_numpy(float), part["y1"].to_numpy(float), gaps]).ravel()
        traces.append(_scatter(webgl)(x=xs, y=ys, mode="lines", line=dict(width=2.2 if strong else 0.8, color=colour),
                                   hoverinfo="skip", showlegend=False, name="ties", meta="ties"))
    return traces


def _scatter(webgl: bool) -> type[go.Scattergl] | type[go.Scatter]:
    return go.Scattergl if webgl else go.Scatter


def node_trace(nodes: pd.DataFrame, sizes: pd.Series, category: str, colour: str,
               webgl: bool = True) -> go.Scattergl | go.Scatter:
    # Plain lists and arrays: plotly validates pandas (Arrow-backed) columns many times slower.
    return _scatter(webgl)(
        x=nodes["x"].to_numpy(float), y=nodes["y"].to_numpy(float), mode="markers", name=escape(category),
        customdata=nodes["node"].tolist(), meta="nodes",
        marker=dict(size=sizes.to_numpy(float), color=colour, symbol=[SYMBOLS[k] for k in nodes["kind"]],
                    line=dict(width=1, color="white"), opacity=0.95),
        hovertext=[hover_text(row) for row in nodes.to_dict("records")], hoverinfo="text",
    )


def hover_text(row: dict) -> str:
    """Name, type, region and metric values; data text escaped."""
    name = f"<b>{escape(row['label'])}</b>"
    if row["kind"] == PARTNERSHIP:
        lines = [name, f"Partnership · {escape(row['scale'])} scale", f"Region: {escape(row['region_name'])}",
                 f"Members: {row['members']} ({escape(row['sector_mix'])})",
                 f"Betweenness: {row['betweenness']:.3f} · Community {row['community']}"]
    else:
        lines = [name, f"{escape(row['org_type'])} · {escape(row['sector'])}",
                 f"Home region: {escape(row['region_name'])}",
                 f"Partnerships: {row['partnerships']} · Partners: {row['degree']} · "
                 f"Shared partnerships: {row['weighted_degree']}",
                 f"Betweenness: {row['betweenness']:.3f} · PageRank: {row['pagerank']:.3f}",
                 f"Regions spanned: {row['regions_spanned']} · Scales spanned: {row['scales_spanned']}",
                 f"Community {row['community']}"]
    return "<br>".join(lines)


def labels_for(nodes: pd.DataFrame, size_by: str, count: int, centre: str | None) -> pd.DataFrame:
    """The nodes worth a label, most important first: the ego centre, then the organisations
    highest on the chosen metric, then the largest partnerships (a third of the labels)."""
    top_parts = _top(nodes[nodes["kind"] == PARTNERSHIP], "members", count // 3)
    top_orgs = _top(nodes[nodes["kind"] == ORG], size_by, count - len(top_parts))
    chosen = pd.concat([nodes[nodes["node"] == centre], top_orgs, top_parts])
    return chosen.drop_duplicates("node")


def _top(nodes: pd.DataFrame, column: str, count: int) -> pd.DataFrame:
    ranked = nodes.assign(rank=pd.to_numeric(nodes[column], errors="coerce").astype(float))
    return ranked.sort_values(["rank", "label"], ascending=[False, True]).head(count)


def short(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else label[:LABEL_LENGTH - 1] + "…"


def place_labels(chosen: pd.DataFrame, scale: PixelScale, font_size: int = 12) -> pd.DataFrame:
    """Each label just above its marker, skipping any that would overlap a more important
    label or run off the plot. Columns: node, text, x, y."""
    placed, boxes = [], []
    char_width, line_height = 0.55 * font_size, 1.3 * font_size
    for row in chosen.itertuples():
        text = short(row.label)
        half_width = len(text) * char_width / 2 * scale.x
        bottom = row.y + (row.size / 2 + 2) * scale.y
        box = (row.x - half_width, bottom, row.x + half_width, bottom + line_height * scale.y)
        off_plot = box[0] < X_RANGE[0] or box[2] > X_RANGE[1] or box[3] > Y_RANGE[1]
        if off_plot or any(_overlap(box, other) for other in boxes):
            continue
        boxes.append(box)
        placed.append({"node": row.node, "text": escape(text), "x": row.x, "y": bottom})
    return pd.DataFrame(placed, columns=["node", "text", "x", "y"])


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_trace(labels: pd.DataFrame, font_size: int = 12) -> go.Scatter:
    """Labels as SVG text (crisper than WebGL text), anchored at their bottom centre."""
    return go.Scatter(
        x=labels["x"].to_numpy(float), y=labels["y"].to_numpy(float), mode="text", text=labels["text"].tolist(),
        textposition="top center",
        textfont=dict(size=font_size, color="#1A1A1A", shadow="0 0 3px white, 0 0 3px white"),
        customdata=labels["node"].tolist(), cliponaxis=False,
        hoverinfo="skip", showlegend=False, name="labels",
    )


def centre_ring(centre: pd.DataFrame, size: pd.Series) -> go.Scatter:
    return go.Scatter(x=centre["x"].to_numpy(float), y=centre["y"].to_numpy(float), mode="markers",
                      customdata=centre["node"].tolist(), hoverinfo="skip",
                      marker=dict(size=(size + 12).to_numpy(float), symbol="circle-open", color="#000000",
                                  line=dict(width=3)),
                      showlegend=False, name="selected")


def shape_legend(nodes: pd.DataFrame) -> list[go.Scatter]:
    """Legend entries explaining the two marker shapes (only when both kinds are drawn)."""
    if nodes["kind"].nunique() < 2:
        return []
    return [go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup="shapes",
                       marker=dict(symbol=SYMBOLS[kind], size=10, color="white", line=dict(width=1.5, color="#1A1A1A")))
            for kind, name in ((ORG, "organisation"), (PARTNERSHIP, "partnership (size: members)"))]
