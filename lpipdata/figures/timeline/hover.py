"""Hover text for bars and events, and dates at their own precision ('2017', 'Feb 2024').

Plotly renders a subset of HTML, so every value from data is escaped.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from lpipdata import dates


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else str(value)


def _esc(value: object) -> str:
    return html.escape(_text(value))


def lifespan(founded: object, ended: object) -> str:
    """'2017 – no end date', 'Feb 2024 – Dec 2026', 'start not sourced – Jul 2024'."""
    start = dates.display(_text(founded) or None) or "start not sourced"
    end = dates.display(_text(ended) or None) or "no end date"
    return f"{start} – {end}"


def start_milestone(founded: object, founded_as: object) -> str:
    """' · starts at: launch' — which milestone the bar's start date is; '' when unknown or undated."""
    milestone = _text(founded_as)
    return f" · starts at: {html.escape(milestone)}" if milestone and _text(founded) else ""


def confidence_flag(confidence: object) -> str:
    return "" if _text(confidence) in ("", "sourced") else f"<br>⚠ {_esc(confidence)}"


def partnership_hover(row: dict) -> str:
    name, acronym = _text(row["name"]), _text(row["acronym"])
    shown_acronym = f" ({html.escape(acronym)})" if acronym and acronym != name else ""
    form = f" · {_esc(row['governance_form'])}" if _text(row["governance_form"]) else ""
    themes = f"<br>Themes: {_esc(row['themes'])}" if _text(row["themes"]) else ""
    return (f"<b>{html.escape(name)}</b>{shown_acronym}<br>{_esc(row['scale'])}{form}"
            f"<br>{html.escape(lifespan(row['founded'], row['ended']))}"
            f"{start_milestone(row['founded'], row.get('founded_as'))}"
            f"<br>{_esc(row['region_name'])}{themes}"
            f"<br>Source: {_esc(row['source_title']) or 'not named'}{confidence_flag(row['confidence'])}"
            "<br><i>Click for details and the source link</i>")


def event_hover(row: dict) -> str:
    end = _text(row["end_date"])
    when = dates.display(row["date"]) + (f" – {dates.display(end)}" if end else "")
    about = f" · {_esc(row['partnership_name'])}" if _text(row["partnership_name"]) else ""
    return (f"<b>{_esc(row['title'])}</b><br>{_esc(row['kind'])} · {html.escape(when)}<br>{_esc(row['region_name'])}"
            f"{about}<br>Source: {_esc(row['source_title']) or 'not named'}{confidence_flag(row['confidence'])}"
            "<br><i>Click for details and the source link</i>")
