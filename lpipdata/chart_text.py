"""One sentence per main chart saying what it shows: the counts, the extremes and the as-of date.

Plotly charts cannot be reached with the keyboard or read by a screen reader (plotly/plotly.js 4264),
so each page gives its chart this sentence as the chart's accessible name (st.plotly_chart's `alt`)
and shows it under the chart; the table alternative stays. Plain text built from the same frames as the
chart: the page escapes it for Markdown (data names can hold any character).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from lpipdata import dates
from lpipdata.counts import MEMBER_ORGANISATIONS, ORGANISATIONS_BASED
from lpipdata.text import count

MAX_NAMED = 3  # ties beyond this are counted, not named


def as_of_words(as_of: date | None) -> str:
    return f", as of {dates.display(as_of.isoformat())}" if as_of else ""


def join(names: Sequence[str]) -> str:
    names = [str(name) for name in names]
    if not names:
        return "these regions"
    if len(names) > MAX_NAMED:
        return ", ".join(names[:MAX_NAMED]) + f" and {len(names) - MAX_NAMED} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def extremes(frame: pd.DataFrame, name: str, value: str) -> tuple[str, str]:
    """'Yorkshire and the Humber (26)' for the largest value and the smallest, ties named together."""
    values = pd.to_numeric(frame[value], errors="coerce")
    parts = []
    for target in (values.max(), values.min()):
        names = frame.loc[values == target, name].tolist()
        parts.append(f"{join(names)} ({_number(target)})")
    return parts[0], parts[1]


def _number(value) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) and value % 1 else f"{int(value):,}"


# ---------------------------------------------------------------------------------------------- map

def map_text(regions: pd.DataFrame, measure_column: str, measure_label: str, organisations: pd.DataFrame,
             as_of: date | None) -> str:
    """`regions`: the regions the map colours (name and the measure column); `organisations`: the points."""
    placed = int(organisations["lat"].notna().sum()) if len(organisations) else 0
    points = (f"{count(placed, 'point')} for the {ORGANISATIONS_BASED.of(len(organisations), 'the regions shown')}"
              .replace(" for the 1 organisation", " for the one organisation"))
    if regions.empty:
        return f"Map of organisations: {points}{as_of_words(as_of)}."
    most, fewest = extremes(regions, "name", measure_column)
    return (f"Map of {count(len(regions), 'LPIP region')} coloured by {measure_label.lower()}: the most in {most}, "
            f"the fewest in {fewest}; {points}{as_of_words(as_of)}.")


# ---------------------------------------------------------------------------------------------- network

def network_text(nodes: pd.DataFrame, links: int, as_of: date | None, centre: str | None = None) -> str:
    """`nodes`: the drawn nodes (kind, label, partnerships for organisations); `links`: the drawn edges."""
    orgs = nodes[nodes["kind"] == "organisation"]
    partnerships = int((nodes["kind"] == "partnership").sum())
    what = f"Ego network of {centre}" if centre else "Network"
    if partnerships:
        sentence = (f"{what}: {MEMBER_ORGANISATIONS.of(len(orgs))} and {count(partnerships, 'partnership')} joined "
                    f"by {count(links, 'membership link')}")
    else:  # the organisation projection: organisations tied when they share a partnership
        sentence = f"{what}: {MEMBER_ORGANISATIONS.of(len(orgs))} tied by {count(links, 'shared partnership')}"
    if len(orgs) and "partnerships" in orgs and orgs["partnerships"].notna().any():
        most, _ = extremes(orgs.assign(partnerships=orgs["partnerships"].fillna(0)), "label", "partnerships")
        sentence += f"; in the most partnerships: {most}"
    return sentence + as_of_words(as_of) + "."


# ---------------------------------------------------------------------------------------------- timeline

def timeline_text(bars: pd.DataFrame, events: pd.DataFrame, as_of: date | None) -> str:
    """`bars`: partnership rows with name, acronym, scale, founded_first (and active_on_as_of);
    `events`: the dated events."""
    lanes = bars["scale"].nunique() if len(bars) else 0
    sentence = f"Timeline of {count(len(bars), 'partnership')} in {count(lanes, 'scale')}"
    dated = bars[bars["founded_first"].notna()] if len(bars) else bars
    if len(dated):
        ordered = dated.sort_values(["founded_first", "name"])
        first, last = ordered.iloc[0], ordered.iloc[-1]
        sentence += (f", founded from {_short(first)} ({first['founded_first'].year}) to {_short(last)} "
                     f"({last['founded_first'].year})")
    if len(dated) < len(bars):
        sentence += f" ({len(bars) - len(dated)} without a founding date)"
    sentence += f", with {count(len(events), 'dated event')}"
    if as_of and "active_on_as_of" in bars:
        active = int(bars["active_on_as_of"].astype("boolean").eq(True).fillna(False).sum())
        sentence += f"; {active} active on {dates.display(as_of.isoformat())}"
    return sentence + "."


def _short(row) -> str:
    acronym = row.get("acronym")
    return acronym if isinstance(acronym, str) and acronym else str(row["name"])


# ---------------------------------------------------------------------------------------------- compare

def compare_text(section: str, frame: pd.DataFrame, regions: Sequence[str], measure: str = "partnerships") -> str:
    """The sentence for one Compare section's chart (its query's frame); `regions` are the compared names and
    `measure` what the issue profile is shaded by ('partnerships' or 'emphasis')."""
    if section == "issues" and not frame.empty:
        return _issues(frame, regions, measure)
    described = {"scales": _scales, "sectors": _sectors, "network": _network,
                 "bridges": _bridges, "founded": _founded}.get(section)
    if described is None or frame.empty:
        return f"Chart comparing {join(regions)}; the table below holds the same numbers."
    return described(frame, regions)


def _issues(frame: pd.DataFrame, regions: Sequence[str], measure: str) -> str:
    column = "emphasis" if measure == "emphasis" else "partnerships"
    top = frame.sort_values([column, "region", "theme"], ascending=[False, True, True]).iloc[0]
    themes = frame.loc[frame[column] > 0, "theme"].nunique()
    value = (f"an emphasis score of {_number(top[column])}" if column == "emphasis"
             else count(int(top[column]), "partnership") + " working on it")
    return (f"Issue profile of {join(regions)} across {count(themes, 'theme')}: the most is {top['theme']} in "
            f"{top['region']}, with {value}.")


def _largest_share(frame: pd.DataFrame, item: str, counted: str, noun: str) -> str:
    parts = []
    for region, rows in frame.groupby("region", sort=False):
        top = rows.sort_values([counted, item], ascending=[False, True]).iloc[0]
        parts.append(f"{top[item]} in {region} ({_number(top[counted])} of {_number(rows[counted].sum())})")
    return f"the largest {noun} is " + "; ".join(parts)


def _scales(frame: pd.DataFrame, regions: Sequence[str]) -> str:
    return f"Partnerships by scale in {join(regions)}: {_largest_share(frame, 'scale', 'partnerships', 'scale')}."


def _sectors(frame: pd.DataFrame, regions: Sequence[str]) -> str:
    return (f"{MEMBER_ORGANISATIONS.label()} by sector in {join(regions)}: "
            f"{_largest_share(frame, 'sector', 'organisations', 'sector')}.")


def _network(frame: pd.DataFrame, regions: Sequence[str]) -> str:
    densest, sparsest = extremes(frame, "region", "density")
    central, _ = extremes(frame, "region", "centralisation")
    return (f"Network density in {join(regions)}: highest in {densest}, lowest in {sparsest}; "
            f"most centralised: {central}.")


def _bridges(frame: pd.DataFrame, regions: Sequence[str]) -> str:
    spans = frame.groupby("organisation")["region"].nunique()
    widest = spans[spans == spans.max()].index.tolist()
    return (f"{count(len(spans), 'organisation')} belong to partnerships in two or more of {join(regions)}; "
            f"spanning the most ({spans.max()}): {join(widest)}.").replace("1 organisation belong ", "1 organisation belongs ")


def _founded(frame: pd.DataFrame, regions: Sequence[str]) -> str:
    years = frame.dropna(subset=["year"])
    if years.empty:
        return f"No dated foundings in {join(regions)}."
    busiest = years.sort_values(["partnerships", "year"], ascending=[False, True]).iloc[0]
    return (f"Partnerships founded per year in {join(regions)}, from {int(years['year'].min())} to "
            f"{int(years['year'].max())}: the busiest year is {int(busiest['year'])} in {busiest['region']} "
            f"({_number(busiest['partnerships'])} founded).")


# ---------------------------------------------------------------------------------------------- region profile

def region_map_text(region: str, points: pd.DataFrame, has_outline: bool) -> str:
    placed = int(points["lat"].notna().sum()) if len(points) else 0
    outline = f"Outline of {region} on the UK" if has_outline else f"{region} (no outline recorded)"
    return f"{outline}, with {count(placed, 'organisation')} based in the region placed on it."


def region_timeline_text(region: str, partnerships: pd.DataFrame, events: pd.DataFrame) -> str:
    return timeline_text(partnerships, events, None).replace("Timeline of", f"Timeline of {region}:", 1)


def region_network_text(region: str, drawn: int, organisations: pd.DataFrame) -> str:
    """`drawn`: how many organisations the excerpt draws; `organisations`: the region's member organisations,
    most connected first (name, partnerships)."""
    sentence = (f"Network excerpt of {region}: the {count(drawn, 'most connected organisation')} of its "
                f"{MEMBER_ORGANISATIONS.of(len(organisations))} and the partnerships they belong to")
    if len(organisations):
        most, _ = extremes(organisations, "name", "partnerships")
        sentence += f"; in the most of the region's partnerships: {most}"
    return sentence + "."
