"""The figure's layout: lane bands and titles, the two time axes, the legend, and the lines for
today and the as-of day."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from lpipdata import dates
from lpipdata.figures import theme
from lpipdata.figures.timeline.place import LANE_GAP, LANE_LABELS, Lane, Placed
from lpipdata.figures.timeline.traces import AXES_PX, NORMAL, Sizes, colour_key

AS_OF_COLOUR = "#D55E00"
TODAY_COLOUR = "#8A8A8A"


def layout(placed: Placed, sizes: Sizes, presenting: bool, colour_by: str, lines: list[tuple[dict, dict]]) -> dict:
    lanes = placed.lanes
    low = -placed.row_count
    names = list(colour_key(placed.rows, colour_by).unique()) + list(placed.events["kind"].unique()) + ["x" * 20] * 4
    entry_px = min(230, 7 * max(len(n) for n in names)) * sizes.font / NORMAL.font
    legend_px = 30 + 22 * math.ceil(len(names) / 3)  # about three entries per legend line
    # Beside the chart on a slide: a wide screen has width to spare, not height.
    legend = (dict(orientation="v", yanchor="top", y=1, x=1.02, traceorder="normal", font_size=16,
                   tracegroupgap=0) if presenting else
              dict(orientation="h", yanchor="top", y=-0.04, x=0, traceorder="normal", entrywidth=entry_px,
                   entrywidthmode="pixels"))
    return dict(
        template=theme.template(presenting), height=int(-low * sizes.row_px) + AXES_PX + (0 if presenting else legend_px),
        margin=dict(t=70, b=20, r=50, l=10),  # room above the top axis and on the right for the day labels
        hovermode="closest", dragmode="zoom", uirevision="timeline",  # zoom and pan survive reruns
        barmode="overlay", hoverlabel=dict(align="left"),
        xaxis=dict(type="date", range=[day.strftime("%Y-%m-%d") for day in placed.x_range], showgrid=True,
                   gridcolor="#E6E6E6", title=None, automargin=True),
        # The same years along the top, so a tall chart can be read without scrolling to its foot.
        xaxis2=dict(type="date", matches="x", overlaying="x", side="top", showgrid=False, title=None,
                    dtick=top_axis_step(placed.x_range), tick0="2000-01-01"),
        yaxis=dict(range=[low - 0.1, 0.1], fixedrange=True, showticklabels=False, showgrid=False, zeroline=False),
        legend=legend,
        shapes=[lane_band(lane, i) for i, lane in enumerate(lanes)] + [shape for shape, _ in lines],
        annotations=[lane_title(lane, sizes) for lane in lanes] + [note for _, note in lines],
    )


def top_axis_step(x_range: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    """A whole number of years (or quarters) between top-axis ticks, about ten across.

    It is fixed because plotly's automatic ticks on an overlaying date axis drift off the year.
    """
    years = (x_range[1] - x_range[0]).days / 365.25
    if years < 2:
        return "M3"
    return f"M{12 * next((step for step in (1, 2, 5, 10, 20) if step >= years / 10), 50)}"


def lane_band(lane: Lane, index: int) -> dict:
    return dict(type="rect", xref="paper", x0=0, x1=1, y0=lane.bottom - LANE_GAP / 2, y1=lane.top + LANE_GAP / 2,
                fillcolor="#F3F5F8" if index % 2 == 0 else "white", line_width=0, layer="below",
                name=f"lane {lane.name}")


def lane_title(lane: Lane, sizes: Sizes) -> dict:
    """The lane's scale, written in its top-left corner."""
    return dict(xref="paper", x=0, y=lane.top - 0.05, yanchor="top", xanchor="left", showarrow=False,
                text=f"<b>{LANE_LABELS.get(lane.name, lane.name).upper()}</b>", name=f"lane {lane.name}",
                font=dict(size=sizes.font, color="#4A4A4A"))


def day_lines(today: date, as_of: date | None) -> list[tuple[dict, dict]]:
    """A dotted line for today and a solid one for the as-of day, each with a label at the top."""
    # The earlier day is labelled left of its line and the later one right of it, so labels never overlap.
    as_of_first = as_of is None or as_of <= today
    lines = [(today, "today", TODAY_COLOUR, "dot", "left" if as_of_first else "right", "today")]
    if as_of:
        lines.append((as_of, "as-of", AS_OF_COLOUR, "solid", "right" if as_of_first else "left",
                      f"As of {dates.display(as_of.isoformat())}"))
    out = []
    for day, name, colour, dash, anchor, text in lines:
        x = day.isoformat()
        out.append((dict(type="line", name=name, xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                         line=dict(color=colour, width=2, dash=dash)),
                    dict(x=x, xref="x", y=1, yref="paper", yanchor="bottom", yshift=24, xanchor=anchor,
                         text=f"<b>{text}</b>", showarrow=False, font=dict(color=colour), name=name)))
    return out
