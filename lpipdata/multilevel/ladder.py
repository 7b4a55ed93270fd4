"""The ladder: its rungs (the schema's scales), where each partnership sits, and the links between
levels (pure pandas, no Streamlit, no plotly).

Places are computed once per filter state from every partnership the filters keep, whatever its
dates, so that when the as-of day moves (or plays) a partnership appears and disappears in its own
place instead of shifting its neighbours.

- A rung per scale, lowest level at the bottom (y = 0). When the scale filter is set, only its
  scales are rungs.
- Regions are bands side by side (x). A band is as wide as its fullest rung, and a rung's
  partnerships are spread evenly across their region's band, oldest first, so one region can be
  followed upward within its band.
- A partnership whose scale the schema does not list has no rung: it is listed apart, never drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lpipdata.filters import ID_PATTERN

BAND_GAP = 0.8  # empty slots between two regions' bands
NOT_ON_A_RUNG = -1


@dataclass(frozen=True)
class Rung:
    scale: str
    level: int  # the scale's place in the schema's order (neighbourhood 1)
    y: int  # its row on the ladder, 0 at the bottom


@dataclass(frozen=True)
class Placement:
    """Where everything goes: rungs, region bands and every partnership (treat as read-only)."""

    rungs: tuple[Rung, ...]
    bands: pd.DataFrame  # region_id, region_name, x0, x1, centre, partnerships
    places: pd.DataFrame  # the partnerships frame plus x, y (only those on a rung)
    unscaled: pd.DataFrame  # partnerships with no rung

    @property
    def width(self) -> float:
        return float(self.bands["x1"].max()) if not self.bands.empty else 1.0

    def rung_of(self, level: int) -> Rung | None:
        return next((r for r in self.rungs if r.level == level), None)


def rungs(levels: pd.DataFrame, chosen_scales: tuple[str, ...] = ()) -> tuple[Rung, ...]:
    """The ladder's rungs from queries.multilevel.levels (scale, level), lowest first."""
    shown = levels[levels["scale"].isin(chosen_scales)] if chosen_scales else levels
    shown = shown.sort_values("level")
    pairs = zip(shown["scale"], shown["level"])
    return tuple(Rung(str(scale), int(level), y) for y, (scale, level) in enumerate(pairs))


def place(partnerships: pd.DataFrame, ladder_rungs: tuple[Rung, ...],
          region_order: tuple[str, ...] = ()) -> Placement:
    """Place every partnership (queries.multilevel.partnerships) on its rung, in its region's band.

    Bands follow `region_order` (the regions as chosen) when given, else the regions with most
    partnerships come first (then by name).
    """
    y_of = {r.level: r.y for r in ladder_rungs}
    level = pd.to_numeric(partnerships["level"], errors="coerce")
    on_rung = level.map(lambda v: not pd.isna(v) and int(v) in y_of).astype(bool)
    unscaled = partnerships[~on_rung].reset_index(drop=True)
    frame = partnerships[on_rung].copy()
    frame["level"] = level[on_rung].astype(int)
    frame = frame.sort_values(["region_id", "level", "founded_first", "name", "partnership_id"], na_position="last")
    frame["y"] = frame["level"].map(y_of).astype(int)
    bands = _bands(frame, region_order)
    frame = frame.merge(bands[["region_id", "x0", "x1"]], on="region_id", how="left")
    frame["x"] = _spread(frame)
    places = frame.drop(columns=["x0", "x1"]).reset_index(drop=True)
    return Placement(ladder_rungs, bands, places, unscaled)


def _bands(frame: pd.DataFrame, region_order: tuple[str, ...]) -> pd.DataFrame:
    columns = ["region_id", "region_name", "x0", "x1", "centre", "partnerships"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    counts = frame.groupby(["region_id", "region_name"]).size().rename("partnerships").reset_index()
    widest = frame.groupby(["region_id", "y"]).size().groupby("region_id").max().rename("width")
    counts = counts.merge(widest, on="region_id")
    if region_order:
        rank = {region: i for i, region in enumerate(region_order)}
        counts = counts.assign(rank=counts["region_id"].map(lambda r: rank.get(r, len(rank))))
        counts = counts.sort_values(["rank", "region_name"])
    else:
        counts = counts.sort_values(["partnerships", "region_name"], ascending=[False, True])
    x0, starts = 0.0, []
    for width in counts["width"]:
        starts.append(x0)
        x0 += float(width) + BAND_GAP
    counts["x0"] = starts
    counts["x1"] = counts["x0"] + counts["width"].astype(float)
    counts["centre"] = (counts["x0"] + counts["x1"]) / 2
    return counts[columns].reset_index(drop=True)


def _spread(frame: pd.DataFrame) -> pd.Series:
    """Each rung's partnerships of a region evenly across its band, in the frame's order (oldest first,
    undated last)."""
    index_in_rung = frame.groupby(["region_id", "y"]).cumcount()
    on_rung = frame.groupby(["region_id", "y"])["y"].transform("size")
    return frame["x0"] + (index_in_rung + 0.5) * (frame["x1"] - frame["x0"]) / on_rung


# --- links ----------------------------------------------------------------------------------------

LINK_COLUMNS = ["lower_id", "upper_id", "lower_level", "upper_level", "weight", "org_ids", "org_names"]


def links(ties: pd.DataFrame) -> pd.DataFrame:
    """Ties (queries.multilevel.ties_on, one day) grouped into links: one row per pair of
    partnerships on different levels, weighted by the organisations they share (named, sorted).

    Columns: lower_id, upper_id, lower_level, upper_level, weight, org_ids, org_names (tuples).
    Strongest first, then by ids. (Plain Python: pandas' per-group overhead dominates at scale.)
    """
    grouped: dict[tuple, dict[str, str]] = {}
    columns = ["lower_id", "upper_id", "lower_level", "upper_level", "org_id", "org_name"]
    for lower, upper, lower_level, upper_level, org_id, org_name in ties[columns].astype(object).itertuples(
            index=False, name=None):
        grouped.setdefault((lower, upper, int(lower_level), int(upper_level)), {})[org_id] = str(org_name)
    rows = []
    for key, orgs in grouped.items():
        ordered = sorted(orgs.items(), key=lambda item: (item[1], item[0]))
        rows.append((*key, len(ordered), tuple(o for o, _ in ordered), tuple(n for _, n in ordered)))
    rows.sort(key=lambda r: (-r[4], r[0], r[1]))
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def link_key(lower_id: str, upper_id: str) -> str:
    """How a link is named in the URL (`?link=lower~upper`): ids never contain '~'."""
    return f"{lower_id}~{upper_id}"


def parse_link_key(text: str | None) -> tuple[str, str] | None:
    """The (lower_id, upper_id) a `link` option names, or None when it is not of that shape."""
    if not text or text.count("~") != 1:
        return None
    lower, upper = text.split("~")
    return (lower, upper) if ID_PATTERN.match(lower) and ID_PATTERN.match(upper) else None
