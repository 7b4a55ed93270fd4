"""Loading and validating boundary layers, and the precomputed boundary tables."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas
import pytest
import shapely

from lpipdata.geo import GeoError, available_layers, boundary_tables, check_codes, load_layer, missing_layers

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_GEO = REPO_ROOT.parent / "shared" / "geo"
needs_shared = pytest.mark.skipif(
    not (SHARED_GEO / "lad.geojson").is_file(), reason=f"shared boundary files not found at {SHARED_GEO}"
)
PAYLOAD_BUDGET = 1_500_000  # bytes of GeoJSON text for the default UK map
ITL1_CODES = ["TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK", "TLL", "TLM", "TLN"]


def square(x: float, y: float, size: float = 0.1) -> dict[str, Any]:
    """A clockwise GeoJSON polygon with its south-west corner at (x, y)."""
    ring = [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(code: str | None, geometry: Any, **props: Any) -> dict[str, Any]:
    properties = {"name": f"Area {code}", **props}
    if code is not None:
        properties["code"] = code
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write_layer(folder: Path, layer: str, features: list[dict[str, Any]], **extra: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{layer}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", **extra, "features": features}), encoding="utf-8")
    return path


def good_cauth() -> list[dict[str, Any]]:
    return [feature("E47000001", square(-2.0, 53.0)), feature("E47000002", square(-1.5, 53.4))]


def load_error(folder: Path, layer: str) -> str:
    with pytest.raises(GeoError) as caught:
        load_layer(folder, layer)
    message = str(caught.value)
    assert "\n" not in message, "errors must be one line"
    return message


# --- loading good files ----------------------------------------------------------------------------


def test_geo_error_is_a_value_error() -> None:
    assert issubclass(GeoError, ValueError)


def test_loads_a_small_valid_layer(tmp_path: Path) -> None:
    write_layer(tmp_path, "cauth", good_cauth())
    frame = load_layer(tmp_path, "cauth")
    assert list(frame.columns) == ["code", "name", "geometry"]
    assert frame["code"].tolist() == ["E47000001", "E47000002"]
    assert frame.crs.to_epsg() == 4326


def test_accepts_a_crs84_crs_member(tmp_path: Path) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    write_layer(tmp_path, "cauth", good_cauth(), crs=crs)
    assert len(load_layer(tmp_path, "cauth")) == 2


@needs_shared
@pytest.mark.parametrize(("layer", "count"), [("itl1", 12), ("lad", 361), ("cauth", 15)])
def test_loads_the_shared_layers(layer: str, count: int) -> None:
    frame = load_layer(SHARED_GEO, layer)
    assert len(frame) == count
    assert frame["code"].is_unique
    assert frame.geometry.is_valid.all()
    if layer == "lad":
        assert set(frame["region_code"]) == set(ITL1_CODES)


# --- missing folder and files ------------------------------------------------------------------------


def test_missing_folder_says_how_to_fix(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    message = load_error(folder, "itl1")
    assert str(folder) in message
    assert "python -m lpipdata geo fetch" in message
    assert "LPIP_GEO_DIR" in message


def test_missing_file_is_named(tmp_path: Path) -> None:
    write_layer(tmp_path, "cauth", good_cauth())
    message = load_error(tmp_path, "lad")
    assert "lad.geojson" in message and "itl1.geojson" in message
    assert "python -m lpipdata geo fetch" in message and "LPIP_GEO_DIR" in message


def test_available_and_missing_layers(tmp_path: Path) -> None:
    assert "does not exist" in (missing_layers(tmp_path / "none") or "")
    write_layer(tmp_path, "cauth", good_cauth())
    assert available_layers(tmp_path) == {"cauth": tmp_path / "cauth.geojson"}
    message = missing_layers(tmp_path) or ""
    assert "itl1.geojson, lad.geojson" in message and "cauth.geojson" not in message.split(";")[0]
    write_layer(tmp_path, "itl1", [feature("TLC", square(-2, 55))])
    write_layer(tmp_path, "lad", [feature("E06000001", square(-2, 55), region_code="TLC")])
    assert missing_layers(tmp_path) is None


def test_unknown_layer_name(tmp_path: Path) -> None:
    assert "Unknown boundary layer" in load_error(tmp_path, "wards")


# --- bad file contents -------------------------------------------------------------------------------


def test_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "itl1.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    message = load_error(tmp_path, "itl1")
    assert str(path) in message and "not valid JSON" in message and "line 1" in message


def test_feature_collection_without_features(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "itl1", [])
    message = load_error(tmp_path, "itl1")
    assert str(path) in message and "no features" in message


def test_json_that_is_not_a_feature_collection(tmp_path: Path) -> None:
    path = tmp_path / "itl1.geojson"
    path.write_text(json.dumps({"type": "Topology", "arcs": []}), encoding="utf-8")
    message = load_error(tmp_path, "itl1")
    assert str(path) in message and "not a GeoJSON FeatureCollection" in message and "Topology" in message


def test_projected_crs_member_is_rejected(tmp_path: Path) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
    path = write_layer(tmp_path, "cauth", good_cauth(), crs=crs)
    message = load_error(tmp_path, "cauth")
    assert str(path) in message and "EPSG::27700" in message and "EPSG:4326" in message


def test_coordinates_in_metres_are_named(tmp_path: Path) -> None:
    metres = {"type": "Polygon", "coordinates": [[[400000, 500000], [400000, 501000], [401000, 501000], [400000, 500000]]]}
    path = write_layer(tmp_path, "cauth", [good_cauth()[0], feature("E47000002", metres)])
    message = load_error(tmp_path, "cauth")
    assert str(path) in message and "feature 1 (code E47000002)" in message
    assert "projected metres" in message and "EPSG:4326" in message


def test_latitude_out_of_range_is_named(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "cauth", [feature("E47000001", square(-2.0, 89.95))])
    message = load_error(tmp_path, "cauth")
    assert str(path) in message and "feature 0 (code E47000001)" in message and "latitude -90..90" in message


def test_invalid_geometry_is_reported_not_repaired(tmp_path: Path) -> None:
    bowtie = {"type": "Polygon", "coordinates": [[[-2, 53], [-1, 54], [-1, 53], [-2, 54], [-2, 53]]]}
    path = write_layer(tmp_path, "cauth", [feature("E47000001", bowtie)])
    message = load_error(tmp_path, "cauth")
    assert str(path) in message and "feature 0 (code E47000001)" in message
    assert "invalid geometry" in message and "Self-intersection" in message


@pytest.mark.parametrize("geometry", [None, {"type": "Polygon", "coordinates": []}])
def test_empty_geometry_is_named(tmp_path: Path, geometry: Any) -> None:
    path = write_layer(tmp_path, "cauth", [good_cauth()[0], feature("E47000002", geometry)])
    message = load_error(tmp_path, "cauth")
    assert str(path) in message and "feature 1 (code E47000002)" in message and "empty" in message


def test_non_polygon_geometry_is_named(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "cauth", [feature("E47000001", {"type": "Point", "coordinates": [-2, 53]})])
    message = load_error(tmp_path, "cauth")
    assert str(path) in message and "feature 0 (code E47000001)" in message and "'Point'" in message


def test_malformed_coordinates_are_named(tmp_path: Path) -> None:
    broken = {"type": "Polygon", "coordinates": [[[-2, 53], [-1]]]}
    path = write_layer(tmp_path, "cauth", [feature("E47000001", broken)])
    message = load_error(tmp_path, "cauth")
    assert str(path) in message and "feature 0 (code E47000001)" in message and "malformed" in message


def test_missing_code_property_is_named(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "cauth", [good_cauth()[0], feature(None, square(-1, 53))])
    message = load_error(tmp_path, "cauth")
    assert str(path) in message and "feature 1 has no 'code' property" in message


def test_code_of_the_wrong_layer_is_named(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "itl1", [feature("E06000001", square(-1, 53))])
    message = load_error(tmp_path, "itl1")
    assert str(path) in message and "feature 0 (code E06000001)" in message and "TLC..TLN" in message


def test_lad_without_region_code_is_named(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "lad", [feature("E06000001", square(-1, 53))])
    message = load_error(tmp_path, "lad")
    assert str(path) in message and "feature 0 (code E06000001)" in message and "region_code" in message


def test_duplicate_codes_are_named(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "cauth", [feature("E47000001", square(-2, 53)), feature("E47000001", square(-1, 53))])
    message = load_error(tmp_path, "cauth")
    assert str(path) in message and "feature 1 (code E47000001)" in message and "feature 0" in message


def test_check_codes_reports_areas_the_boundaries_lack(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "cauth", good_cauth())
    frame = load_layer(tmp_path, "cauth")
    check_codes(frame, ["E47000001"], path)  # a subset is fine
    with pytest.raises(GeoError) as caught:
        check_codes(frame, ["E47000001", "E47000099"], path)
    message = str(caught.value)
    assert str(path) in message and "E47000099" in message and "region_areas" in message
    assert "E47000001" not in message


# --- boundary tables -----------------------------------------------------------------------------------


def write_tiny_layers(folder: Path) -> None:
    """Two LADs side by side, their ITL1 region, and a CAUTH of one of them."""
    write_layer(folder, "itl1", [feature("TLC", {"type": "Polygon", "coordinates": [[[-2, 54], [-2, 54.1], [-1.8, 54.1], [-1.8, 54], [-2, 54]]]})])
    lads = [feature("E06000001", square(-2.0, 54.0), region_code="TLC"), feature("E06000002", square(-1.9, 54.0), region_code="TLC")]
    write_layer(folder, "lad", lads)
    write_layer(folder, "cauth", [feature("E47000006", square(-1.9, 54.0))])


def test_boundary_tables_on_tiny_layers(tmp_path: Path) -> None:
    write_tiny_layers(tmp_path)
    areas = pandas.DataFrame(
        {"region_id": ["a", "a", "b"], "area_code": ["E06000001", "E47000006", "TLC"], "area_type": ["LAD", "CAUTH", "ITL1"]}
    )
    tables = boundary_tables(tmp_path, areas)
    boundaries, regions = tables["boundaries"], tables["region_shapes"]
    assert boundaries[["layer", "code"]].values.tolist() == [
        ["itl1", "TLC"], ["lad", "E06000001"], ["lad", "E06000002"], ["cauth", "E47000006"]
    ]
    assert boundaries.loc[boundaries["layer"] == "lad", "region_code"].tolist() == ["TLC", "TLC"]
    assert boundaries.loc[boundaries["layer"] != "lad", "region_code"].isna().all()
    assert regions["region_id"].tolist() == ["a", "b"]
    union = shapely.from_geojson(regions["geojson"].iloc[0])
    itl1 = shapely.from_geojson(regions["geojson"].iloc[1])
    assert union.equals(itl1)  # two adjacent squares make the region's rectangle, no sliver
    assert regions["area_km2"].iloc[0] == pytest.approx(2 * 0.1 * 111.2 * 0.1 * 65.4, rel=0.02)


def test_boundary_tables_reject_unknown_codes(tmp_path: Path) -> None:
    write_tiny_layers(tmp_path)
    areas = pandas.DataFrame({"region_id": ["a"], "area_code": ["E06000099"], "area_type": ["LAD"]})
    with pytest.raises(GeoError, match=r"lad\.geojson.*E06000099"):
        boundary_tables(tmp_path, areas)


def test_boundary_tables_reject_unknown_area_type(tmp_path: Path) -> None:
    write_tiny_layers(tmp_path)
    areas = pandas.DataFrame({"region_id": ["a"], "area_code": ["TLC"], "area_type": ["NUTS1"]})
    with pytest.raises(GeoError, match="area_type 'NUTS1'"):
        boundary_tables(tmp_path, areas)


def test_boundary_tables_with_no_region_areas(tmp_path: Path) -> None:
    write_tiny_layers(tmp_path)
    empty = pandas.DataFrame(columns=["region_id", "area_code", "area_type", "area_name"])
    regions = boundary_tables(tmp_path, empty)["region_shapes"]
    assert len(regions) == 0 and list(regions.columns) == ["region_id", "geojson", "centroid_lat", "centroid_lon", "area_km2"]
    assert regions["geojson"].dtype != "float64"


def test_geo_package_does_not_import_streamlit() -> None:
    code = "import sys, lpipdata.geo, lpipdata.geo.cli; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=False).returncode == 0


def sample_region_areas() -> pandas.DataFrame:
    """Regions shaped like the atlas's: the UK of all ITL1s, nations, an ITL1, a CAUTH and LAD groups."""
    rows = [("uk", code, "ITL1") for code in ITL1_CODES]
    rows += [("wales", "TLL", "ITL1"), ("scot", "TLM", "ITL1"), ("ni", "TLN", "ITL1"), ("ldn", "TLI", "ITL1")]
    rows += [("yh", "TLE", "ITL1"), ("wm", "E47000007", "CAUTH"), ("rw", "E47000018", "CAUTH")]
    rows += [("swc", code, "LAD") for code in ("E06000022", "E06000023", "E06000024", "E06000025")]
    rows += [("forth", code, "LAD") for code in ("S12000005", "S12000014", "S12000030")]
    return pandas.DataFrame(rows, columns=["region_id", "area_code", "area_type"])


@pytest.fixture(scope="module")
def shared_tables() -> dict[str, pandas.DataFrame]:
    if not (SHARED_GEO / "lad.geojson").is_file():
        pytest.skip(f"shared boundary files not found at {SHARED_GEO}")
    return boundary_tables(SHARED_GEO, sample_region_areas())


def payload(frame: pandas.DataFrame) -> int:
    return int(frame["geojson"].str.len().sum())


def test_shared_boundary_rows(shared_tables: dict[str, pandas.DataFrame]) -> None:
    boundaries = shared_tables["boundaries"]
    assert boundaries.groupby("layer").size().to_dict() == {"cauth": 15, "itl1": 12, "lad": 361}
    assert boundaries["area_km2"].gt(0).all()
    london = boundaries[(boundaries["layer"] == "itl1") & (boundaries["code"] == "TLI")].iloc[0]
    assert london["area_km2"] == pytest.approx(1572, rel=0.02)


def test_payload_stays_within_budget(shared_tables: dict[str, pandas.DataFrame]) -> None:
    boundaries = shared_tables["boundaries"]
    sizes = {layer: payload(boundaries[boundaries["layer"] == layer]) for layer in ("itl1", "lad", "cauth")}
    default_map = sizes["itl1"] + payload(shared_tables["region_shapes"])
    assert default_map < PAYLOAD_BUDGET, f"default UK map payload {default_map} bytes"
    for layer, size in sizes.items():
        assert size < PAYLOAD_BUDGET, f"{layer} payload {size} bytes"


@pytest.mark.parametrize("table", ["boundaries", "region_shapes"])
def test_centroids_lie_inside_shapes(shared_tables: dict[str, pandas.DataFrame], table: str) -> None:
    frame = shared_tables[table]
    shapes = shapely.from_geojson(frame["geojson"].to_numpy())
    points = shapely.points(frame["centroid_lon"].to_numpy(), frame["centroid_lat"].to_numpy())
    assert shapely.is_valid(shapes).all()
    inside = shapely.contains(shapes, points)
    assert inside.all(), frame.loc[~inside].iloc[:, :2].values.tolist()


def test_region_shapes_are_unions(shared_tables: dict[str, pandas.DataFrame]) -> None:
    regions = shared_tables["region_shapes"].set_index("region_id")
    assert list(regions.index) == list(dict.fromkeys(sample_region_areas()["region_id"]))
    itl1 = shared_tables["boundaries"].query("layer == 'itl1'").set_index("code")
    assert regions.loc["uk", "area_km2"] == pytest.approx(itl1["area_km2"].sum(), rel=1e-3)
    assert regions.loc["wales", "area_km2"] == pytest.approx(itl1.loc["TLL", "area_km2"], rel=1e-6)
    # Rounding to 4 decimals pinches a few narrow estuaries shut (about 1.3 km² in all); no real gaps.
    uk = shapely.from_geojson(regions.loc["uk", "geojson"])
    holes = sum(shapely.Polygon(ring).area for part in getattr(uk, "geoms", [uk]) for ring in part.interiors)
    assert holes < 5e-4, f"the UK union has {holes} square degrees of holes"
