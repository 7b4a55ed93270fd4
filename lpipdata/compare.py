"""Pure helpers for comparing regions: which regions to show, and network measures per region.

The network measures work on the organisation projection of each region: organisations are
linked when they share a partnership of that region. The projection and its centralisation
come from lpipdata.network.metrics, next to the Network view's own metrics.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import networkx as nx
import pandas as pd

from lpipdata.network.metrics import degree_centralisation, pairs_projection

MIN_REGIONS, MAX_REGIONS = 2, 4
METRIC_COLUMNS = ["region_id", "region", "organisations", "partnerships", "ties", "density", "centralisation"]


def choose_regions(requested: Sequence[str], defaults: Sequence[str],
                   names: Mapping[str, str]) -> tuple[tuple[str, ...], str | None]:
    """The 2-4 regions to compare and, when the request had to be changed, a message saying how.

    None requested: the defaults (the phase-2 LPIPs). One: it, alongside defaults up to four.
    More than four: the first four.
    """
    requested = tuple(dict.fromkeys(requested))
    if not requested:
        return tuple(defaults[:MAX_REGIONS]), None
    if len(requested) < MIN_REGIONS:
        chosen = (requested + tuple(r for r in defaults if r not in requested))[:MAX_REGIONS]
        if len(chosen) < MIN_REGIONS:
            return chosen, "Compare needs at least two regions, and no others are available."
        others = ", ".join(names.get(r, r) for r in chosen[1:])
        return chosen, (f"Compare needs at least two regions: showing {names.get(requested[0], requested[0])} "
                        f"alongside {others}. Pick more regions in the sidebar.")
    if len(requested) > MAX_REGIONS:
        chosen = requested[:MAX_REGIONS]
        dropped = ", ".join(names.get(r, r) for r in requested[MAX_REGIONS:])
        return chosen, (f"Compare shows at most {MAX_REGIONS} regions side by side: left out {dropped}. "
                        "Remove some regions in the sidebar to choose which four.")
    return requested, None


def network_measures(pairs: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Per region: organisations, partnerships, ties, density and degree centralisation of its projection.

    `pairs` has region_id, partnership_id, org_id; `regions` has region_id and region (name) in display order.
    Without any memberships there is no network to measure, and the frame is empty.
    """
    if pairs.empty:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    rows = []
    for region in regions.itertuples():
        own = pairs[pairs["region_id"] == region.region_id]
        graph = pairs_projection(own)
        rows.append({"region_id": region.region_id, "region": region.region,
                     "organisations": graph.number_of_nodes(), "partnerships": own["partnership_id"].nunique(),
                     "ties": graph.number_of_edges(),
                     "density": round(nx.density(graph), 3) if graph.number_of_nodes() > 1 else None,
                     "centralisation": _rounded(degree_centralisation(graph))})
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
