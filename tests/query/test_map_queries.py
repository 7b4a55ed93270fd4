"""Map queries on the tiny database built by the real build code (with and without boundaries)."""

from __future__ import annotations

from datetime import date

import pytest

from lpipdata.build import build_database
from lpipdata.db import connect
from lpipdata.figures import map as figures
from lpipdata.filters import Filters
from lpipdata.queries import map as queries
from tests.conftest import geo_dir

needs_geo = pytest.mark.skipif(geo_dir() is None, reason="no boundary files (../shared/geo or LPIP_GEO_DIR)")
PAYLOAD_LIMIT = 1_500_000  # bytes of figure JSON for the default view


@pytest.fixture(scope="module")
def no_geo_con(tiny_data_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("nogeo") / "lpip.duckdb"
    build_database(tiny_data_dir, out, mode="public", geo_dir=None)
    connection = connect(out)
    yield connection
    connection.close()


def by_region(frame):
    return frame.set_index("region_id")


def test_region_measures_count_partnerships_organisations_and_theme_links(con):
    frame = by_region(queries.region_measures(con, Filters(), "net zero"))
    assert set(frame.index) == {"yh", "rw", "forth", "ni", "swc", "ldn", "wm", "uk", "wales"}
    yh = frame.loc["yh"]
    assert (yh["partnerships"], yh["organisations"]) == (5, 6)  # the restricted organisation is not built
    # Region issue 'retrofit' (core) + YPIP 'retrofit' (core) + Leeds Climate Commission 'retrofit' (mentioned).
    assert (yh["theme_links"], yh["core_links"], yh["mentioned_links"]) == (3, 2, 1)
    assert frame.loc["ni", "theme_links"] == 0
    assert frame.loc["uk", "lpip_phase"] == "hub"
    assert yh["lead_org_name"] == "University of Leeds" and yh["source_url"].startswith("https://gtr.ukri.org/")
    assert str(frame["partnerships"].dtype) == "int64"


def test_emphasis_counts_region_and_partnership_issues_of_the_chosen_theme(con):
    frame = by_region(queries.region_measures(con, Filters(), "inclusive growth"))
    assert frame.loc["yh", "theme_links"] == 2  # region + YPIP, both core
    assert frame.loc["ni", "theme_links"] == 2  # region + EPIC
    skills = by_region(queries.region_measures(con, Filters(), "skills"))
    assert (skills.loc["ni", "core_links"], skills.loc["ni", "mentioned_links"]) == (0, 1)


def test_theme_filter_limits_partnerships_and_the_organisations_in_them(con):
    frame = by_region(queries.region_measures(con, Filters(themes=("water",)), "water"))
    assert frame.loc["forth", "partnerships"] == 1 and frame.loc["forth", "organisations"] == 2
    assert frame.loc["yh", "partnerships"] == 0 and frame.loc["yh", "organisations"] == 0


def test_sector_filter_applies_to_organisations_not_partnerships(con):
    frame = by_region(queries.region_measures(con, Filters(sectors=("academic",)), "net zero"))
    assert frame.loc["yh", "organisations"] == 2  # Leeds and Sheffield universities
    assert frame.loc["yh", "partnerships"] == 5


def test_as_of_counts_only_active_partnerships_and_their_members(con):
    frame = by_region(queries.region_measures(con, Filters(as_of=date(2020, 1, 1)), "net zero"))
    assert frame.loc["yh", "partnerships"] == 3  # WYCA, Leeds Climate Commission, the old LEP
    points = queries.organisation_points(con, Filters(as_of=date(2020, 1, 1)))
    assert set(points["org_id"]) == {"leeds-cc", "uni-leeds", "yorkshire-water"}


def test_region_filter_keeps_only_the_chosen_regions(con):
    frame = queries.region_measures(con, Filters(regions=("rw", "yh")), "net zero")
    assert set(frame["region_id"]) == {"rw", "yh"}
    points = queries.organisation_points(con, Filters(regions=("rw",)))
    assert set(points["region_id"]) == {"rw"} and len(points) == 3


def test_organisation_points_have_coordinates_memberships_and_sources(con):
    points = queries.organisation_points(con, Filters()).set_index("org_id")
    assert len(points) == 15
    leeds = points.loc["uni-leeds"]
    assert (leeds["lat"], leeds["lon"], leeds["memberships"]) == (53.8067, -1.555, 3)
    assert leeds["region_name"] == "Yorkshire and the Humber" and leeds["source_url"].startswith("https://")
    assert points.loc[["inject", "ukri"], "lat"].isna().all()  # no sourced place: table only
    assert str(points["lat"].dtype) == "float64"


def test_region_partnerships_follow_the_filters_but_not_the_region_filter(con):
    everything = queries.region_partnerships(con, "yh", Filters(regions=("rw",)))
    assert list(everything["partnership_id"]) == ["old-lep", "wyca-p", "leeds-climate", "ypip", "undated"]
    assert everything.set_index("partnership_id").loc["ypip", "members"] == 4
    active = queries.region_partnerships(con, "yh", Filters(as_of=date(2024, 4, 1)))
    assert set(active["partnership_id"]) == {"wyca-p", "leeds-climate", "ypip"}


def test_region_issue_links_list_core_first_with_sources(con):
    links = queries.region_issue_links(con, "ni")
    assert list(links["emphasis"]) == ["core", "mentioned"]
    assert list(links["issue"]) == ["Economic inactivity", "Skills gaps"]
    assert links["source_url"].str.startswith("https://").all()


def test_organisation_detail_and_memberships(con):
    leeds_cc = queries.organisation_detail(con, "leeds-cc")
    assert leeds_cc["name"] == "Leeds City Council" and leeds_cc["region_name"] == "Yorkshire and the Humber"
    assert leeds_cc["website"] is None
    memberships = queries.organisation_memberships(con, "leeds-cc")
    assert list(memberships["partnership_id"]) == ["old-lep", "wyca-p", "leeds-climate"]
    assert list(memberships["role"]) == ["member"] * 3


@pytest.mark.parametrize("org_id", ["no-such-org", "x' OR '1'='1", "interviewee-org"])
def test_unknown_or_restricted_organisations_are_not_found(con, org_id):
    assert queries.organisation_detail(con, org_id) is None
    assert queries.organisation_memberships(con, org_id).empty


@needs_geo
def test_boundaries_are_stored_with_geometry_text(con):
    assert queries.boundary_status(con) == {"has_boundaries": True, "layers": ("itl1", "lad", "cauth")}
    shapes = queries.region_geometries(con)
    assert {"yh", "rw", "forth", "ni"} <= set(shapes["region_id"])
    assert shapes["area_km2"].is_monotonic_decreasing
    assert shapes["geojson"].str.startswith('{"type":').all()
    itl1 = queries.layer_geometries(con, "itl1")
    assert len(itl1) == 12 and list(itl1["code"][:2]) == ["TLC", "TLD"]
    assert len(queries.layer_geometries(con, "lad")) == 361
    assert len(queries.layer_geometries(con, "cauth")) == 15


@needs_geo
def test_default_view_payload_stays_small(con):
    """The figure JSON the browser receives for the default view, measured, not estimated."""
    measures = queries.region_measures(con, Filters(), "net zero")
    orgs = queries.organisation_points(con, Filters())
    layers = {"itl1": queries.layer_geometries(con, "itl1")}
    fig = figures.map_figure(measures, queries.region_geometries(con), layers, orgs, figures.MapView())
    payload = len(fig.to_json())
    assert 100_000 < payload < PAYLOAD_LIMIT
    drawn = [t for t in fig.data if t.meta == "regions"][0]
    assert set(drawn.locations) == {"yh", "rw", "forth", "ni", "swc", "ldn", "wm"}


def test_without_boundaries_the_status_says_so_and_measures_still_work(no_geo_con):
    assert queries.boundary_status(no_geo_con) == {"has_boundaries": False, "layers": ()}
    frame = by_region(queries.region_measures(no_geo_con, Filters(), "net zero"))
    assert frame.loc["yh", "partnerships"] == 5
    assert len(queries.organisation_points(no_geo_con, Filters())) == 15
