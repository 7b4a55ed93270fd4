"""Read and validate the boundary GeoJSON layers (itl1, lad, cauth) from the boundary folder.

The files are parsed with the json module and shapely rather than GDAL so that every problem can be
reported as one GeoError line naming the file, the feature (index and code) and the fix, instead of a
library traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from lpipdata.geo import GeoError

LAYERS = ("itl1", "lad", "cauth")
LAYER_TITLES = {"itl1": "ITL1 regions", "lad": "local authority districts", "cauth": "combined authorities"}
# region_areas.area_type -> layer name.
AREA_TYPE_LAYER = {"ITL1": "itl1", "LAD": "lad", "CAUTH": "cauth"}
CODE_PATTERNS = {
    "itl1": re.compile(r"TL[C-N]"),
    "lad": re.compile(r"(E0[6-9]|W06|S12|N09)\d{6}"),
    "cauth": re.compile(r"E47\d{6}"),
}
CODE_EXAMPLES = {"itl1": "TLC..TLN", "lad": "E06/E07/E08/E09/W06/S12/N09 + 6 digits", "cauth": "E47 + 6 digits"}
FETCH_HINT = (
    "run `python -m lpipdata geo fetch` or set LPIP_GEO_DIR to a folder that has "
    "itl1.geojson, lad.geojson and cauth.geojson"
)
REPAIR_HINT = "fix the feature (e.g. shapely.make_valid) or re-create the files with `python -m lpipdata geo fetch`"
# Names a GeoJSON "crs" member may use for WGS84 longitude/latitude.
WGS84_NAME = re.compile(r"(CRS:?84|EPSG:+4326)$", re.IGNORECASE)
# Longitude/latitude never exceed 180; anything in the thousands is projected metres (e.g. EPSG:27700).
METRES_THRESHOLD = 1000.0


def layer_path(geo_dir: Path | str, layer: str) -> Path:
    """Path of `layer`'s GeoJSON file in the boundary folder."""
    return Path(geo_dir) / f"{layer}.geojson"


def available_layers(geo_dir: Path | str) -> dict[str, Path]:
    """The layers whose files exist in `geo_dir`, by layer name."""
    paths = {layer: layer_path(geo_dir, layer) for layer in LAYERS}
    return {layer: path for layer, path in paths.items() if path.is_file()}


def missing_layers(geo_dir: Path | str) -> str | None:
    """A plain sentence saying which boundary files are missing from `geo_dir`, or None when none are."""
    geo_dir = Path(geo_dir)
    if not geo_dir.is_dir():
        return f"Boundary folder {geo_dir} does not exist; {FETCH_HINT}."
    missing = [f"{layer}.geojson" for layer in LAYERS if layer not in available_layers(geo_dir)]
    if not missing:
        return None
    return f"Boundary folder {geo_dir} lacks {', '.join(missing)}; {FETCH_HINT}."


def load_layer(geo_dir: Path | str, layer: str) -> geopandas.GeoDataFrame:
    """Read and validate `<geo_dir>/<layer>.geojson`: columns code, name (+ region_code for lad), geometry.

    Raises GeoError naming the file and the feature on any problem.
    """
    if layer not in LAYERS:
        raise GeoError(f"Unknown boundary layer {layer!r}; expected one of {', '.join(LAYERS)}.")
    path = layer_path(geo_dir, layer)
    if not path.is_file():
        problem = missing_layers(geo_dir) or f"Boundary file {path} is missing; {FETCH_HINT}."
        raise GeoError(problem)
    features = _read_features(path)
    rows = [_parse_feature(path, layer, index, feature) for index, feature in enumerate(features)]
    _check_unique(path, rows)
    columns = ["code", "name", "region_code"] if layer == "lad" else ["code", "name"]
    frame = geopandas.GeoDataFrame(rows, columns=[*columns, "geometry"], geometry="geometry", crs="EPSG:4326")
    return frame


def check_codes(gdf: geopandas.GeoDataFrame, known_codes: Iterable[str], path: Path | str) -> None:
    """Raise GeoError if some of `known_codes` (e.g. the region_areas codes of this layer) are not in `gdf`.

    That means region_areas names an area the boundary file `path` lacks.
    """
    missing = sorted(set(known_codes) - set(gdf["code"]))
    if not missing:
        return
    shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
    raise GeoError(
        f"{path}: region_areas names {len(missing)} area code(s) that this boundary file lacks: {shown}; "
        f"correct the codes in region_areas.csv or update the boundaries with `python -m lpipdata geo fetch`."
    )


def geometry_to_geojson(geom: BaseGeometry, decimals: int) -> dict[str, Any]:
    """GeoJSON geometry mapping of a (Multi)Polygon with coordinates rounded to `decimals`.

    Python's round() is used, not numpy's, because it gives the shortest decimal text (54.46603, not
    54.466030000000004), which keeps the JSON small.
    """

    def ring(coords: Any) -> list[list[float]]:
        return [[round(x, decimals), round(y, decimals)] for x, y in np.asarray(coords)[:, :2].tolist()]

    def polygon(poly: shapely.Polygon) -> list[list[list[float]]]:
        return [ring(poly.exterior.coords), *(ring(hole.coords) for hole in poly.interiors)]

    if isinstance(geom, shapely.Polygon):
        return {"type": "Polygon", "coordinates": polygon(geom)}
    if isinstance(geom, shapely.MultiPolygon):
        return {"type": "MultiPolygon", "coordinates": [polygon(part) for part in geom.geoms]}
    raise GeoError(f"Cannot write a {geom.geom_type} as a boundary; only Polygon and MultiPolygon are supported.")


def compact_json(value: Any) -> str:
    """JSON text without optional whitespace."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _read_features(path: Path) -> list[Any]:
    """The feature list of the FeatureCollection in `path`, after file-level checks (JSON, type, crs)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GeoError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); {FETCH_HINT}."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GeoError(f"Cannot read boundary file {path} ({exc}); {FETCH_HINT}.") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        found = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise GeoError(f"{path} is not a GeoJSON FeatureCollection (top-level type is {found!r}); {FETCH_HINT}.")
    _check_crs_member(path, doc.get("crs"))
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        raise GeoError(f"{path}: the FeatureCollection has no features; {FETCH_HINT}.")
    return features


def _check_crs_member(path: Path, crs: Any) -> None:
    """Reject a legacy GeoJSON "crs" member that names anything but WGS84 longitude/latitude."""
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if isinstance(name, str) and WGS84_NAME.search(name.strip()):
        return
    raise GeoError(
        f"{path} declares coordinate reference system {name or crs!r}, but boundary files must be WGS84 "
        f"longitude/latitude (EPSG:4326); reproject it (geopandas: gdf.to_crs(4326)) or {FETCH_HINT}."
    )


def _feature_label(path: Path, index: int, code: Any) -> str:
    """'<file>: feature <i> (code <c>)', the prefix of every per-feature message."""
    known = f" (code {code})" if isinstance(code, str) and code else ""
    return f"{path}: feature {index}{known}"


def _parse_feature(path: Path, layer: str, index: int, feature: Any) -> dict[str, Any]:
    """One validated row (code, name, [region_code,] geometry) from a GeoJSON feature."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise GeoError(f"{_feature_label(path, index, None)} is not a GeoJSON Feature object; {FETCH_HINT}.")
    props = feature.get("properties") or {}
    code = props.get("code") if isinstance(props, dict) else None
    where = _feature_label(path, index, code)
    row = {"code": _check_code(where, layer, code), "name": _check_text(where, props, "name")}
    if layer == "lad":
        region = _check_text(where, props, "region_code")
        if not CODE_PATTERNS["itl1"].fullmatch(region):
            raise GeoError(f"{where}: region_code {region!r} is not an ITL1 code (TLC..TLN); {REPAIR_HINT}.")
        row["region_code"] = region
    row["geometry"] = _check_geometry(where, feature.get("geometry"))
    return row


def _check_code(where: str, layer: str, code: Any) -> str:
    if not isinstance(code, str) or not code.strip():
        raise GeoError(f"{where} has no 'code' property; each feature needs its ONS code in properties.code.")
    if not CODE_PATTERNS[layer].fullmatch(code):
        raise GeoError(
            f"{where}: {code!r} is not a {LAYER_TITLES[layer]} code ({CODE_EXAMPLES[layer]}); "
            f"check that the file is the {layer} layer or {FETCH_HINT}."
        )
    return code


def _check_text(where: str, props: dict[str, Any], key: str) -> str:
    value = props.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GeoError(f"{where} has no '{key}' property; add it or {FETCH_HINT}.")
    return value


def _check_geometry(where: str, geometry: Any) -> BaseGeometry:
    """The feature's shapely geometry after shape, coordinate-range and validity checks."""
    if geometry is None:
        raise GeoError(f"{where} has an empty (null) geometry; every area needs a polygon; {FETCH_HINT}.")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        raise GeoError(f"{where} has geometry type {kind!r}; only Polygon and MultiPolygon are allowed.")
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, shapely.errors.GEOSException) as exc:
        raise GeoError(f"{where} has malformed {kind} coordinates ({exc}); {REPAIR_HINT}.") from None
    if geom.is_empty:
        raise GeoError(f"{where} has an empty geometry; every area needs a polygon; {FETCH_HINT}.")
    _check_lon_lat(where, geom)
    if not geom.is_valid:
        raise GeoError(f"{where} has an invalid geometry ({shapely.is_valid_reason(geom)}); {REPAIR_HINT}.")
    return geom


def _check_lon_lat(where: str, geom: BaseGeometry) -> None:
    """Coordinates must be longitude -180..180 and latitude -90..90; name projected metres as such."""
    coords = shapely.get_coordinates(geom)
    lon, lat = coords[:, 0], coords[:, 1]
    if np.isfinite(coords).all() and (np.abs(lon) <= 180).all() and (np.abs(lat) <= 90).all():
        return
    bad = coords[~((np.abs(lon) <= 180) & (np.abs(lat) <= 90))][0]
    looks = (
        "they look like projected metres (e.g. British National Grid EPSG:27700)"
        if np.nanmax(np.abs(coords)) > METRES_THRESHOLD
        else "they are not longitude/latitude"
    )
    raise GeoError(
        f"{where}: coordinate ({bad[0]:g}, {bad[1]:g}) is outside longitude -180..180 / latitude -90..90, "
        f"{looks}; reproject the file to WGS84 (EPSG:4326) or {FETCH_HINT}."
    )


def _check_unique(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        if row["code"] in seen:
            raise GeoError(
                f"{_feature_label(path, index, row['code'])} repeats the code of feature {seen[row['code']]}; "
                f"each area must appear once; {REPAIR_HINT}."
            )
        seen[row["code"]] = index
