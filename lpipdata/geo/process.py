"""Build itl1/lad/cauth GeoJSON and lad_to_region.csv from the upstream ONS TopoJSON.

Reproduces the steps in /work/shared/geo/README.md: decode the TopoJSON layers ltla, cauth and rgn;
keep the areas current in 2025; apply corrections.csv; repair with make_valid; assign LADs to ITL1
regions and combined authorities by point-on-surface joins; drop small islands; simplify the LAD
coverage at 350 m in EPSG:27700 (topology-preserving); dissolve LADs into ITL1 and CAUTH; write
EPSG:4326 coordinates rounded to 5 decimals with clockwise exterior rings.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import pandas
import shapely
from shapely.geometry.base import BaseGeometry

from lpipdata.geo import GeoError
from lpipdata.geo.layers import compact_json, geometry_to_geojson

HERE = Path(__file__).resolve().parent
CORRECTIONS_CSV = HERE / "corrections.csv"
ITL1_REGIONS_CSV = HERE / "itl1_regions.csv"
BNG = "EPSG:27700"  # British National Grid: metres, so tolerances and areas are meaningful.
WGS84 = "EPSG:4326"
CURRENT_YEAR = 2025
SIMPLIFY_TOLERANCE_M = 350.0
MIN_PART_M2 = 0.25e6  # island parts smaller than 0.25 km² are dropped
DECIMALS = 5  # about 1 m
LOOKUP_COLUMNS = ["lad_code", "lad_name", "itl1_code", "itl1_name", "cauth_code", "cauth_name"]


@dataclass(frozen=True)
class Layers:
    """The processed layers (EPSG:4326) and the LAD lookup, ready to write."""

    itl1: geopandas.GeoDataFrame
    lad: geopandas.GeoDataFrame
    cauth: geopandas.GeoDataFrame
    lookup: pandas.DataFrame

    def counts(self) -> dict[str, int]:
        return {"itl1": len(self.itl1), "lad": len(self.lad), "cauth": len(self.cauth)}


# --- TopoJSON decoding -------------------------------------------------------------------------


def decode_arcs(topo: dict[str, Any]) -> list[np.ndarray]:
    """Absolute coordinates of every arc; quantised topologies are delta-encoded and scaled."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        points = np.asarray(arc, dtype=float).reshape(-1, len(arc[0]) if arc else 2)[:, :2]
        if transform:
            points = np.cumsum(points, axis=0) * transform["scale"] + transform["translate"]
        arcs.append(points)
    return arcs


def _ring(arcs: Sequence[np.ndarray], indices: Sequence[int]) -> np.ndarray:
    """Stitch arcs into one ring: a negative index ~i means arc i reversed; joints are not repeated."""
    parts = []
    for position, index in enumerate(indices):
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(points if position == 0 else points[1:])
    return np.concatenate(parts)


def _polygon(arcs: Sequence[np.ndarray], rings: Sequence[Sequence[int]]) -> shapely.Polygon:
    shell, *holes = (_ring(arcs, ring) for ring in rings)
    return shapely.Polygon(shell, holes)


def decode_geometry(arcs: Sequence[np.ndarray], geometry: dict[str, Any]) -> BaseGeometry | None:
    """Shapely geometry of one TopoJSON Polygon/MultiPolygon object (None for a null geometry)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return _polygon(arcs, geometry["arcs"])
    if kind == "MultiPolygon":
        return shapely.MultiPolygon([_polygon(arcs, rings) for rings in geometry["arcs"]])
    if kind is None:
        return None
    raise GeoError(f"TopoJSON geometry type {kind!r} is not supported here (only Polygon and MultiPolygon).")


def decode_layer(topo: dict[str, Any], name: str) -> geopandas.GeoDataFrame:
    """One TopoJSON object as a GeoDataFrame of its properties plus geometry (EPSG:4326)."""
    objects = topo.get("objects", {})
    if name not in objects:
        raise GeoError(f"The TopoJSON has no layer {name!r} (it has: {', '.join(objects)}).")
    obj = objects[name]
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    arcs = decode_arcs(topo)
    rows = [{**(member.get("properties") or {}), "geometry": decode_geometry(arcs, member)} for member in members]
    return geopandas.GeoDataFrame(rows, geometry="geometry", crs=WGS84)


# --- selection and corrections ------------------------------------------------------------------


def select_current(frame: geopandas.GeoDataFrame, year: int = CURRENT_YEAR) -> geopandas.GeoDataFrame:
    """Areas valid in `year`: `start` (first year) absent or <= year, `end` (last year) absent or >= year."""
    start = pandas.to_numeric(frame.get("start", pandas.Series(index=frame.index)), errors="coerce")
    end = pandas.to_numeric(frame.get("end", pandas.Series(index=frame.index)), errors="coerce")
    current = (start.isna() | (start <= year)) & (end.isna() | (end >= year))
    picked = frame.loc[current, ["areacd", "areanm", "geometry"]]
    return picked.rename(columns={"areacd": "code", "areanm": "name"}).reset_index(drop=True)


def read_corrections(path: Path = CORRECTIONS_CSV) -> pandas.DataFrame:
    """corrections.csv: layer, action (recode|rename|keep_prefix), code, new_code, new_name, reason."""
    return pandas.read_csv(path, dtype=str, keep_default_na=False)


def apply_corrections(frame: geopandas.GeoDataFrame, layer: str, corrections: pandas.DataFrame) -> geopandas.GeoDataFrame:
    """Apply this layer's rows of corrections.csv; a correction whose code is absent is an error."""
    frame = frame.copy()
    for fix in corrections[corrections["layer"] == layer].itertuples(index=False):
        if fix.action == "keep_prefix":
            frame = frame[frame["code"].str.startswith(fix.code)]
            continue
        hit = frame["code"] == fix.code
        if not hit.any():
            raise GeoError(f"{CORRECTIONS_CSV.name}: {layer} code {fix.code} is not in the source; the source changed.")
        if fix.action == "recode":
            frame.loc[hit, "code"] = fix.new_code
        elif fix.action != "rename":
            raise GeoError(f"{CORRECTIONS_CSV.name}: unknown action {fix.action!r} for {fix.code}.")
        if fix.new_name:
            frame.loc[hit, "name"] = fix.new_name
    return frame.reset_index(drop=True)


# --- geometry repair ------------------------------------------------------------------------------


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of `geom` (make_valid can leave stray lines or points)."""
    if isinstance(geom, (shapely.Polygon, shapely.MultiPolygon)):
        return geom
    parts = [part for part in getattr(geom, "geoms", []) if isinstance(part, (shapely.Polygon, shapely.MultiPolygon))]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def repair(geoms: np.ndarray) -> np.ndarray:
    """make_valid (structure method) where needed: TopoJSON quantisation leaves self-intersections."""
    fixed = np.array(geoms, dtype=object)
    bad = ~shapely.is_valid(fixed)
    fixed[bad] = [polygonal(g) for g in shapely.make_valid(fixed[bad], method="structure", keep_collapsed=False)]
    return fixed


def _parts(geom: BaseGeometry) -> list[shapely.Polygon]:
    return list(geom.geoms) if isinstance(geom, shapely.MultiPolygon) else [geom]


def drop_small_islands(geoms: np.ndarray, min_area: float = MIN_PART_M2) -> np.ndarray:
    """Drop parts under `min_area` that touch no other area, keeping each area's largest part.

    Small parts touching a neighbour are kept, so the coverage gets no gaps.
    """
    tree = shapely.STRtree(geoms)
    result = []
    for index, geom in enumerate(geoms):
        parts = sorted(_parts(geom), key=lambda part: part.area, reverse=True)
        kept = [parts[0]] + [part for part in parts[1:] if part.area >= min_area or _touches_other(tree, part, index)]
        result.append(kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept))
    return np.array(result, dtype=object)


def fill_artefact_holes(geoms: np.ndarray, max_area: float = MIN_PART_M2) -> np.ndarray:
    """Fill holes under `max_area` that no other area occupies (make_valid repair artefacts)."""
    tree = shapely.STRtree(geoms)
    result = []
    for index, geom in enumerate(geoms):
        polys = [_fill_polygon_holes(poly, tree, index, max_area) for poly in _parts(geom)]
        result.append(polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys))
    return np.array(result, dtype=object)


def _fill_polygon_holes(poly: shapely.Polygon, tree: shapely.STRtree, index: int, max_area: float) -> shapely.Polygon:
    holes = [hole for hole in poly.interiors if not _is_artefact_hole(shapely.Polygon(hole), tree, index, max_area)]
    return poly if len(holes) == len(poly.interiors) else shapely.Polygon(poly.exterior, holes)


def _is_artefact_hole(hole: shapely.Polygon, tree: shapely.STRtree, index: int, max_area: float) -> bool:
    if hole.area >= max_area:
        return False
    others = [i for i in tree.query(hole, predicate="intersects") if i != index]
    covered = sum(shapely.intersection(hole, tree.geometries[i]).area for i in others)
    return covered < 0.5 * hole.area


def _touches_other(tree: shapely.STRtree, part: shapely.Polygon, index: int) -> bool:
    return any(i != index for i in tree.query(part, predicate="intersects"))


# --- joins and dissolves ------------------------------------------------------------------------


def join_by_point(lad: geopandas.GeoDataFrame, areas: geopandas.GeoDataFrame, what: str, required: bool) -> pandas.Series:
    """Code of the area (from `areas`) containing each LAD's point-on-surface; NA where none.

    A LAD matching two areas, or none when `required`, is an error: the layers disagree.
    """
    points = geopandas.GeoDataFrame({"lad": lad["code"]}, geometry=lad.geometry.representative_point(), crs=lad.crs)
    joined = geopandas.sjoin(points, areas[["code", "geometry"]], how="left", predicate="within")
    counts = joined.groupby("lad")["code"].count()
    if (counts > 1).any() or (required and (counts == 0).any()):
        bad = counts[(counts > 1) | ((counts == 0) if required else False)].index.tolist()
        raise GeoError(f"LADs {', '.join(bad[:5])} do not fall in exactly one {what}; the TopoJSON layers disagree.")
    return joined.drop_duplicates("lad").set_index("lad")["code"].reindex(lad["code"]).set_axis(lad.index)


def dissolve(lad: geopandas.GeoDataFrame, key: str, names: dict[str, str]) -> geopandas.GeoDataFrame:
    """Union of the LAD geometries per `key` value, named from `names`, sorted by code."""
    members = lad[lad[key].notna()]
    groups = members.groupby(key)["geometry"].agg(lambda s: shapely.union_all(s.to_numpy()))
    frame = geopandas.GeoDataFrame(
        {"code": groups.index, "name": [names[c] for c in groups.index]}, geometry=list(groups.to_numpy()), crs=lad.crs
    )
    return frame.sort_values("code").reset_index(drop=True)


# --- pipeline -------------------------------------------------------------------------------------


def build_layers(topo: dict[str, Any], year: int = CURRENT_YEAR, tolerance_m: float = SIMPLIFY_TOLERANCE_M) -> Layers:
    """Decode, correct, repair, join, simplify and dissolve: the layers the atlas reads (EPSG:4326)."""
    corrections = read_corrections()
    lad = _prepared(topo, "ltla", corrections, year)
    cauth_src = _prepared(topo, "cauth", corrections, year)
    rgn = _prepared(topo, "rgn", corrections, year)
    itl1 = pandas.read_csv(ITL1_REGIONS_CSV, dtype=str).set_index("rgn_code")
    rgn_codes = join_by_point(lad, rgn, "ONS region", required=True)
    _check_known_regions(rgn_codes, itl1)
    lad["region_code"] = rgn_codes.map(itl1["itl1_code"])
    lad["cauth_code"] = join_by_point(lad, cauth_src, "combined authority", required=False)
    # make_valid leaves Middlesbrough overlapping Redcar by a few m²; coverage_clean (no snapping) makes the
    # LADs an exact coverage again, which coverage_simplify needs to keep shared borders identical.
    geoms = shapely.coverage_clean(lad.geometry.to_numpy(), snapping_distance=0)
    geoms = fill_artefact_holes(drop_small_islands(geoms))
    lad = lad.set_geometry(shapely.coverage_simplify(geoms, tolerance_m), crs=BNG)
    itl1_names = dict(zip(itl1["itl1_code"], itl1["itl1_name"], strict=True))
    cauth_names = dict(zip(cauth_src["code"], cauth_src["name"], strict=True))
    itl1_layer = dissolve(lad, "region_code", itl1_names)
    cauth_layer = dissolve(lad, "cauth_code", cauth_names)
    lookup = _lookup(lad, itl1_names, cauth_names)
    lad = lad.sort_values("code").reset_index(drop=True)[["code", "name", "region_code", "geometry"]]
    return Layers(itl1=finish(itl1_layer), lad=finish(lad), cauth=finish(cauth_layer), lookup=lookup)


def _prepared(topo: dict[str, Any], name: str, corrections: pandas.DataFrame, year: int) -> geopandas.GeoDataFrame:
    """A TopoJSON layer: current areas, corrected, in EPSG:27700, repaired."""
    frame = apply_corrections(select_current(decode_layer(topo, name), year), name, corrections)
    frame = frame[frame.geometry.notna()].to_crs(BNG)
    return frame.set_geometry(repair(frame.geometry.to_numpy()), crs=BNG)


def _check_known_regions(rgn_codes: pandas.Series, itl1: pandas.DataFrame) -> None:
    unknown = sorted(set(rgn_codes) - set(itl1.index))
    if unknown:
        raise GeoError(f"ONS region codes {', '.join(unknown)} are not in {ITL1_REGIONS_CSV.name}; add their ITL1 codes.")


def _lookup(lad: geopandas.GeoDataFrame, itl1_names: dict[str, str], cauth_names: dict[str, str]) -> pandas.DataFrame:
    frame = pandas.DataFrame(
        {
            "lad_code": lad["code"],
            "lad_name": lad["name"],
            "itl1_code": lad["region_code"],
            "itl1_name": lad["region_code"].map(itl1_names),
            "cauth_code": lad["cauth_code"].fillna(""),
            "cauth_name": lad["cauth_code"].map(cauth_names).fillna(""),
        }
    )
    return frame.sort_values("lad_code").reset_index(drop=True)[LOOKUP_COLUMNS]


def finish(frame: geopandas.GeoDataFrame, decimals: int = DECIMALS) -> geopandas.GeoDataFrame:
    """Reproject to EPSG:4326, round, drop repeated points, repair if rounding broke validity, orient.

    Exterior rings are clockwise because Plotly's d3-geo traces need that winding.
    """
    geoms = frame.to_crs(WGS84).geometry.to_numpy()
    geoms = shapely.remove_repeated_points(shapely.transform(geoms, lambda xy: np.round(xy, decimals)))
    geoms = repair(geoms)
    geoms = shapely.orient_polygons(geoms, exterior_cw=True)
    return frame.set_geometry(list(geoms), crs=WGS84)


# --- writing --------------------------------------------------------------------------------------


def feature_collection(frame: geopandas.GeoDataFrame, properties: Sequence[str]) -> str:
    """Compact GeoJSON FeatureCollection text of `frame` with the given property columns."""
    features = [
        {
            "type": "Feature",
            "properties": {key: row[key] for key in properties},
            "geometry": geometry_to_geojson(row["geometry"], DECIMALS),
        }
        for _, row in frame.iterrows()
    ]
    return compact_json({"type": "FeatureCollection", "features": features})


def layer_texts(layers: Layers) -> dict[str, str]:
    """File name -> text of every output file."""
    lookup = layers.lookup.to_csv(index=False, lineterminator="\n")
    return {
        "itl1.geojson": feature_collection(layers.itl1, ["code", "name"]),
        "lad.geojson": feature_collection(layers.lad, ["code", "name", "region_code"]),
        "cauth.geojson": feature_collection(layers.cauth, ["code", "name"]),
        "lad_to_region.csv": lookup,
    }


def write_files(texts: dict[str, str], out_dir: Path) -> list[Path]:
    """Write every file to a temporary name in `out_dir`, then rename them all; nothing changes on failure."""
    out_dir.mkdir(parents=True, exist_ok=True)
    temps: dict[str, Path] = {}
    try:
        for name, text in texts.items():
            temps[name] = _write_temp(out_dir, name, text)
        for name, temp in temps.items():
            os.replace(temp, out_dir / name)
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
    return [out_dir / name for name in texts]


def _write_temp(out_dir: Path, name: str, text: str) -> Path:
    handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    return Path(temp)


def parse_topojson(data: bytes, origin: str) -> dict[str, Any]:
    """The TopoJSON document in `data`; GeoError naming `origin` if it is not a Topology."""
    try:
        topo = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GeoError(f"{origin} is not valid JSON ({exc}); it should be the ONS uk-topojson topo.json.") from None
    if not isinstance(topo, dict) or topo.get("type") != "Topology" or "arcs" not in topo:
        raise GeoError(f"{origin} is not a TopoJSON Topology; it should be the ONS uk-topojson topo.json.")
    return topo


def process_topojson(data: bytes, out_dir: Path, origin: str = "topo.json") -> dict[str, int]:
    """Build the layers from TopoJSON bytes and write them to `out_dir`; returns feature counts per file."""
    layers = build_layers(parse_topojson(data, origin))
    write_files(layer_texts(layers), Path(out_dir))
    return {**{f"{name}.geojson": n for name, n in layers.counts().items()}, "lad_to_region.csv": len(layers.lookup)}

