"""Councils and combined authorities placed inside the area they govern (lpipdata.places)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from lpipdata.build import build_database
from lpipdata.places import place_by_area
from tests.conftest import copy_fixture_data, geo_dir
from tests.unit.test_validate import edit_cell

BOUNDARIES = pd.DataFrame({"layer": ["cauth"], "code": ["E47000003"], "name": ["West Yorkshire"],
                           "centroid_lat": [53.7441], "centroid_lon": [-1.8124]})


def org(line: int, org_id: str, **values) -> tuple[int, dict]:
    return line, {"org_id": org_id, "place": None, "lat": None, "lon": None, "location_confidence": None,
                  "area_code": None, **values}


def test_an_organisation_without_coordinates_is_placed_inside_its_area():
    rows, notes = place_by_area([org(2, "wyca", area_code="E47000003")], BOUNDARIES)
    assert rows[0][1] | {} == {"org_id": "wyca", "place": "West Yorkshire", "lat": "53.74410", "lon": "-1.81240",
                               "location_confidence": "inferred", "area_code": "E47000003"}
    assert notes == ["organisations: 1 placed inside the area they govern (area_code)"]


def test_sourced_coordinates_and_places_win_over_the_area():
    sourced = org(2, "wyca", area_code="E47000003", place="Leeds", lat="53.7997", lon="-1.5492")
    named = org(3, "named", area_code="E47000003", place="Wakefield", location_confidence="unverified")
    rows, _ = place_by_area([sourced, named], BOUNDARIES)
    assert rows[0] == sourced
    assert rows[1][1]["place"] == "Wakefield" and rows[1][1]["location_confidence"] == "unverified"


def test_an_unknown_area_code_is_named_with_its_line_and_left_unplaced():
    rows, notes = place_by_area([org(7, "mystery", area_code="E99999999")], BOUNDARIES)
    assert rows[0][1]["lat"] is None
    assert notes == ["organisations.csv:7: area_code E99999999 is not in the boundary layers, so mystery is not "
                     "placed; check the code against lad_to_region.csv"]


@pytest.mark.skipif(geo_dir() is None, reason="needs the boundary files ($LPIP_GEO_DIR or ../shared/geo)")
def test_the_build_places_a_combined_authority_inside_west_yorkshire(tmp_path):
    data = copy_fixture_data(tmp_path / "data")
    for column in ("place", "lat", "lon", "location_confidence"):
        edit_cell(data / "organisations.csv", 4, column, "")  # line 4: wyca, area_code E47000003
    result = build_database(data, tmp_path / "lpip.duckdb", geo_dir=geo_dir())
    assert "organisations: 1 placed inside the area they govern (area_code)" in result.notes
    con = duckdb.connect(str(result.path), read_only=True)
    place, lat, lon, confidence = con.execute(
        "SELECT place, lat, lon, location_confidence FROM organisations WHERE org_id = 'wyca'").fetchone()
    inside = con.execute("SELECT centroid_lat, centroid_lon FROM boundaries WHERE code = 'E47000003'").fetchone()
    assert (place, confidence) == ("West Yorkshire", "inferred") and (lat, lon) == pytest.approx(inside)
