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
# Conditions on the cividis scale (membership 0 to 1); outcomes in a separate blue-orange pair
# so a reader never confuses a condition with a coded outcome.
OUTCOME_SCALE = [[0, "#F4F4F4"], [0.5, "#9ECAE1"], [1, "#08519C"]]
SELECTED = "#D55E00"


def matrix(cells: pd.DataFrame, selected: tuple[str, str] | None = None, presenting: bool = False) -> go.Figure:
    """Cases down, conditions then outcomes across; each square's colour is the case's membership."""
    figure = go.Figure()
    for group, scale, title in (("condition", theme.SEQUENTIAL, "Condition<br>membership"),
                                ("outcome", OUTCOME_SCALE, "Outcome<br>membership")):
        part = cells[(cells["group"] == group) & cells["membership"].notna()]
        figure.add_trace(_squares(part, scale, title, group == "condition", presenting))
    missing = cells[cells["membership"].isna()]
    figure.add_trace(_squares(missing, None, "", False, presenting))
    if selected:
        _outline(figure, cells, selected)
    cases = cells.drop_duplicates("case_id")
    columns = list(dict.fromkeys(cells["label"]))
    figure.update_layout(
        template=theme.template(presenting), height=max(MIN_HEIGHT, HEADER_PX + len(cases) * ROW_PX),
        showlegend=False, clickmode="event+select", dragmode=False,
        margin=dict(l=10, r=10, t=130, b=10),
        xaxis=dict(side="top", tickangle=-40, categoryorder="array", categoryarray=columns, fixedrange=True,
                   showgrid=False, zeroline=False),
        # Ids on the axis, names as its labels: two cases may share a name (synthetic copies do).
        yaxis=dict(autorange="reversed", fixedrange=True, showgrid=False, zeroline=False, type="category",
                   categoryorder="array", categoryarray=list(cases["case_id"]), tickmode="array",
                   tickvals=list(cases["case_id"]), ticktext=[_short(n) for n in cases["case_name"]]),
    )
    return figure


def _squares(part: pd.DataFrame, scale, title: str, left_bar: bool, presenting: bool) -> go.Scatter:
    marker = dict(symbol="square", size=22 if presenting else 19, line=dict(width=0.5, color="#FFFFFF"))
    if scale is None:
        marker.update(color=theme.NO_DATA)
    else:
        marker.update(color=part["membership"].astype(float), colorscale=scale, cmin=0, cmax=1,
                      colorbar=dict(title=dict(text=title, side="top"), len=0.45, thickness=12,
                                    y=1 if left_bar else 0.45, yanchor="top", x=1.01))
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


def _outline(figure: go.Figure, cells: pd.DataFrame, selected: tuple[str, str]) -> None:
    case_id, column = selected
    cell = cells[(cells["case_id"] == case_id) & (cells["column"] == column)]
    if cell.empty:
        return
    figure.add_trace(go.Scatter(
        x=cell["label"], y=cell["case_id"], mode="markers", hoverinfo="skip",
        marker=dict(symbol="square-open", size=27, line=dict(width=3, color=SELECTED)),
    ))


def _short(name: str, limit: int = 48) -> str:
    """Case names as axis labels: escaped and cut to a readable length."""
    text = str(name)
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")
