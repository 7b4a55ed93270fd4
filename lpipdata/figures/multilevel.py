"""The multilevel view's figures: the ladder of scales, its measures over time, and Compare's chart.

The ladder draws every partnership as a point on its scale's rung, in its region's band, and every
pair of partnerships on different levels that share member organisations as a curve between them
(wider for more shared members). Curves bow sideways so that a link between distant levels does
not run through the partnerships of the rungs in between.

Clicks: Streamlit reports clicks on scatter points, not on lines, so each link has a small diamond
handle at its middle that carries the click and the hover text (the shared members' names).
Every clickable point has ``customdata = [kind, id, ...]``: ['partnership', id] or
['link', lower_id, upper_id]. Plotly renders hover text as HTML, so every value from the data is
escaped.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lpipdata import dates
from lpipdata.figures import theme
from lpipdata.figures.compare import region_colours as compare_colours
from lpipdata.multilevel.ladder import Placement

# Okabe & Ito without its yellow (too light for points on white) and black (the links' colour), then
# Tol's muted scheme with its pale cyan, sand and rose last, so that neighbouring regions in a long
# list still get hues that tell apart.
REGION_PALETTE = (*(c for c in theme.OKABE_ITO if c not in ("#F0E442", "#000000")),
                  "#332288", "#999933", "#882255", "#117733", "#AA4499", "#44AA99", "#88CCEE", "#DDCC77", "#CC6677")
LINK_COLOUR = "#4D4D4D"
SELECTED = "#D55E00"
RUNG_FILL = "#F3F5F8"
CURVE_POINTS = 16
MAX_LABELS = 80
LABEL_CHARS = 18
SHORT_LABEL_CHARS = 10  # the fallback where a full label does not fit
WEIGHT_BUCKETS = ((1, 1, 1.2), (2, 2, 2.4), (3, 4, 3.6), (5, 10**9, 5.0))  # (from, to, line width)
OPEN_CONFIDENCE = ("inferred", "unverified")
LEGEND = ("Each point is a partnership on its scale's rung, in its region's band (oldest on the left). A curve joins "
          "two partnerships on different levels that share member organisations; it is wider for more of them. "
          "Hover a diamond for the shared members; click a point or a diamond for members and sources. "
          "An open point is an inferred or unverified record.")


@dataclass(frozen=True)
class Sizes:
    rung_px: int
    node: int
    font: int
    handle: tuple[int, int]  # the smallest and largest link handle
    width_px: int  # the plot's likely width, to judge which labels fit


# width_px is on the low side of what the plot area gets (the chart column at 1280x720, less the
# rung names), so that labels judged to fit do fit; on wider screens they merely have more room.
NORMAL = Sizes(rung_px=58, node=13, font=11, handle=(7, 13), width_px=480)
PRESENTING = Sizes(rung_px=84, node=18, font=15, handle=(10, 18), width_px=560)
CHAR_EM = 0.62  # a character's width as a share of the font size (names are mostly lower case)


def region_colours(region_ids) -> dict[str, str]:
    """A colour per region, stable for a given set of regions (sorted ids)."""
    ordered = sorted({str(r) for r in region_ids})
    return {region: REGION_PALETTE[i % len(REGION_PALETTE)] for i, region in enumerate(ordered)}


def _esc(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value))


def short_name(name: object, acronym: object, limit: int = LABEL_CHARS) -> str:
    """A label: the name, or its acronym when the name is long; cut to `limit` characters."""
    name, acronym = _esc(name), _esc(acronym)
    text = acronym if len(html.unescape(name)) > limit and acronym else name
    plain = html.unescape(text)
    return html.escape(plain if len(plain) <= limit else plain[: limit - 1] + "…")


def scale_label(scale: str) -> str:
    return scale if scale[:1].isupper() else scale[:1].upper() + scale[1:]


# --- the ladder ---------------------------------------------------------------------------------

def curve(x1: float, y1: float, x2: float, y2: float, bow: float) -> tuple[np.ndarray, np.ndarray]:
    """Points of a quadratic curve from (x1, y1) to (x2, y2) bowed sideways by `bow` per level."""
    x, y = curves(np.array([x1]), np.array([y1]), np.array([x2]), np.array([y2]), bow)
    return x[0], y[0]


def curves(x1: np.ndarray, y1: np.ndarray, x2: np.ndarray, y2: np.ndarray, bow: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`curve` for many links at once: arrays of shape (links, CURVE_POINTS)."""
    t = np.linspace(0.0, 1.0, CURVE_POINTS)[None, :]
    side = np.where(x2 >= x1, 1.0, -1.0)
    cx = ((x1 + x2) / 2 + side * bow * np.abs(y2 - y1))[:, None]
    cy = ((y1 + y2) / 2)[:, None]
    x = (1 - t) ** 2 * x1[:, None] + 2 * (1 - t) * t * cx + t**2 * x2[:, None]
    y = (1 - t) ** 2 * y1[:, None] + 2 * (1 - t) * t * cy + t**2 * y2[:, None]
    return x, y


def _polyline(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Many curves as one line trace's points, a gap (NaN) between curves."""
    gap = np.full((x.shape[0], 1), np.nan)
    return np.hstack([x, gap]).ravel(), np.hstack([y, gap]).ravel()


def _ends(links: pd.DataFrame, at: dict[str, tuple[float, float]]) -> tuple[np.ndarray, ...]:
    lower = [at[p] for p in links["lower_id"]]
    upper = [at[p] for p in links["upper_id"]]
    return (np.array([p[0] for p in lower], dtype=float), np.array([p[1] for p in lower], dtype=float),
            np.array([p[0] for p in upper], dtype=float), np.array([p[1] for p in upper], dtype=float))


def bow_for(placement: Placement) -> float:
    """How far a link bows per level it climbs, in slots: visible, yet small beside the bands."""
    return max(0.15, min(0.6, placement.width / 60))


def node_hover(row) -> str:
    acronym = _esc(row.acronym)
    shown_acronym = f" ({acronym})" if acronym and acronym != _esc(row.name) else ""
    named = f"<b>{html.escape(_clip(row.name))}</b>{shown_acronym}"
    flag = "" if row.confidence == "sourced" else f"<br>⚠ {_esc(row.confidence)}"
    lifespan = (f"{dates.display(_text(row.founded)) or 'start not sourced'} – "
                f"{dates.display(_text(row.ended)) or 'no end date'}")
    return (f"{named}<br>{_esc(row.scale)} · {_esc(row.region_name)}<br>{html.escape(lifespan)}"
            f"<br>{int(row.members)} member organisation{'s' * (int(row.members) != 1)} · "
            f"{int(row.links)} cross-level link{'s' * (int(row.links) != 1)}"
            f"<br>Source: {_esc(row.source_title) or 'not named'}{flag}<br><i>Click for members and sources</i>")


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else str(value)


def link_hover(row, names: dict[str, str], scales: dict[str, str], shown: int = 8) -> str:
    """Both partnerships, each on its own line, and the members they share, one per line."""
    members = [html.escape(_clip(n)) for n in row.org_names]
    listed = "<br>".join(f"· {m}" for m in members[:shown])
    if len(members) > shown:
        listed += f"<br>· and {len(members) - shown} more"
    return (f"<b>{html.escape(_clip(names.get(row.lower_id)))}</b> ({_esc(scales.get(row.lower_id))})"
            f"<br>↕ <b>{html.escape(_clip(names.get(row.upper_id)))}</b> ({_esc(scales.get(row.upper_id))})"
            f"<br>{row.weight} shared member{'s' * (row.weight != 1)}:<br>{listed}"
            "<br><i>Click for the shared members and their sources</i>")


def _clip(text: object, limit: int = 60) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def ladder_figure(placement: Placement, nodes: pd.DataFrame, links: pd.DataFrame, *, presenting: bool = False,
                  fit_px: int | None = None, day_label: str = "") -> go.Figure:
    """The ladder for one day.

    `nodes`: placement.places rows active on the day, with `members` and `links` (counts) added;
    `links`: ladder.links frame for the same day (only pairs whose ends are both in `nodes` are
    drawn). `fit_px` sizes it for a slide of that height. `day_label` names the day on empty rungs.
    """
    sizes = PRESENTING if presenting else NORMAL
    colours = region_colours(placement.bands["region_id"])
    at = dict(zip(nodes["partnership_id"], zip(nodes["x"].astype(float), nodes["y"].astype(float))))
    drawn = links[links["lower_id"].isin(at.keys()) & links["upper_id"].isin(at.keys())]
    traces = _link_traces(drawn, at, bow_for(placement), nodes, sizes)
    traces += _node_traces(nodes, placement, colours, sizes)
    traces += _label_traces(nodes, placement, sizes)
    traces += _key_traces(nodes)
    height = fit_px or (110 + sizes.rung_px * max(len(placement.rungs), 2) + 60)
    return go.Figure(data=traces, layout=_layout(placement, nodes, sizes, presenting, height, day_label))


def _link_traces(links: pd.DataFrame, at: dict[str, tuple[float, float]], bow: float, nodes: pd.DataFrame,
                 sizes: Sizes) -> list:
    if links.empty:
        return []
    names = dict(zip(nodes["partnership_id"], nodes["name"]))
    scales = dict(zip(nodes["partnership_id"], nodes["scale"]))
    x, y = curves(*_ends(links, at), bow)
    weight = links["weight"].to_numpy()
    traces = []
    for low, high, width in WEIGHT_BUCKETS:
        chosen = (weight >= low) & (weight <= high)
        if chosen.any():
            xs, ys = _polyline(x[chosen], y[chosen])
            traces.append(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=LINK_COLOUR, width=width),
                                     opacity=0.55, hoverinfo="skip", showlegend=False, name=f"links ×{low}"))
    low, high = sizes.handle
    top = max(int(weight.max()), 1)
    handle_sizes = low + (high - low) * np.sqrt((weight - 1) / max(top - 1, 1))
    traces.append(go.Scatter(
        x=x[:, CURVE_POINTS // 2], y=y[:, CURVE_POINTS // 2], mode="markers", name="shared members (link)",
        marker=dict(symbol="diamond", size=handle_sizes, color=LINK_COLOUR, line=dict(color="white", width=1)),
        customdata=[["link", lo, up] for lo, up in zip(links["lower_id"], links["upper_id"])],
        hovertext=[link_hover(row, names, scales) for row in links.itertuples()],
        hovertemplate="%{hovertext}<extra></extra>", showlegend=True, legendrank=900,
        selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=1))))
    return traces


def _node_traces(nodes: pd.DataFrame, placement: Placement, colours: dict[str, str], sizes: Sizes) -> list:
    """One trace per region (its legend entry), and one more for its inferred or unverified records,
    drawn open: single colours per trace, which plotly validates far faster than a colour per point."""
    traces = []
    hover = pd.Series([node_hover(row) for row in nodes.itertuples()], index=nodes.index)
    open_ = nodes["confidence"].isin(OPEN_CONFIDENCE)
    for band in placement.bands.itertuples():
        in_region = nodes["region_id"] == band.region_id
        colour = colours[band.region_id]
        for opened in (False, True):
            part = nodes[in_region & (open_ == opened)]
            if part.empty:
                continue
            traces.append(go.Scatter(
                x=part["x"].to_numpy(dtype=float), y=part["y"].to_numpy(dtype=float), mode="markers",
                name=_esc(band.region_name), legendgroup=band.region_id,
                showlegend=not opened or not (in_region & ~open_).any(),
                marker=dict(size=sizes.node, color="white" if opened else colour,
                            line=dict(color=colour if opened else "white", width=2.5 if opened else 1.2)),
                customdata=[["partnership", p] for p in part["partnership_id"]],
                hovertext=hover[part.index].tolist(), hovertemplate="%{hovertext}<extra></extra>",
                selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=1)), legendrank=100))
    return traces


LABELLED_AT_MOST = 400  # with more partnerships than this the ladder is too dense to label at all


def label_choice(nodes: pd.DataFrame, placement: Placement, sizes: Sizes) -> pd.DataFrame:
    """The labels that fit: the most linked partnerships first, each above or below its point,
    never overlapping another label on the same side of the same rung.

    Columns: partnership_id, x, y, text, position ('top center' or 'bottom center').
    """
    columns = ["partnership_id", "x", "y", "text", "position"]
    if nodes.empty or len(nodes) > LABELLED_AT_MOST:
        return pd.DataFrame(columns=columns)
    slot_px = sizes.width_px / (placement.width + 1.0)
    char_slots = sizes.font * CHAR_EM / slot_px
    taken: dict[tuple[int, str], list[tuple[float, float]]] = {}
    rows = []
    ordered = nodes.sort_values(["links", "members", "name"], ascending=[False, False, True])
    for pid, x, y, name, acronym in zip(ordered["partnership_id"], ordered["x"], ordered["y"], ordered["name"],
                                        ordered["acronym"]):
        if len(rows) >= MAX_LABELS:
            break
        placed = _fit_label(pid, x, y, [short_name(name, acronym), short_name(name, acronym, SHORT_LABEL_CHARS)],
                            char_slots, placement.width, taken)
        if placed:
            rows.append(placed)
    return pd.DataFrame(rows, columns=columns)


def _fit_label(pid: str, x: float, y: float, texts: list[str], char_slots: float, width: float,
               taken: dict[tuple[int, str], list[tuple[float, float]]]) -> tuple | None:
    """The first of `texts` (longest first) that fits above or below the point without running off
    the ladder or over a label already placed on that side of the rung; None when none fits."""
    for text in dict.fromkeys(texts):
        half = (len(html.unescape(text)) * char_slots) / 2 + 0.1
        span = (x - half, x + half)
        if span[0] < -0.5 or span[1] > width + 0.5:
            continue
        for position in ("top center", "bottom center"):
            spans = taken.setdefault((int(y), position), [])
            if all(span[1] <= a or span[0] >= b for a, b in spans):
                spans.append(span)
                return pid, x, y, text, position
    return None


def _label_traces(nodes: pd.DataFrame, placement: Placement, sizes: Sizes) -> list:
    labels = label_choice(nodes, placement, sizes)
    traces = []
    for position in ("top center", "bottom center"):  # one position per trace: no per-point arrays to validate
        part = labels[labels["position"] == position]
        if not part.empty:
            traces.append(go.Scatter(x=part["x"].to_numpy(dtype=float), y=part["y"].to_numpy(dtype=float),
                                     mode="text", text=part["text"].tolist(), textposition=position,
                                     textfont=dict(size=sizes.font, color="#1A1A1A"), hoverinfo="skip",
                                     showlegend=False, name="labels"))
    return traces


def _key_traces(nodes: pd.DataFrame) -> list:
    if not nodes["confidence"].isin(OPEN_CONFIDENCE).any():
        return []
    return [go.Scatter(x=[None], y=[None], mode="markers", name="open: inferred or unverified", hoverinfo="skip",
                       marker=dict(size=11, color="white", line=dict(color=LINK_COLOUR, width=2.5)), legendrank=950)]


def _layout(placement: Placement, nodes: pd.DataFrame, sizes: Sizes, presenting: bool, height: int,
            day_label: str) -> dict:
    width = placement.width
    rungs = placement.rungs
    occupied = set(nodes["y"].astype(int))
    shapes = [dict(type="rect", xref="paper", x0=0, x1=1, y0=r.y - 0.5, y1=r.y + 0.5, layer="below", line_width=0,
                   fillcolor=RUNG_FILL if r.y % 2 == 0 else "white", name=f"rung {r.scale}") for r in rungs]
    shapes += [dict(type="line", x0=band.x1 + 0.4, x1=band.x1 + 0.4, y0=-0.5, y1=len(rungs) - 0.5, layer="below",
                    line=dict(color="#BDBDBD", width=1, dash="dot"), name="band edge")
               for band in placement.bands.itertuples()][:-1]
    when = html.escape(day_label) if day_label else "in this view"
    empty = [dict(x=width / 2, y=r.y, text=f"<i>no {html.escape(r.scale)} partnership {when}</i>", showarrow=False,
                  font=dict(color="#595959", size=sizes.font), name=f"empty {r.scale}")
             for r in rungs if r.y not in occupied]
    # The regions' names above their bands, the legend below the ladder, where it pushes nothing down.
    legend = dict(orientation="h", x=0, y=-0.02, yanchor="top", font_size=15 if presenting else 12)
    return dict(
        template=theme.template(presenting), height=height, margin=dict(l=10, r=10, t=20, b=10),
        hovermode="closest", hoverlabel=dict(align="left"), clickmode="event+select", dragmode="zoom",
        uirevision="multilevel", showlegend=True, legend=legend,
        xaxis=dict(range=[-0.6, width + 0.6], tickmode="array", tickvals=placement.bands["centre"].tolist(),
                   ticktext=band_titles(placement, sizes), tickangle=0, tickfont=dict(size=sizes.font + 1),
                   showgrid=False, zeroline=False,
                   automargin=True, side="top"),
        yaxis=dict(range=[-0.6, len(rungs) - 0.4], tickmode="array", tickvals=[r.y for r in rungs],
                   ticktext=[f"<b>{html.escape(scale_label(r.scale))}</b>" for r in rungs], showgrid=False,
                   zeroline=False, fixedrange=True, automargin=True),
        shapes=shapes, annotations=empty,
    )


def band_titles(placement: Placement, sizes: Sizes) -> list[str]:
    """Each band's region name, wrapped, where the band is wide enough to carry it; a narrow band
    stays untitled (the legend names its colour)."""
    slot_px = sizes.width_px / (placement.width + 1.0)
    titles = []
    for band in placement.bands.itertuples():
        wrapped = _wrap(band.region_name)
        longest = max(len(html.unescape(line)) for line in wrapped.split("<br>"))
        fits = longest * (sizes.font + 1) * CHAR_EM * 1.1 <= (band.x1 - band.x0 + 0.8) * slot_px
        titles.append(wrapped if fits else "")
    return titles


def _wrap(name: object, width: int = 14) -> str:
    """A region name on up to three short lines, so narrow bands can still carry it."""
    words, lines, line = str(name).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 3:
        lines = lines[:2] + [" ".join(lines[2:])[: width - 1] + "…"]
    return "<br>".join(html.escape(line) for line in lines)


def with_selection(figure: go.Figure, nodes: pd.DataFrame, links: pd.DataFrame, placement: Placement,
                   partnership: str | None = None, link: tuple[str, str] | None = None,
                   presenting: bool = False) -> go.Figure:
    """A copy of `figure` with the selected partnership (and its links) or link drawn over it.

    The ladder itself is cached and shared, so it is never changed."""
    sizes = PRESENTING if presenting else NORMAL
    at = dict(zip(nodes["partnership_id"], zip(nodes["x"].astype(float), nodes["y"].astype(float))))
    if link is not None:
        chosen = links[(links["lower_id"] == link[0]) & (links["upper_id"] == link[1])]
        ends = [p for p in link if p in at]
    elif partnership is not None:
        chosen = links[(links["lower_id"] == partnership) | (links["upper_id"] == partnership)]
        ends = [partnership] if partnership in at else []
    else:
        return figure
    chosen = chosen[chosen["lower_id"].isin(at.keys()) & chosen["upper_id"].isin(at.keys())]
    if chosen.empty and not ends:
        return figure
    extra = []
    if not chosen.empty:
        xs, ys = _polyline(*curves(*_ends(chosen, at), bow_for(placement)))
        extra.append(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=SELECTED, width=3.5), hoverinfo="skip",
                                showlegend=False, name="selected links"))
    if ends:
        extra.append(go.Scatter(x=[at[p][0] for p in ends], y=[at[p][1] for p in ends], mode="markers",
                                marker=dict(symbol="circle-open", size=sizes.node + 12, color="#000000",
                                            line=dict(color="#000000", width=3)),
                                hoverinfo="skip", showlegend=False, name="selected"))
    first = _first_node_trace(figure)
    return go.Figure(data=[*figure.data[:first], *extra, *figure.data[first:]], layout=figure.layout)


def _first_node_trace(figure: go.Figure) -> int:
    """Where the partnership points start: highlights go under them, so the points stay clickable."""
    return next((i for i, trace in enumerate(figure.data)
                 if trace.customdata is not None and len(trace.customdata) and trace.customdata[0][0] == "partnership"),
                len(figure.data))


# --- measures over time ------------------------------------------------------------------------

OVER_TIME_PANELS = (("share_connected_upward", "Local and sub-regional partnerships connected upward (%)"),
                    ("levels_unlinked_count", "Levels with no link upward"),
                    ("cross_level_links", "Cross-level links"))
ALL_COLOUR = "#000000"


def over_time_figure(frame: pd.DataFrame, as_of=None, presenting: bool = False,
                     colours: dict[str, str] | None = None) -> go.Figure:
    """The measures for each playback year (measures.over_time), one line per region (`colours`, as on
    the ladder) and a black one for the whole view; `as_of` is marked with a vertical line. A measure
    holds until the next year with a change, so the lines are steps."""
    figure = make_subplots(rows=len(OVER_TIME_PANELS), cols=1, shared_xaxes=True, vertical_spacing=0.09,
                           subplot_titles=[title for _, title in OVER_TIME_PANELS])
    frame = frame.assign(year=[pd.Timestamp(d).year for d in frame["day"]],
                         levels_unlinked_count=frame["levels_unlinked"].map(len),
                         share_connected_upward=frame["share_connected_upward"].astype(float) * 100)
    colours = {**region_colours(frame.loc[frame["scope_id"] != "all", "scope_id"]), **(colours or {})}
    for scope_id, part in frame.groupby("scope_id", sort=False):
        colour = ALL_COLOUR if scope_id == "all" else colours[scope_id]
        name = _esc(part["scope_name"].iloc[0])
        for row, (column, _) in enumerate(OVER_TIME_PANELS, start=1):
            figure.add_trace(go.Scatter(
                x=part["year"], y=part[column], mode="lines+markers", name=name, legendgroup=scope_id,
                showlegend=row == 1, line=dict(color=colour, width=3 if scope_id == "all" else 1.8, shape="hv",
                                               dash="solid" if scope_id == "all" else "dot"),
                marker=dict(size=6), hovertemplate=f"{name}, %{{x}}: %{{y:.3~f}}<extra></extra>"), row=row, col=1)
    if as_of is not None:
        figure.add_vline(x=as_of.year, line=dict(color=SELECTED, width=2))
    figure.update_layout(template=theme.template(presenting), height=560, margin=dict(l=10, r=10, t=40, b=10),
                         legend=dict(orientation="h", y=-0.08, yanchor="top"), hovermode="closest")
    figure.update_xaxes(tickformat="d", dtick=max(1, math.ceil((frame["year"].max() - frame["year"].min()) / 12))
                        if not frame.empty else 1, automargin=True)
    figure.update_yaxes(rangemode="tozero", automargin=True)
    return figure


# --- Compare --------------------------------------------------------------------------------------

def compare_figure(frame: pd.DataFrame, presenting: bool = False) -> go.Figure:
    """Compare's chart (multilevel.view.region_measures): per region, the share of local and
    sub-regional partnerships connected upward (the counts written on the bar) beside its
    cross-level links."""
    regions = frame["region"].tolist()
    colours = compare_colours(frame["region"])
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
                           subplot_titles=["Local and sub-regional partnerships connected upward",
                                           "Cross-level links"])
    share = frame["share_connected_upward"].astype(float) * 100
    text = [f"{c} of {n}" if n else "none at these levels"
            for c, n in zip(frame["connected_upward"], frame["lower_tier"])]
    figure.add_trace(go.Bar(x=share.fillna(0), y=[_esc(r) for r in regions], orientation="h", text=text,
                            textposition="auto", marker_color=[colours[r] for r in regions], showlegend=False,
                            hovertemplate="%{y}: %{x:.0f}% (%{text})<extra></extra>"), row=1, col=1)
    figure.add_trace(go.Bar(x=frame["cross_level_links"], y=[_esc(r) for r in regions], orientation="h",
                            text=frame["cross_level_links"], textposition="auto", showlegend=False,
                            marker_color=[colours[r] for r in regions],
                            hovertemplate="%{y}: %{x} cross-level links<extra></extra>"), row=1, col=2)
    figure.update_xaxes(range=[0, 100], ticksuffix="%", row=1, col=1)
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_layout(template=theme.template(presenting), height=120 + 56 * max(len(regions), 1),
                         margin=dict(l=10, r=10, t=40, b=10))
    return figure
