"""The Patterns view's figure: the case-by-condition matrix.

The matrix is drawn as square markers in a scatter trace, not a heatmap: Streamlit reports
clicks on scatter points (`on_select`) but not on heatmap cells, and a click must open the
evidence behind the cell. Every name from the data is HTML-escaped, because plotly renders
hover text as HTML.
"""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme

ROW_PX, MIN_HEIGHT, HEADER_PX = 26, 260, 150
# Darker means more in the set: conditions in blue, outcomes in orange (Okabe-Ito hues, told apart
# with the common colour-vision deficiencies), so a condition is never read as a coded outcome.
CONDITION_SCALE = [[0, "#EEF3F8"], [1, "#0072B2"]]
OUTCOME_SCALE = [[0, "#FBF1E3"], [1, "#C26A00"]]
SELECTED = "#000000"
LEGEND = ("Darker squares are more in the set (membership 0 to 1): blue for conditions, orange for coded "
          "outcomes; grey for no value. Hover for the value, click for the evidence.")


def matrix(cells: pd.DataFrame, selected: tuple[str, str] | None = None, presenting: bool = False) -> go.Figure:
    """Cases down, conditions then outcomes across; each square's colour is the case's membership."""
    figure = go.Figure()
    for group, scale in (("condition", CONDITION_SCALE), ("outcome", OUTCOME_SCALE)):
        part = cells[(cells["group"] == group) & cells["membership"].notna()]
        figure.add_trace(_squares(part, scale, presenting))
    figure.add_trace(_squares(cells[cells["membership"].isna()], None, presenting))
    if selected:
        outline_cell(figure, cells, selected, presenting)
    cases = cells.drop_duplicates("case_id")
    columns = list(dict.fromkeys(cells["label"]))
    figure.update_layout(
        template=theme.template(presenting), height=max(MIN_HEIGHT, HEADER_PX + len(cases) * ROW_PX),
        showlegend=False, clickmode="event+select", dragmode=False,
        margin=dict(l=10, r=10, t=20, b=10),
        xaxis=dict(side="top", tickangle=-60, categoryorder="array", categoryarray=columns, fixedrange=True,
                   showgrid=False, zeroline=False, automargin=True),
        # Ids on the axis, names as its labels: two cases may share a name (synthetic copies do).
        yaxis=dict(autorange="reversed", fixedrange=True, showgrid=False, zeroline=False, type="category",
                   automargin=True,
                   categoryorder="array", categoryarray=list(cases["case_id"]), tickmode="array",
                   tickvals=list(cases["case_id"]), ticktext=[_short(n) for n in cases["case_name"]]),
    )
    return figure


def _squares(part: pd.DataFrame, scale, presenting: bool) -> go.Scatter:
    marker = dict(symbol="square", size=22 if presenting else 19, line=dict(width=0.5, color="#9A9A9A"))
    if scale is None:
        marker.update(color=theme.NO_DATA)
    else:
        marker.update(color=part["membership"].astype(float), colorscale=scale, cmin=0, cmax=1, showscale=False)
    return go.Scatter(
        x=part["label"], y=part["case_id"], mode="markers", marker=marker,
        customdata=part[["case_id", "column"]].to_numpy(),
        hovertext=[_hover(row) for row in part.itertuples()], hoverinfo="text",
        selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=1)),
    )


def _hover(row) -> str:
    value = "no value" if pd.isna(row.membership) else f"membership {row.membership:.2f}"
    return (f"<b>{escape(str(row.case_name))}</b><br>{escape(str(row.label))}: {escape(str(row.shown))}"
            f"<br>{value}<br><i>click for the evidence</i>")


def outline_cell(figure: go.Figure, cells: pd.DataFrame, selected: tuple[str, str], presenting: bool) -> go.Figure:
    """Ring the selected square (added to a figure built, and cached, without a selection)."""
    case_id, column = selected
    cell = cells[(cells["case_id"] == case_id) & (cells["column"] == column)]
    if cell.empty:
        return figure
    figure.add_trace(go.Scatter(
        x=cell["label"], y=cell["case_id"], mode="markers", hoverinfo="skip",
        marker=dict(symbol="square-open", size=28 if presenting else 25, line=dict(width=3, color=SELECTED)),
    ))
    return figure


def _short(name: str, limit: int = 36) -> str:
    """Case names as axis labels: escaped and cut to a readable length."""
    text = str(name)
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")
