"""Everything the Multilevel page shows, in two parts the page caches separately:

- :func:`history`, per filter state without the as-of day: the ladder's places, the playback's
  steps and the measures for every step. Computed once, so stepping or playing never moves a
  partnership nor recomputes a layout.
- :func:`step_view`, per filter state and as-of day: the partnerships and links on that day, the
  measures, the ladder figure and the tables. Each playback step is one cached step view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lpipdata import dates
from lpipdata.figures import multilevel as figures
from lpipdata.filters import Filters
from lpipdata.multilevel import ladder, measures, playback, tables
from lpipdata.queries import multilevel as queries

MAX_DRAWN_LINKS = 600  # the strongest links are drawn; the table lists every one
MAX_DRAWN_PARTNERSHIPS = 2000  # the most linked partnerships are drawn; the table lists every one


def shared_filters(filters: Filters) -> Filters:
    """The part of the filter state that shapes the ladder on a day: selections do not."""
    return filters.with_(region=None, org=None, partnership=None)


@dataclass(frozen=True)
class History:
    levels: pd.DataFrame
    placement: ladder.Placement
    tiers: measures.Tiers
    steps: tuple[date, ...]
    over_time: pd.DataFrame
    undated: int  # partnerships whose founding is not sourced: on no as-of day

    @property
    def scale_of(self) -> dict[int, str]:
        return dict(zip(self.levels["level"].astype(int), self.levels["scale"]))


def history(con, filters: Filters, today: date, first_year: int | None = None) -> History:
    """The ladder's places, the playback steps and the measures on each step, for `filters`
    (its as-of day and selections are ignored). Steps start no earlier than `first_year` (the
    earliest as-of day the page's date widget takes)."""
    shared = shared_filters(filters).with_(as_of=None)
    levels = queries.levels(con)
    placement = ladder.place(queries.partnerships(con, shared), ladder.rungs(levels, shared.scales), shared.regions)
    tiers = measures.Tiers.from_levels(levels)
    steps = play_steps(con, shared, today, first_year)
    scale_of = dict(zip(levels["level"].astype(int), levels["scale"]))
    if steps:
        nodes = _on_rungs(placement, queries.partnerships_on(con, shared, steps))
        over_time = measures.over_time(steps, nodes, queries.ties_on(con, shared, steps), tiers, scale_of)
    else:
        over_time = measures.over_time((), pd.DataFrame(), pd.DataFrame(), tiers, scale_of)
    undated = int(placement.places["founded_first"].isna().sum())
    return History(levels, placement, tiers, steps, over_time, undated)


def play_steps(con, filters: Filters, today: date, first_year: int | None = None) -> tuple[date, ...]:
    """The years a playback steps through for `filters` (as-of day and selections ignored): those in
    which a partnership or a membership starts or ends, from `first_year` at the earliest."""
    shared = shared_filters(filters).with_(as_of=None)
    year_from = max(shared.year_from or 0, first_year or 0) or None
    days = playback.candidate_days(queries.first_start(con, shared), today, year_from, shared.year_to)
    return playback.steps(queries.changes(con, shared, days)) if days else ()


def _on_rungs(placement: ladder.Placement, active: pd.DataFrame) -> pd.DataFrame:
    """Active partnerships (day, partnership_id, members) with their places; those not on a rung are dropped."""
    return active.merge(placement.places, on="partnership_id", how="inner")


@dataclass(frozen=True)
class StepView:
    day: date | None
    nodes: pd.DataFrame  # the partnerships on the ladder that day, placed, with members and links counts
    links: pd.DataFrame  # ladder.links for the day (every one; the figure draws at most MAX_DRAWN_LINKS)
    ties: pd.DataFrame
    scopes: pd.DataFrame  # measures.scope_measures
    brokers: pd.DataFrame
    figure: go.Figure | None  # None when there is no ladder to draw (see `reason`)
    reason: str | None
    drawn_links: int
    drawn_partnerships: int
    partnerships_table: pd.DataFrame  # the table alternatives, built once per step (large at 100x)
    links_table: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.nodes.empty

    def overall(self) -> pd.Series:
        return self.scopes.iloc[0]


def day_label(day: date | None) -> str:
    return f"on {dates.display(day.isoformat())}" if day else "recorded"


def step_view(con, filters: Filters, past: History, presenting: bool = False, fit_px: int | None = None) -> StepView:
    """The ladder on `filters.as_of` (every recorded partnership without one)."""
    shared = shared_filters(filters)
    day = shared.as_of
    nodes = _on_rungs(past.placement, queries.partnerships_on(con, shared, (day,))).drop(columns=["day"])
    ties = queries.ties_on(con, shared, (day,))
    shown = set(nodes["partnership_id"])
    keep = [a in shown and b in shown for a, b in zip(ties["lower_id"], ties["upper_id"])]
    ties = ties.loc[pd.Series(keep, index=ties.index, dtype=bool)]
    links = ladder.links(ties)
    per_partnership = pd.concat([links["lower_id"], links["upper_id"]]).value_counts()
    nodes = nodes.assign(links=nodes["partnership_id"].map(per_partnership).fillna(0).astype(int))
    scopes = measures.scope_measures(nodes, ties, past.tiers, past.scale_of)
    ranked = measures.brokers(ties, nodes)
    reason = _no_ladder(nodes, day, past.scale_of)
    figure, drawn_links, drawn_partnerships = None, 0, 0
    if reason is None:
        shown_nodes = _drawable_nodes(nodes)
        shown_links = links.head(MAX_DRAWN_LINKS)
        figure = figures.ladder_figure(past.placement, shown_nodes, shown_links, presenting=presenting, fit_px=fit_px,
                                       day_label=day_label(day) if day else "")
        drawn_partnerships = len(shown_nodes)
        drawn_links = int((shown_links["lower_id"].isin(shown_nodes["partnership_id"])
                           & shown_links["upper_id"].isin(shown_nodes["partnership_id"])).sum())
    return StepView(day, nodes, links, ties, scopes, ranked, figure, reason, drawn_links, drawn_partnerships,
                    tables.partnerships_table(nodes), tables.links_table(links, nodes))


def _drawable_nodes(nodes: pd.DataFrame) -> pd.DataFrame:
    if len(nodes) <= MAX_DRAWN_PARTNERSHIPS:
        return nodes
    return nodes.sort_values(["links", "members", "partnership_id"], ascending=[False, False, True]).head(
        MAX_DRAWN_PARTNERSHIPS)


def _no_ladder(nodes: pd.DataFrame, day: date | None, scale_of: dict[int, str]) -> str | None:
    """Why there is no ladder to draw, in words: nothing on the day, or every partnership on one level."""
    if nodes.empty:
        return (f"No partnership matching these filters is active {day_label(day)}." if day else
                "No partnership matches these filters.")
    levels = nodes["level"].unique()
    if len(levels) > 1:
        return None
    scale = scale_of.get(int(levels[0]), str(levels[0]))
    regions = sorted(nodes["region_name"].unique())
    where = regions[0] if len(regions) == 1 else f"the {len(regions)} regions shown"
    count = len(nodes)
    return (f"{where} has partnerships at one level only {day_label(day)}: {count} at {scale} scale. A link needs "
            "two levels, so there is no ladder to draw; the partnerships are listed below."
            if len(regions) == 1 else
            f"Every partnership in {where} is at one level {day_label(day)}: {count} at {scale} scale. A link needs "
            "two levels, so there is no ladder to draw; the partnerships are listed below.")


def region_measures(con, filters: Filters) -> pd.DataFrame:
    """The measures for each chosen region side by side (Compare's section), on the as-of day.

    Columns: region_id, region, partnerships, levels, lower_tier, connected_upward,
    share_connected_upward, levels_unlinked (text), cross_level_links, top_broker, top_broker_links.
    Regions in the order chosen; a region with no partnership under the filters has no row.
    """
    shared = shared_filters(filters)
    levels = queries.levels(con)
    placed = queries.partnerships(con, shared)[["partnership_id", "level", "region_id", "region_name"]]
    active = queries.partnerships_on(con, shared, (shared.as_of,))
    nodes = active.merge(placed.dropna(subset=["level"]), on="partnership_id")
    nodes = nodes.assign(level=nodes["level"].astype(int))
    scopes = measures.scope_measures(nodes, queries.ties_on(con, shared, (shared.as_of,)),
                                     measures.Tiers.from_levels(levels),
                                     dict(zip(levels["level"].astype(int), levels["scale"])))
    scopes = scopes[scopes["scope_id"] != measures.ALL]
    order = {region: i for i, region in enumerate(shared.regions)}
    scopes = scopes.assign(rank=scopes["scope_id"].map(lambda r: order.get(r, len(order)))).sort_values("rank")
    return pd.DataFrame({
        "region_id": scopes["scope_id"], "region": scopes["scope_name"], "partnerships": scopes["partnerships"],
        "levels": scopes["levels"], "lower_tier": scopes["lower_tier"], "connected_upward": scopes["connected_upward"],
        "share_connected_upward": scopes["share_connected_upward"],
        "levels_unlinked": [", ".join(levels) or "none" for levels in scopes["levels_unlinked"]],
        "cross_level_links": scopes["cross_level_links"], "top_broker": scopes["top_broker"].fillna("none"),
        "top_broker_links": scopes["top_broker_links"],
    }).reset_index(drop=True)


# --- what the page writes about it ---------------------------------------------------------------

def summary(view: StepView, past: History) -> str:
    """One sentence of what the ladder holds, e.g. '26 partnerships on 4 levels, 5 cross-level links,
    …'."""
    if view.empty:
        return ""
    overall = view.overall()
    text = (f"{len(view.nodes):,} partnership{'s' * (len(view.nodes) != 1)} on {int(overall['levels'])} "
            f"level{'s' * (int(overall['levels']) != 1)} in {view.nodes['region_id'].nunique()} "
            f"region{'s' * (view.nodes['region_id'].nunique() != 1)}, {len(view.links):,} cross-level "
            f"link{'s' * (len(view.links) != 1)} {day_label(view.day)}")
    if view.day and past.undated:
        text += (f". {past.undated} partnership{'s' * (past.undated != 1)} with no sourced founding date "
                 f"{'are' if past.undated != 1 else 'is'} on no as-of day")
    return text + "."


def drawing_note(view: StepView) -> str | None:
    """What the figure leaves out, if anything."""
    parts = []
    if view.drawn_partnerships < len(view.nodes):
        parts.append(f"the {view.drawn_partnerships:,} most linked of {len(view.nodes):,} partnerships")
    if view.figure is not None and view.drawn_links < len(view.links):
        parts.append(f"the {view.drawn_links:,} strongest of {len(view.links):,} links")
    if not parts:
        return None
    return "To keep the browser responsive the ladder draws " + " and ".join(parts) + "; the tables list them all."


def measures_sentence(view: StepView) -> str:
    """The overall measures in words, for the caption under the ladder and for slides."""
    row = view.overall()
    if row["lower_tier"]:
        share = f"{int(row['connected_upward'])} of {int(row['lower_tier'])} local and sub-regional partnerships " \
                f"({row['share_connected_upward'] * 100:.0f}%) are connected upward to a regional or national one"
    else:
        share = "No local or sub-regional partnership is shown"
    unlinked = row["levels_unlinked"]
    levels = (f"no link upward from {', '.join(unlinked)}" if unlinked else "every level below the top links upward")
    return f"{share}; {levels}."

