"""The mini timeline: partnership lifespans as bars coloured by scale, with the region's events above."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme
from lpipdata.figures.region.text import LABEL_LIMIT, plain, scale_colours, short_name

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
