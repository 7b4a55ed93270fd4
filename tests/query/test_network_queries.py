"""The network view's queries and graph building on the tiny database."""

from datetime import date

import pandas as pd

from lpipdata import network as net
from lpipdata.filters import Filters
from lpipdata.queries import network as queries


def pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["partnership_id"], frame["org_id"]))


def test_memberships_carry_names_regions_roles_and_sources(con):
    rows = queries.memberships(con, Filters())
    assert len(rows) == 22  # the restricted organisation's membership is not in a public build
    assert "interviewee-org" not in set(rows["org_id"])
    leeds = rows[(rows["org_id"] == "uni-leeds") & (rows["partnership_id"] == "ypip")].iloc[0]
    assert (leeds["role"], leeds["org_region_name"], leeds["partnership_region_name"]) == (
        "lead", "Yorkshire and the Humber", "Yorkshire and the Humber")
    assert leeds["source_url"].startswith("https://gtr.ukri.org/")
    assert rows.loc[rows["org_id"] == "inject", "confidence"].iloc[0] == "unverified"
    assert list(rows["partnership_id"]) == sorted(rows["partnership_id"])


def test_memberships_follow_the_shared_filters(con):
    assert set(queries.memberships(con, Filters(sectors=("academic",)))["sector"]) == {"academic"}
    assert pairs(queries.memberships(con, Filters(as_of=date(2020, 1, 1)))) == {
        ("old-lep", "leeds-cc"), ("wyca-p", "leeds-cc"), ("leeds-climate", "uni-leeds"),
        ("leeds-climate", "yorkshire-water"), ("leeds-climate", "leeds-cc")}
    assert set(queries.memberships(con, Filters(regions=("rw",)))["partnership_id"]) == {"rw-lpip"}
    assert queries.memberships(con, Filters(regions=("wales",))).empty


def test_organisation_card_and_regions(con):
    card = queries.organisation(con, "uni-leeds").iloc[0]
    assert (card["name"], card["region_name"], card["confidence"]) == (
        "University of Leeds", "Yorkshire and the Humber", "sourced")
    assert queries.organisation(con, "no-such-org").empty
    regions = queries.organisation_regions(con, "uni-leeds")
    assert list(regions["region_id"]) == ["yh", "uk"] and list(regions["is_home"]) == [True, False]


def test_organisation_memberships_say_which_are_in_view(con):
    rows = queries.organisation_memberships(con, "leeds-cc", Filters(as_of=date(2024, 6, 1)))
    assert list(rows["partnership_id"]) == ["leeds-climate", "old-lep", "wyca-p"]  # local, sub-regional, city-region
    assert dict(zip(rows["partnership_id"], rows["in_view"])) == {"leeds-climate": True, "old-lep": False,
                                                                   "wyca-p": True}
    assert rows.loc[rows["partnership_id"] == "old-lep", "until"].iloc[0] == "2024-03"
    assert rows["source_url"].notna().all()


def test_partnership_card_and_members(con):
    assert queries.partnership(con, "ypip").iloc[0]["region_name"] == "Yorkshire and the Humber"
    members = queries.partnership_members(con, "ypip", Filters(sectors=("academic",)))
    assert set(members["org_id"]) == {"uni-leeds", "uni-sheffield", "wyca", "inject"}
    assert set(members.loc[members["in_view"], "org_id"]) == {"uni-leeds", "uni-sheffield"}


def test_analysis_of_the_tiny_network(con):
    analysis = net.analyse(net.graphs(con, Filters()))
    assert (analysis.count(net.ORG), analysis.count(net.PARTNERSHIP)) == (15, 8)
    assert analysis.notes == ()
    assert net.brokers(analysis.nodes).iloc[0]["org_id"] == "uni-leeds"
    leeds = analysis.nodes.set_index("node").loc["org:uni-leeds"]
    assert (leeds["partnerships"], leeds["degree"], leeds["regions_spanned"], leeds["scales_spanned"]) == (3, 10, 2, 3)
    lpip = analysis.nodes.set_index("node").loc["partnership:lpip"]
    assert (lpip["members"], lpip["sector_mix"]) == (6, "academic 5 · public 1")


def test_layouts_are_the_same_on_every_build(con):
    first, second = net.graphs(con, Filters()), net.graphs(con, Filters())
    for mode in net.MODES:
        a, b = net.draw_network(first, mode), net.draw_network(second, mode)
        pd.testing.assert_frame_equal(a.nodes, b.nodes)
        pd.testing.assert_frame_equal(a.edges, b.edges)
    ego = net.draw_ego(first, net.TWO_MODE, "org:leeds-cc", 1)
    assert set(ego.nodes["node"]) == {"org:leeds-cc", "partnership:old-lep", "partnership:wyca-p",
                                      "partnership:leeds-climate", "org:uni-leeds", "org:yorkshire-water"}
    assert ego.centre == "org:leeds-cc" and not ego.is_sampled


def test_an_empty_filter_state_gives_an_empty_analysis(con):
    analysis = net.analyse(net.graphs(con, Filters(regions=("wales",))))
    assert analysis.is_empty and analysis.count(net.ORG) == 0
