"""The multilevel view's tables: the table alternatives to the ladder and the charts, the measures,
and what a click opens. Pure pandas; every text cell is shown literally by st.dataframe and the CSV
download neutralises formulas."""

from __future__ import annotations

import io
import math

import networkx as nx
import pandas as pd

from lpipdata import dates


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else str(value)


def _percent(share: object) -> float | None:
    return None if _text(share) is None else round(float(share) * 100, 1)


def partnerships_table(nodes: pd.DataFrame) -> pd.DataFrame:
    """The partnerships on the ladder on the day, by region and level."""
    ordered = nodes.sort_values(["region_name", "level", "x"]) if "x" in nodes else nodes
    return pd.DataFrame({
        "Partnership": ordered["name"], "Acronym": ordered["acronym"], "Scale": ordered["scale"],
        "Region": ordered["region_name"],
        "Founded": [dates.display(_text(d)) or "not sourced" for d in ordered["founded"]],
        "Ended": [dates.display(_text(d)) or "no end date" for d in ordered["ended"]],
        "Members": ordered["members"].astype(int), "Cross-level links": ordered["links"].astype(int),
        "Confidence": ordered["confidence"], "Source": ordered["source_url"],
    }).reset_index(drop=True)


def links_table(links: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """One row per cross-level link, strongest first, naming the organisations the two share."""
    card = nodes[["partnership_id", "name", "scale", "region_name"]]
    both = links.merge(card.add_prefix("lower_"), left_on="lower_id", right_on="lower_partnership_id") \
        .merge(card.add_prefix("upper_"), left_on="upper_id", right_on="upper_partnership_id")
    return pd.DataFrame({
        "Lower partnership": both["lower_name"], "Lower scale": both["lower_scale"],
        "Lower region": both["lower_region_name"], "Upper partnership": both["upper_name"],
        "Upper scale": both["upper_scale"], "Upper region": both["upper_region_name"],
        "Shared members": both["weight"].astype(int),
        "Shared member organisations": ["; ".join(names) for names in both["org_names"]],
        "lower_id": both["lower_id"], "upper_id": both["upper_id"],
    }).reset_index(drop=True)


def measures_table(scopes: pd.DataFrame) -> pd.DataFrame:
    """The measures for the view and each region (measures.scope_measures), as the page shows them."""
    return pd.DataFrame({
        "Scope": scopes["scope_name"], "Partnerships": scopes["partnerships"], "Levels": scopes["levels"],
        "Local and sub-regional": scopes["lower_tier"], "Connected upward": scopes["connected_upward"],
        "Share connected upward (%)": [_percent(s) for s in scopes["share_connected_upward"]],
        "Levels with no link upward": [", ".join(levels) or "none" for levels in scopes["levels_unlinked"]],
        "Cross-level links": scopes["cross_level_links"],
        "Top multilevel broker": scopes["top_broker"].fillna("none"),
        "Links it carries": scopes["top_broker_links"],
    }).reset_index(drop=True)


def over_time_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The measures for each playback year (measures.over_time)."""
    table = measures_table(frame)
    table.insert(0, "As of", [pd.Timestamp(d).date().isoformat() for d in frame["day"]])
    return table


def brokers_table(brokers: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Organisation": brokers["org_name"], "Cross-level links carried": brokers["broker_links"],
        "Levels spanned": brokers["levels_spanned"], "Partnerships": brokers["partnerships"],
        "Regions": brokers["regions"], "org_id": brokers["org_id"],
    }).reset_index(drop=True)


def members_table(members: pd.DataFrame) -> pd.DataFrame:
    """A clicked partnership's members (queries.timeline.partnership_members), each with its source."""
    return pd.DataFrame({"Organisation": members["org_name"], "Role": members["role"], "Sector": members["sector"],
                         "Since": [dates.display(_text(d)) for d in members["since"]],
                         "Until": [dates.display(_text(d)) for d in members["until"]],
                         "Confidence": members["confidence"], "Source": members["source_url"]}).reset_index(drop=True)


def shared_table(shared: pd.DataFrame, on_ladder: tuple[str, ...] | None = None) -> pd.DataFrame:
    """A clicked link's shared members (queries.multilevel.shared_members), with the source of the
    membership on each side. `on_ladder`: the organisations the link counts on the day (None: all)."""
    table = pd.DataFrame({
        "Organisation": shared["org_name"], "Sector": shared["sector"],
        "Role (lower)": shared["lower_role"], "Source (lower)": shared["lower_source_url"],
        "Role (upper)": shared["upper_role"], "Source (upper)": shared["upper_source_url"],
        "Confidence": [_weakest(a, b) for a, b in zip(shared["lower_confidence"], shared["upper_confidence"])],
    })
    if on_ladder is not None:
        table.insert(1, "Counted on this day", ["yes" if o in on_ladder else "no" for o in shared["org_id"]])
    return table.reset_index(drop=True)


def _weakest(*levels: object) -> str:
    given = "; ".join(_text(level) or "" for level in levels)
    return next((level for level in ("unverified", "inferred", "sourced") if level in given), "")


def partnership_links_table(links: pd.DataFrame, nodes: pd.DataFrame, partnership_id: str) -> pd.DataFrame:
    """The cross-level links of one partnership: the partnership at the other end, its scale, and
    the organisations they share."""
    card = nodes.set_index("partnership_id")
    rows = []
    for lower, upper, weight, names in zip(links["lower_id"], links["upper_id"], links["weight"], links["org_names"]):
        other = upper if lower == partnership_id else lower if upper == partnership_id else None
        if other in card.index:
            rows.append((card.at[other, "name"], card.at[other, "scale"], card.at[other, "region_name"], int(weight),
                         "; ".join(names)))
    return pd.DataFrame(rows, columns=["Linked partnership", "Its scale", "Its region", "Shared members",
                                       "Shared member organisations"])


def unscaled_table(unscaled: pd.DataFrame) -> pd.DataFrame:
    """Partnerships without a scale on the ladder: listed, never drawn."""
    return pd.DataFrame({"Partnership": unscaled["name"], "Scale as recorded": unscaled["scale"].fillna("none"),
                         "Region": unscaled["region_name"], "Source": unscaled["source_url"]}).reset_index(drop=True)


def ladder_graphml(nodes: pd.DataFrame, links: pd.DataFrame) -> bytes:
    """The ladder as a graph for Gephi: partnerships with scale, level and region; links weighted by
    shared members and naming them."""
    graph = nx.Graph()
    for row in nodes.itertuples():
        graph.add_node(row.partnership_id, label=str(row.name), scale=str(row.scale), level=int(row.level),
                       region=str(row.region_id), region_name=str(row.region_name), confidence=str(row.confidence))
    for row in links.itertuples():
        if row.lower_id in graph and row.upper_id in graph:
            graph.add_edge(row.lower_id, row.upper_id, weight=int(row.weight), shared_members="; ".join(row.org_names))
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()
