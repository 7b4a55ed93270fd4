"""Figures for comparing 2-4 regions: pure functions of the frames in lpipdata.queries.compare.

Regions keep the order they were chosen in, and one colour each across every chart here.
Data text goes through :func:`lpipdata.figures.region.plain` because plotly reads HTML in labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lpipdata.figures import theme
from lpipdata.figures.region import plain, scale_colours

MEASURES = {"partnerships": "Partnerships working on the theme",
            "emphasis": "Region's stated emphasis (core issue 2, mentioned 1)"}
BAR_HEIGHT = 46
# Okabe & Ito without its yellow, which is too light for bars on white; then Tol's muted scheme.
REGION_PALETTE = tuple(c for c in theme.OKABE_ITO[:7] if c != "#F0E442") + theme.TOL_MUTED


def region_colours(regions: pd.Series) -> dict[str, str]:
    """A colour per region name, in the order the regions were chosen."""
    names = list(dict.fromkeys(regions))
    return {name: REGION_PALETTE[i % len(REGION_PALETTE)] for i, name in enumerate(names)}


def _base_layout(figure: go.Figure, height: int, presenting: bool, **layout) -> go.Figure:
    figure.update_layout(template=theme.template(presenting), height=height, **layout)
    # The template's margins are tight; axes with region or organisation names need room for them.
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return figure


def issue_heatmap(profile: pd.DataFrame, measure: str = "partnerships", presenting: bool = False) -> go.Figure:
    """Themes (rows, net zero and inclusive growth first) by regions (columns), shaded by `measure`."""
    regions = list(dict.fromkeys(profile["region"]))
    themes = list(dict.fromkeys(profile["theme"]))
    grid = profile.pivot(index="theme", columns="region", values=measure).reindex(index=themes, columns=regions)
    figure = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=[plain(r) for r in regions], y=[plain(t) for t in themes],
        colorscale=theme.SEQUENTIAL, texttemplate="%{z}", zmin=0, xgap=2, ygap=2,
        colorbar=dict(title=dict(text="Partnerships" if measure == "partnerships" else "Emphasis"),
                      dtick=1 if grid.max().max() <= 10 else None),
        hovertemplate="%{y} in %{x}: %{z}<extra></extra>",
    ))
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(side="top")
    return _base_layout(figure, 120 + 34 * len(themes), presenting, margin=dict(l=10, r=10, t=60, b=10))


def scale_mix(mix: pd.DataFrame, presenting: bool = False) -> go.Figure:
    """Stacked bars: each region's partnerships by scale, neighbourhood to UK."""
    figure = go.Figure()
    colours = scale_colours()
    regions = list(dict.fromkeys(mix["region"]))
    for scale in theme.SCALE_ORDER:
        rows = mix[mix["scale"] == scale]
        if not rows.empty:
            figure.add_trace(go.Bar(
                y=[plain(r) for r in rows["region"]], x=rows["partnerships"], orientation="h", name=scale,
                marker_color=colours[scale], customdata=rows["share"] * 100,
                hovertemplate=f"%{{y}}: %{{x}} {scale} partnership(s), %{{customdata:.0f}}%<extra></extra>"))
    figure.update_yaxes(categoryorder="array", categoryarray=[plain(r) for r in regions], autorange="reversed")
    figure.update_xaxes(title_text="Partnerships")
    return _base_layout(figure, 120 + BAR_HEIGHT * len(regions), presenting, barmode="stack",
                        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text="Scale",
                                    traceorder="normal"))


def sector_mix(mix: pd.DataFrame, presenting: bool = False) -> go.Figure:
    """100% stacked bars: each region's member organisations by sector."""
    figure = go.Figure()
    regions = list(dict.fromkeys(mix["region"]))
    for sector in sorted(mix["sector"].unique()):
        rows = mix[mix["sector"] == sector]
        figure.add_trace(go.Bar(
            y=[plain(r) for r in rows["region"]], x=rows["share"] * 100, orientation="h", name=plain(sector),
            marker_color=theme.SECTOR_COLOURS.get(sector, theme.OUTLINE), customdata=rows["organisations"],
            hovertemplate=f"%{{y}}: %{{customdata}} {plain(sector)} organisation(s), %{{x:.0f}}%<extra></extra>"))
    figure.update_yaxes(categoryorder="array", categoryarray=[plain(r) for r in regions], autorange="reversed")
    figure.update_xaxes(title_text="Share of member organisations (%)", range=[0, 100])
    return _base_layout(figure, 120 + BAR_HEIGHT * len(regions), presenting, barmode="stack",
                        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text="Sector",
                                    traceorder="normal"))


def network_measures(metrics: pd.DataFrame, presenting: bool = False) -> go.Figure:
    """Density and degree centralisation side by side, one bar per region (0 to 1)."""
    figure = make_subplots(rows=1, cols=2, subplot_titles=("Density", "Degree centralisation"),
                           horizontal_spacing=0.12)
    colours = region_colours(metrics["region"])
    names = [plain(r) for r in metrics["region"]]
    for column, measure in enumerate(("density", "centralisation"), start=1):
        values = metrics[measure].astype("Float64")
        figure.add_trace(go.Bar(
            x=names, y=values.fillna(0), marker_color=[colours[r] for r in metrics["region"]], showlegend=False,
            text=[f"{v:.2f}" if pd.notna(v) else "n/a" for v in values], textposition="outside",
            hovertemplate=f"%{{x}}: %{{text}} {measure}<extra></extra>"), row=1, col=column)
    figure.update_yaxes(range=[0, 1.15], tickformat=".1f")
    return _base_layout(figure, 360, presenting, margin=dict(l=10, r=10, t=50, b=10))


def bridges(memberships: pd.DataFrame, presenting: bool = False) -> go.Figure:
    """Dot matrix: bridging organisations (rows) by region (columns), dot size = partnerships there."""
    organisations = list(dict.fromkeys(memberships["organisation"]))
    regions = list(dict.fromkeys(memberships["region"]))
    figure = go.Figure()
    for sector in sorted(memberships["sector"].unique()):
        rows = memberships[memberships["sector"] == sector]
        figure.add_trace(go.Scatter(
            x=[plain(r) for r in rows["region"]], y=[plain(o, 40) for o in rows["organisation"]], mode="markers",
            name=plain(sector), marker=dict(size=10 + 6 * rows["partnerships"], color=theme.SECTOR_COLOURS.get(
                sector, theme.OUTLINE), line=dict(color="white", width=1)),
            customdata=rows["partnerships"], hovertext=[plain(o) for o in rows["organisation"]],
            hovertemplate="%{hovertext}<br>%{x}: %{customdata} partnership(s)<extra></extra>"))
    figure.update_xaxes(categoryorder="array", categoryarray=[plain(r) for r in regions], side="top")
    figure.update_yaxes(categoryorder="array", categoryarray=[plain(o, 40) for o in organisations],
                        autorange="reversed")
    return _base_layout(figure, 140 + 30 * len(organisations), presenting, margin=dict(l=10, r=10, t=60, b=10),
                        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0, title_text="Sector"))


def founded_per_year(founded: pd.DataFrame, presenting: bool = False) -> go.Figure:
    """Partnerships founded per year, one bar colour per region; undated ones are noted, not drawn."""
    dated = founded[founded["year"].notna()]
    colours = region_colours(founded["region"])
    figure = go.Figure()
    for region in colours:
        rows = dated[dated["region"] == region]
        figure.add_trace(go.Bar(x=rows["year"].astype(int), y=rows["partnerships"], name=plain(region),
                                marker_color=colours[region],
                                hovertemplate=f"{plain(region)}, %{{x}}: %{{y}} founded<extra></extra>"))
    undated = int(founded.loc[founded["year"].isna(), "partnerships"].sum())
    note = f" ({undated} partnership{'s' if undated != 1 else ''} without a founding date not shown)" if undated else ""
    figure.update_xaxes(title_text="Year founded" + note, dtick=1 if dated["year"].nunique() < 15 else None)
    figure.update_yaxes(title_text="Partnerships", rangemode="tozero", dtick=1 if dated["partnerships"].max() < 8
                        else None)
    return _base_layout(figure, 380, presenting, barmode="group",
                        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text="Region"))
