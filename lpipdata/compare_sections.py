"""The Compare view's chart sections: the query that feeds each chart, its title, and what to say
when it is empty. The page (ui/compare.py) and the offline storyboard export draw from this one
list; `?section=` names the section a presentation slide shows first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import compare as figures
from lpipdata.figures import multilevel as multilevel_figures
from lpipdata.multilevel.view import region_measures
from lpipdata.queries import compare as queries


@dataclass(frozen=True)
class Section:
    """One chart section. The table shows `table_query`'s rows when given (when the chart's rows
    are not the best reading); `shaded` sections take the page's "shade by" measure."""

    title: str
    query: Callable
    build: Callable[..., go.Figure]
    empty: str
    caption: str = ""
    table_query: Callable | None = None
    shaded: bool = False

    def figure(self, frame: pd.DataFrame, measure: str, presenting: bool = False) -> go.Figure:
        return self.build(frame, presenting=presenting, **({"measure": measure} if self.shaded else {}))


SECTIONS = {
    "issues": Section("Issue profile", queries.issue_profile, figures.issue_heatmap,
                      "No issues are recorded for these regions (with these theme filters).", shaded=True),
    "scales": Section("Mix of partnership scales", queries.scale_mix, figures.scale_mix,
                      "No partnerships in these regions match the filters."),
    "sectors": Section("Sector mix of members", queries.sector_mix, figures.sector_mix,
                       "No memberships in these regions match the filters."),
    "network": Section("Network density and centralisation", queries.network_metrics, figures.network_measures,
                       "No memberships in these regions match the filters.",
                       caption="Organisations are linked when they share a partnership in the region. Density: the "
                               "share of possible links present. Degree centralisation: 1 when one organisation "
                               "links all others, 0 when all are equally linked (needs three organisations)."),
    "bridges": Section("Organisations shared between the regions", queries.bridge_memberships, figures.bridges,
                       "No organisation belongs to partnerships in more than one of these regions.",
                       caption="Bridges: organisations with memberships in partnerships of two or more of these "
                               "regions.", table_query=queries.bridges),
    "founded": Section("Partnerships founded per year", queries.founded_per_year, figures.founded_per_year,
                       "No partnerships in these regions match the filters."),
    "multilevel": Section("Vertical integration across levels", region_measures, multilevel_figures.compare_figure,
                          "No partnerships in these regions match the filters.",
                          caption="Links join partnerships on different levels that share a member organisation; "
                                  "only partnerships of the compared regions count, so a link to a UK-wide one "
                                  "shows when UK-wide is compared too. Definitions: the Multilevel page and the "
                                  "data dictionary."),
}
DEFAULT = next(iter(SECTIONS))


def shown_first(section: str | None) -> list[str]:
    """Every section key, `section` first (a slide's chart leads; unknown or none: page order)."""
    first = section if section in SECTIONS else DEFAULT
    return [first] + [key for key in SECTIONS if key != first]
