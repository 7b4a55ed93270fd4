"""Building the boundary layers from the ONS TopoJSON."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import pytest
import shapely

from lpipdata.geo import GeoError, load_layer, process

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_GEO = REPO_ROOT.parent / "shared" / "geo"
TOPO_JSON = SHARED_GEO / "source" / "topo.json"


def two_squares(quantised: bool) -> dict[str, Any]:
    """Two unit squares sharing the edge x=1; the right one uses the shared arc reversed (~0)."""
    absolute = [[[1, 0], [1, 1]], [[1, 1], [0, 1], [0, 0], [1, 0]], [[1, 0], [2, 0], [2, 1], [1, 1]]]
    arcs = [[a[0], *np.diff(a, axis=0).tolist()] for a in absolute] if quantised else absolute
    topo: dict[str, Any] = {
        "type": "Topology",
        "arcs": arcs,
        "objects": {
            "areas": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"areacd": "L", "areanm": "Left"}},
                    {"type": "MultiPolygon", "arcs": [[[~0, 2]]], "properties": {"areacd": "R", "areanm": "Right", "end": 2020}},
                ],
            }
        },
    }
    if quantised:
        topo["transform"] = {"scale": [0.5, 0.25], "translate": [-2.0, 50.0]}
    return topo


# --- decoder -------------------------------------------------------------------------------------


def test_decodes_delta_encoded_quantised_arcs() -> None:
    frame = process.decode_layer(two_squares(quantised=True), "areas")
    left, right = frame.geometry
    assert left.equals(shapely.box(-2.0, 50.0, -1.5, 50.25))
    assert right.equals(shapely.MultiPolygon([shapely.box(-1.5, 50.0, -1.0, 50.25)]))
    assert shapely.get_coordinates(left).tolist()[0] == [-1.5, 50.0]  # starts where arc 0 starts
    assert frame["areacd"].tolist() == ["L", "R"]


def test_decodes_unquantised_arcs() -> None:
    frame = process.decode_layer(two_squares(quantised=False), "areas")
    assert frame.geometry.iloc[0].equals(shapely.box(0, 0, 1, 1))
    assert shapely.intersection(*frame.geometry).length == pytest.approx(1.0)  # the shared edge


def test_decodes_holes() -> None:
    topo = {
        "type": "Topology",
        "arcs": [[[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]],
        "objects": {"a": {"type": "Polygon", "arcs": [[0], [1]], "properties": {"areacd": "X"}}},
    }
    (geom,) = process.decode_layer(topo, "a").geometry
    assert geom.area == pytest.approx(15.0)


def test_unknown_layer_is_named() -> None:
    with pytest.raises(GeoError, match="no layer 'ltla'.*areas"):
        process.decode_layer(two_squares(quantised=True), "ltla")


def test_parse_topojson_rejects_other_json() -> None:
    with pytest.raises(GeoError, match="x.json is not a TopoJSON"):
        process.parse_topojson(b'{"type": "FeatureCollection"}', "x.json")
    with pytest.raises(GeoError, match="x.json is not valid JSON"):
        process.parse_topojson(b"{", "x.json")


# --- selection, corrections, repair -----------------------------------------------------------------


def test_select_current_uses_start_and_end_years() -> None:
    frame = geopandas.GeoDataFrame(
        {"areacd": ["a", "b", "c", "d"], "areanm": list("ABCD"), "start": [None, 2019, 2026, None], "end": [None, None, None, 2023]},
        geometry=[shapely.box(0, 0, 1, 1)] * 4,
    )
    assert process.select_current(frame, 2025)["code"].tolist() == ["a", "b"]


def test_corrections_from_the_readme() -> None:
    names = {"S12000046": "Glasgow City", "S12000044": "North Lanarkshire", "E07000083": "North Gloucestershire", "E06000001": "Hartlepool"}
    lad = geopandas.GeoDataFrame({"code": list(names), "name": list(names.values())}, geometry=[shapely.box(0, 0, 1, 1)] * 4)
    fixed = process.apply_corrections(lad, "ltla", process.read_corrections())
    assert dict(zip(fixed["code"], fixed["name"], strict=True)) == {
        "S12000049": "Glasgow City",
        "S12000050": "North Lanarkshire",
        "E07000083": "Tewkesbury",
        "E06000001": "Hartlepool",
    }
    cauth = geopandas.GeoDataFrame(
        {"code": ["E47000002", "S12000049", "E47000001"], "name": ["Sheffield City Region", "Glasgow City", "Greater Manchester"]},
        geometry=[shapely.box(0, 0, 1, 1)] * 3,
    )
    fixed = process.apply_corrections(cauth, "cauth", process.read_corrections())
    assert fixed[["code", "name"]].values.tolist() == [["E47000002", "South Yorkshire"], ["E47000001", "Greater Manchester"]]


def test_a_correction_for_an_absent_code_is_an_error() -> None:
    lad = geopandas.GeoDataFrame({"code": ["E06000001"], "name": ["Hartlepool"]}, geometry=[shapely.box(0, 0, 1, 1)])
    with pytest.raises(GeoError, match="S12000046 is not in the source"):
        process.apply_corrections(lad, "ltla", process.read_corrections())


def test_drop_small_islands_keeps_largest_and_touching_parts() -> None:
    main = shapely.box(0, 0, 10_000, 10_000)
    islet = shapely.box(20_000, 0, 20_100, 100)  # 0.01 km², alone: dropped
    exclave = shapely.box(30_000, 0, 30_100, 100)  # 0.01 km², touches the neighbour: kept
    tiny_only = shapely.box(40_000, 0, 40_010, 10)  # an area's only part: kept
    neighbour = shapely.box(30_100, 0, 35_000, 5_000)
    geoms = np.array([shapely.MultiPolygon([main, islet, exclave]), neighbour, tiny_only], dtype=object)
    result = process.drop_small_islands(geoms)
    assert result[0].equals(shapely.MultiPolygon([main, exclave]))
    assert result[2].equals(tiny_only)


def test_fill_artefact_holes_only_fills_unoccupied_small_holes() -> None:
    artefact = shapely.box(100, 100, 200, 200)
    enclave = shapely.box(1_000, 1_000, 1_100, 1_100)
    outer = shapely.Polygon(shapely.box(0, 0, 5_000, 5_000).exterior, [artefact.exterior, enclave.exterior])
    result = process.fill_artefact_holes(np.array([outer, enclave], dtype=object))
    assert len(result[0].interiors) == 1
    assert shapely.Polygon(result[0].interiors[0]).equals(enclave)


def test_repair_makes_bowties_valid_polygons() -> None:
    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    (fixed,) = process.repair(np.array([bowtie], dtype=object))
    assert fixed.is_valid and fixed.geom_type == "MultiPolygon" and fixed.area == pytest.approx(0.5)


def test_write_files_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "itl1.geojson").write_text("old", encoding="utf-8")
    real_write = process._write_temp
    calls = []

    def failing_write(out_dir: Path, name: str, text: str) -> Path:
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_write(out_dir, name, text)

    monkeypatch.setattr(process, "_write_temp", failing_write)
    with pytest.raises(OSError, match="disk full"):
        process.write_files({"itl1.geojson": "new", "lad.geojson": "new"}, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["itl1.geojson"]
    assert (tmp_path / "itl1.geojson").read_text(encoding="utf-8") == "old"


# --- the real upstream file ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    if not TOPO_JSON.is_file() or not (SHARED_GEO / "lad.geojson").is_file():
        pytest.skip(f"upstream TopoJSON or shared layers not found under {SHARED_GEO}")
    out = tmp_path_factory.mktemp("geo")
    started = time.perf_counter()
    counts = process.process_topojson(TOPO_JSON.read_bytes(), out, str(TOPO_JSON))
    assert counts == {"itl1.geojson": 12, "lad.geojson": 361, "cauth.geojson": 15, "lad_to_region.csv": 361}
    return out, time.perf_counter() - started


def test_processing_is_quick(built: tuple[Path, float]) -> None:
    assert built[1] < 60


@pytest.mark.parametrize(("layer", "count"), [("itl1", 12), ("lad", 361), ("cauth", 15)])
def test_built_layers_match_the_shared_layers(built: tuple[Path, float], layer: str, count: int) -> None:
    ours = load_layer(built[0], layer).set_index("code")  # load_layer also checks validity and CRS
    shared = load_layer(SHARED_GEO, layer).set_index("code")
    assert len(ours) == count
    assert sorted(ours.index) == sorted(shared.index)
    shared = shared.reindex(ours.index)
    assert ours.drop(columns="geometry").equals(shared.drop(columns="geometry"))
    a = ours.to_crs(27700).geometry.to_numpy()
    b = shared.to_crs(27700).geometry.to_numpy()
    iou = shapely.area(shapely.intersection(a, b)) / shapely.area(shapely.union(a, b))
    worst = int(np.argmin(iou))
    assert iou.min() >= 0.98, f"{ours.index[worst]} IoU {iou[worst]:.3f}"


def test_built_lookup_matches_the_shared_lookup(built: tuple[Path, float]) -> None:
    ours = (built[0] / "lad_to_region.csv").read_text(encoding="utf-8")
    assert ours == (SHARED_GEO / "lad_to_region.csv").read_text(encoding="utf-8")


def test_built_files_are_rounded_and_clockwise(built: tuple[Path, float]) -> None:
    text = (built[0] / "lad.geojson").read_text(encoding="utf-8")
    assert text.startswith('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"E06000001"')
    assert '"crs"' not in text  # RFC 7946: WGS84 is implied
    coords = shapely.get_coordinates(load_layer(built[0], "lad").geometry.to_numpy())
    assert np.allclose(coords, np.round(coords, 5), atol=1e-9)
    for geom in load_layer(built[0], "itl1").geometry:
        for part in getattr(geom, "geoms", [geom]):
            assert not part.exterior.is_ccw
            assert all(ring.is_ccw for ring in part.interiors)
    assert not list(built[0].glob("*.tmp"))


def test_built_lads_are_an_exact_coverage_without_gaps(built: tuple[Path, float]) -> None:
    lads = load_layer(built[0], "lad").geometry.to_numpy()
    assert shapely.coverage_is_valid(lads)  # no overlaps, shared borders identical
    union = shapely.union_all(lads)
    assert sum(len(part.interiors) for part in union.geoms) == 0
    itl1 = shapely.union_all(load_layer(built[0], "itl1").geometry.to_numpy())
    assert shapely.symmetric_difference(union, itl1).area < 1e-9  # regions are exact aggregates of LADs
