"""Placing councils and combined authorities on the map from the area they govern.

Most organisations' coordinates are a town centre the research brief names. A council or a
combined authority needs no such source: it governs an ONS area, so when organisations.csv gives
its `area_code` and no coordinates, the build places it at a point inside that area (the
boundaries table's representative point, which lies inside the shape, unlike a centroid) and
marks the location 'inferred'. Without boundary files nothing is placed.
"""

from __future__ import annotations

import pandas as pd

Records = list[tuple[int, dict]]


def place_by_area(organisations: Records, boundaries: pd.DataFrame) -> tuple[Records, list[str]]:
    """`organisations` (line, record) with area-based coordinates filled in, and build notes."""
    points = {row.code: row for row in boundaries.itertuples()}
    placed, notes, out = 0, [], []
    for line, record in organisations:
        code = record.get("area_code")
        if code and record.get("lat") is None:
            area = points.get(code)
            if area is None:
                notes.append(f"organisations.csv:{line}: area_code {code} is not in the boundary layers, so "
                             f"{record['org_id']} is not placed; check the code against lad_to_region.csv")
            else:
                record = {**record, "lat": f"{area.centroid_lat:.5f}", "lon": f"{area.centroid_lon:.5f}",
                          "place": record.get("place") or area.name,
                          "location_confidence": record.get("location_confidence") or "inferred"}
                placed += 1
        out.append((line, record))
    if placed:
        notes.insert(0, f"organisations: {placed} placed inside the area they govern (area_code)")
    return out, notes
