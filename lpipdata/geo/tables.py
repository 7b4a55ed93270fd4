"""Precomputed boundary tables for the database build, so the app does no geometry work per rerun.

- "boundaries": one row per feature per layer, with display GeoJSON, a representative point and area.
- "region_shapes": one row per region_id of region_areas: the union of its areas, same columns.
"""

from __future__ import annotations

from pathlib import Path

import geopandas
import numpy as np
import pandas
import shapely
from shapely.geometry.base import BaseGeometry

from lpipdata.geo import GeoError
from lpipdata.geo.layers import AREA_TYPE_LAYER, LAYERS, check_codes, compact_json, geometry_to_geojson, layer_path, load_layer
from lpipdata.geo.process import BNG, WGS84, polygonal

# The layers are already simplified at 350 m, and re-simplifying at 150-350 m saved under 1% (measured),
# so no further simplification by default; 4 decimals (about 10 m) instead of 5 saves about 10%.
# The default UK map (ITL1 + region shapes) is then about 0.87 MB of GeoJSON text.
DISPLAY_TOLERANCE_M = 0.0
DISPLAY_DECIMALS = 4
EQUAL_AREA = "EPSG:3035"  # ETRS89 LAEA Europe: equal-area, covers the whole UK including Northern Ireland.
BOUNDARY_COLUMNS = ["layer", "code", "name", "region_code", "geojson", "centroid_lat", "centroid_lon", "area_km2"]
REGION_COLUMNS = ["region_id", "geojson", "centroid_lat", "centroid_lon", "area_km2"]
REGION_AREA_COLUMNS = ["region_id", "area_code", "area_type"]


def boundary_tables(
    geo_dir: Path | str,
    region_areas: pandas.DataFrame,
    tolerance_m: float = DISPLAY_TOLERANCE_M,
    decimals: int = DISPLAY_DECIMALS,
) -> dict[str, pandas.DataFrame]:
    """The "boundaries" and "region_shapes" tables from the layers in `geo_dir` and `region_areas`.

    `region_areas` has columns region_id, area_code, area_type (ITL1/LAD/CAUTH). Raises GeoError when a
    layer is missing or bad, or when region_areas names an area the layers lack.
    """
    _check_region_areas(region_areas)
    layers = {layer: load_layer(geo_dir, layer) for layer in LAYERS}
    for area_type, layer in AREA_TYPE_LAYER.items():
        wanted = region_areas.loc[region_areas["area_type"] == area_type, "area_code"]
        check_codes(layers[layer], wanted, layer_path(geo_dir, layer))
    boundaries = pandas.concat([_layer_rows(layer, layers[layer], tolerance_m, decimals) for layer in LAYERS])
    regions = _region_rows(layers, region_areas, tolerance_m, decimals)
    return {"boundaries": boundaries.reset_index(drop=True), "region_shapes": regions}


def _check_region_areas(region_areas: pandas.DataFrame) -> None:
    missing = [column for column in REGION_AREA_COLUMNS if column not in region_areas.columns]
    if missing:
        raise GeoError(f"region_areas lacks column(s) {', '.join(missing)}; it needs {', '.join(REGION_AREA_COLUMNS)}.")
    bad = region_areas[~region_areas["area_type"].isin(list(AREA_TYPE_LAYER))]
    if len(bad):
        row = bad.iloc[0]
        raise GeoError(
            f"region_areas row {bad.index[0]} (region {row['region_id']}, area {row['area_code']}): area_type "
            f"{row['area_type']!r} is not one of {', '.join(AREA_TYPE_LAYER)}."
        )


def _layer_rows(layer: str, frame: geopandas.GeoDataFrame, tolerance_m: float, decimals: int) -> pandas.DataFrame:
    """One "boundaries" row per feature; the layer is simplified as a coverage so neighbours still meet."""
    display = display_geometries(frame, tolerance_m, decimals, coverage=True)
    shapes = _shape_columns(display, area_km2(frame.geometry.to_numpy()), decimals)
    region_code = frame["region_code"] if "region_code" in frame else pandas.Series(None, index=frame.index, dtype=object)
    meta = pandas.DataFrame({"layer": layer, "code": frame["code"], "name": frame["name"], "region_code": region_code})
    return pandas.concat([meta.reset_index(drop=True), shapes], axis=1)[BOUNDARY_COLUMNS]


def _region_rows(
    layers: dict[str, geopandas.GeoDataFrame], region_areas: pandas.DataFrame, tolerance_m: float, decimals: int
) -> pandas.DataFrame:
    """One "region_shapes" row per region_id: the union of its areas' geometries."""
    lookup = {
        (area_type, code): geom
        for area_type, layer in AREA_TYPE_LAYER.items()
        for code, geom in zip(layers[layer]["code"], layers[layer].geometry, strict=True)
    }
    groups = list(region_areas.groupby("region_id", sort=False))
    region_ids = [region_id for region_id, _ in groups]
    # Union in the files' own lon/lat coordinates: shared borders are bit-identical there, so no slivers.
    unions = [
        polygonal(shapely.union_all([lookup[(t, c)] for t, c in zip(rows["area_type"], rows["area_code"], strict=True)]))
        for _, rows in groups
    ]
    frame = geopandas.GeoDataFrame({"region_id": region_ids}, geometry=unions, crs=WGS84)
    # Regions overlap (e.g. 'uk' contains the others), so each is simplified on its own.
    display = display_geometries(frame, tolerance_m, decimals, coverage=False)
    shapes = _shape_columns(display, area_km2(frame.geometry.to_numpy()), decimals)
    regions = pandas.concat([frame[["region_id"]], shapes], axis=1)[REGION_COLUMNS]
    # Explicit types so an empty region_areas still gives text and number columns to the database.
    return regions.astype({"region_id": "str", "geojson": "str", "centroid_lat": "float64", "centroid_lon": "float64"})


def display_geometries(frame: geopandas.GeoDataFrame, tolerance_m: float, decimals: int, coverage: bool) -> np.ndarray:
    """Topology-preserving simplification in metres, then lon/lat rounded to `decimals`, clockwise shells."""
    geoms = frame.to_crs(BNG).geometry.to_numpy()
    if tolerance_m > 0:
        geoms = _simplify(geoms, tolerance_m, coverage)
    geoms = geopandas.GeoSeries(geoms, crs=BNG).to_crs(WGS84).to_numpy()
    # Snapping to the output grid with set_precision keeps the rounded shapes valid.
    geoms = shapely.set_precision(geoms, 10.0**-decimals)
    return shapely.orient_polygons(geoms, exterior_cw=True)


def _simplify(geoms: np.ndarray, tolerance_m: float, coverage: bool) -> np.ndarray:
    """Coverage simplification when the features tile (shared borders stay shared); per-feature otherwise.

    A feature that coverage simplification cannot handle (e.g. the input overlaps) falls back to
    per-feature topology-preserving simplification.
    """
    if not coverage:
        return np.array([shapely.coverage_simplify([g], tolerance_m)[0] for g in geoms], dtype=object)
    result = shapely.coverage_simplify(geoms, tolerance_m)
    bad = ~shapely.is_valid(result) | shapely.is_empty(result)
    result[bad] = shapely.simplify(geoms[bad], tolerance_m, preserve_topology=True)
    return result


def area_km2(geoms: np.ndarray) -> np.ndarray:
    """Areas in km² measured in an equal-area projection, from the undisplayed geometry."""
    areas = geopandas.GeoSeries(geoms, crs=WGS84).to_crs(EQUAL_AREA).area.to_numpy() / 1e6
    return np.round(areas, 2)


def _shape_columns(geoms: np.ndarray, areas: np.ndarray, decimals: int) -> pandas.DataFrame:
    """geojson, centroid_lat, centroid_lon (a point inside the displayed shape) and area_km2."""
    points = shapely.point_on_surface(geoms)
    return pandas.DataFrame(
        {
            "geojson": [_geojson_text(g, decimals) for g in geoms],
            "centroid_lat": np.round(shapely.get_y(points), 5),
            "centroid_lon": np.round(shapely.get_x(points), 5),
            "area_km2": areas,
        }
    )


def _geojson_text(geom: BaseGeometry, decimals: int) -> str:
    return compact_json(geometry_to_geojson(polygonal(geom), decimals))
