"""The table alternative to the chart, and the tables for a selected partnership."""

from __future__ import annotations

from datetime import date

import pandas as pd

from lpipdata import dates
from lpipdata.figures.timeline.hover import _text


def partnership_table(bars: pd.DataFrame, as_of: date | None = None) -> pd.DataFrame:
    """The partnerships shown, one row each, dates at their own precision."""
    table = pd.DataFrame({
        "Partnership": bars["name"], "Acronym": bars["acronym"], "Scale": bars["scale"], "Region": bars["region_name"],
        "Founded": [dates.display(_text(d) or None) or "not sourced" for d in bars["founded"]],
        "Founded as": [_text(m) for m in bars.get("founded_as", pd.Series([None] * len(bars)))],
        "Ended": [dates.display(_text(d) or None) or "no end date" for d in bars["ended"]],
        "Themes": bars["themes"], "Confidence": bars["confidence"], "Source": bars["source_url"],
    })
    if as_of:
        table.insert(6, f"Active on {as_of.isoformat()}", bars["active_on_as_of"].map({True: "yes", False: "no"}))
    return table.reset_index(drop=True)


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events shown, in date order, dates at their own precision."""
    return pd.DataFrame({
        "Date": [dates.display(d) for d in events["date"]],
        "Until": [dates.display(_text(d) or None) for d in events["end_date"]],
        "Kind": events["kind"], "Event": events["title"], "Region": events["region_name"],
        "Partnership": events["partnership_name"], "Confidence": events["confidence"], "Source": events["source_url"],
    }).reset_index(drop=True)


def members_table(members: pd.DataFrame) -> pd.DataFrame:
    """A selected partnership's members (queries.timeline.partnership_members), each with its source."""
    return pd.DataFrame({"Organisation": members["org_name"], "Role": members["role"],
                         "Confidence": members["confidence"], "Source": members["source_url"]})


def partnership_events_table(events: pd.DataFrame) -> pd.DataFrame:
    """A selected partnership's events (queries.timeline.partnership_events), dates at their precision."""
    return pd.DataFrame({"Date": [dates.display(d) for d in events["date"]], "Kind": events["kind"],
                         "Event": events["title"], "Confidence": events["confidence"], "Source": events["source_url"]})


def undated_table(bars: pd.DataFrame) -> pd.DataFrame:
    """Partnerships whose start is not sourced: they have no bar, so they are listed instead."""
    part = bars[bars["founded"].isna()]
    return pd.DataFrame({"Partnership": part["name"], "Source": part["source_url"], "Scale": part["scale"],
                         "Ended": [dates.display(_text(d) or None) for d in part["ended"]]}).reset_index(drop=True)
