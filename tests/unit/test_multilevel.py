"""The multilevel view's pure parts: the ladder's places, links, measures, playback steps, the
figure builder and the data dictionary's definitions."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from lpipdata.dictionary import dictionary_text
from lpipdata.figures import multilevel as figures
from lpipdata.multilevel import ladder, measures, playback, tables
from lpipdata.schema import load_schema

SCALES = tuple(load_schema().table("partnerships").field("scale").enum)
LEVELS = pd.DataFrame({"scale": SCALES, "level": range(1, len(SCALES) + 1)})
LEVEL = dict(zip(SCALES, range(1, len(SCALES) + 1)))
TIERS = measures.Tiers.from_levels(LEVELS)
SCALE_OF = {level: scale for scale, level in LEVEL.items()}


def partnerships(*rows) -> pd.DataFrame:
    """(id, scale, region, founded) rows as queries.multilevel.partnerships gives them."""
    return pd.DataFrame([{
        "partnership_id": pid, "name": f"Partnership <b>{pid}</b>", "acronym": None, "scale": scale,
        "level": LEVEL.get(scale), "region_id": region, "region_name": f"Region {region}", "governance_form": None,
        "founded": founded, "ended": None, "founded_first": pd.Timestamp(founded) if founded else pd.NaT,
        "ended_last": pd.NaT, "confidence": "sourced", "source_id": "s", "source_title": "A source",
        "source_url": "https://example.org/s"} for pid, scale, region, founded in rows])


def ties(*rows) -> pd.DataFrame:
    """(lower, upper, org) rows as queries.multilevel.ties_on gives them (levels from the ids' scales)."""
    scale_of = {"n1": "neighbourhood", "l1": "local", "l2": "local", "s1": "sub-regional", "c1": "city-region",
                "r1": "region", "r2": "region", "u1": "UK"}
    return pd.DataFrame([{"lower_id": lower, "upper_id": upper, "lower_level": LEVEL[scale_of[lower]],
                          "upper_level": LEVEL[scale_of[upper]], "org_id": org, "org_name": f"Org {org}"}
                         for lower, upper, org in rows],
                        columns=["lower_id", "upper_id", "lower_level", "upper_level", "org_id", "org_name"])


def nodes_of(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[["partnership_id", "level", "region_id", "region_name"]]


# --- the ladder --------------------------------------------------------------------------------------

def test_rungs_follow_the_schema_order_and_the_scale_filter():
    assert [r.scale for r in ladder.rungs(LEVELS)] == list(SCALES)
    chosen = ladder.rungs(LEVELS, ("UK", "local"))
    assert [(r.scale, r.y) for r in chosen] == [("local", 0), ("UK", 1)]


def test_each_region_is_a_band_and_a_rung_spreads_across_it_oldest_first():
    frame = partnerships(("a", "region", "yh", "2020"), ("b", "region", "yh", "2010"), ("c", "local", "yh", None),
                         ("d", "UK", "uk", "2022"))
    placement = ladder.place(frame, ladder.rungs(LEVELS))
    bands = placement.bands.set_index("region_id")
    assert list(placement.bands["region_id"]) == ["yh", "uk"]  # most partnerships first
    assert (bands.loc["yh", "x1"] - bands.loc["yh", "x0"], bands.loc["uk", "x1"] - bands.loc["uk", "x0"]) == (2, 1)
    at = placement.places.set_index("partnership_id")
    assert at.loc["b", "x"] < at.loc["a", "x"]  # founded 2010 before 2020
    assert at.loc["c", "x"] == pytest.approx(bands.loc["yh", "centre"])  # alone on its rung: centred
    assert (at.loc["c", "y"], at.loc["a", "y"], at.loc["d", "y"]) == (1, 4, 6)
    assert bands.loc["uk", "x0"] > bands.loc["yh", "x1"]  # bands never overlap


def test_the_chosen_regions_set_the_band_order():
    frame = partnerships(("a", "region", "yh", None), ("b", "region", "yh", None), ("d", "UK", "uk", None))
    assert list(ladder.place(frame, ladder.rungs(LEVELS), ("uk", "yh")).bands["region_id"]) == ["uk", "yh"]


def test_a_partnership_without_a_scale_on_the_ladder_is_listed_apart():
    frame = partnerships(("a", "region", "yh", None), ("b", "local", "yh", None))
    frame.loc[1, ["scale", "level"]] = ["parish", None]
    placement = ladder.place(frame, ladder.rungs(LEVELS))
    assert list(placement.places["partnership_id"]) == ["a"]
    assert list(placement.unscaled["partnership_id"]) == ["b"]
    assert tables.unscaled_table(placement.unscaled)["Scale as recorded"].tolist() == ["parish"]


def test_links_are_weighted_by_the_organisations_two_partnerships_share():
    found = ladder.links(ties(("l1", "r1", "b"), ("l1", "r1", "a"), ("l1", "r1", "a"), ("c1", "r1", "c")))
    assert list(zip(found["lower_id"], found["upper_id"], found["weight"])) == [("l1", "r1", 2), ("c1", "r1", 1)]
    assert found.iloc[0]["org_names"] == ("Org a", "Org b")


@pytest.mark.parametrize("text, expected", [
    ("l1~r1", ("l1", "r1")), ("l1", None), ("l1~r1~u1", None), ("L1~r1", None), ("", None), (None, None)])
def test_a_link_in_the_url_is_two_ids(text, expected):
    assert ladder.parse_link_key(text) == expected


# --- the measures ---------------------------------------------------------------------------------------

LADDER = partnerships(("n1", "neighbourhood", "yh", None), ("l1", "local", "yh", None), ("l2", "local", "ni", None),
                      ("s1", "sub-regional", "yh", None), ("c1", "city-region", "yh", None),
                      ("r1", "region", "yh", None), ("r2", "region", "ni", None), ("u1", "UK", "uk", None))


def test_a_path_upward_may_climb_through_other_levels_and_regions():
    # l1 reaches r1 through c1; s1 reaches u1 through r2 (another region); l2 only reaches s1's own
    # component through a local-to-sub-regional link... which joins the component with u1.
    found = ties(("l1", "c1", "a"), ("c1", "r1", "b"), ("s1", "r2", "c"), ("r2", "u1", "d"), ("l2", "s1", "e"))
    reached = measures.connected_upward(nodes_of(LADDER), found, TIERS)
    assert {"l1", "c1", "r1", "s1", "r2", "u1", "l2"} <= reached and "n1" not in reached


def test_scope_measures_count_per_region_and_overall():
    found = ties(("l1", "c1", "a"), ("c1", "r1", "b"), ("r2", "u1", "d"))
    scopes = measures.scope_measures(nodes_of(LADDER), found, TIERS, SCALE_OF).set_index("scope_id")
    overall = scopes.loc[measures.ALL]
    assert (overall["lower_tier"], overall["connected_upward"]) == (4, 1)  # n1, l1, l2, s1: only l1 reaches up
    # no partnership of these levels shares a member upward
    assert overall["levels_unlinked"] == ("neighbourhood", "sub-regional")
    assert scopes.loc["yh", "levels_unlinked"] == ("neighbourhood", "sub-regional", "region")  # r1 has nothing above
    assert scopes.loc["ni", "levels_unlinked"] == ("local",)  # r2 links up to the UK partnership
    assert scopes.loc["uk", "levels_unlinked"] == ()  # the top of the view
    assert (scopes.loc["yh", "cross_level_links"], scopes.loc["ni", "cross_level_links"]) == (2, 1)
    assert scopes.loc["ni", "share_connected_upward"] == 0.0 and pd.isna(scopes.loc["uk", "share_connected_upward"])


def test_brokers_rank_by_links_carried_then_levels_spanned():
    found = ties(("l1", "r1", "x"), ("l1", "u1", "x"), ("r1", "u1", "x"), ("c1", "r1", "y"), ("s1", "r1", "y"),
                 ("l2", "r2", "z"))
    ranked = measures.brokers(found, nodes_of(LADDER))
    assert list(ranked["org_id"]) == ["x", "y", "z"]
    assert ranked.set_index("org_id").loc["x", ["broker_links", "levels_spanned", "partnerships", "regions"]].tolist() \
        == [3, 3, 3, 2]


def test_every_measure_is_defined_in_the_data_dictionary():
    text = dictionary_text()
    assert "## Multilevel measures (computed, not a file)" in text
    for spec in measures.measure_specs():
        assert f"| `{spec.name}` | {spec.definition} |" in text
    # the tiers are spelled out from the schema, never typed twice
    assert "(neighbourhood, local, sub-regional)" in text and "(region, nation, UK)" in text


# --- playback ----------------------------------------------------------------------------------------

def test_candidate_days_are_year_ends_up_to_today():
    assert playback.candidate_days(date(2022, 5, 1), date(2024, 3, 1)) == (
        date(2022, 12, 31), date(2023, 12, 31), date(2024, 3, 1))
    assert playback.candidate_days(date(2000, 5, 1), date(2024, 3, 1), year_from=2021, year_to=2022) == (
        date(2021, 12, 31), date(2022, 12, 31))
    assert playback.candidate_days(None, date(2024, 3, 1), year_from=2020) == ()


def test_steps_skip_years_without_change_and_leading_empty_years():
    changes = pd.DataFrame({"day": pd.to_datetime(["2010-12-31", "2011-12-31", "2012-12-31", "2013-12-31",
                                                    "2014-12-31"]),
                            "partnerships": [0, 2, 2, 0, 0], "fingerprint": [0, 7, 7, 0, 0]})
    assert playback.steps(changes) == (date(2011, 12, 31), date(2013, 12, 31))


def test_next_previous_and_where_play_starts():
    days = (date(2011, 12, 31), date(2014, 12, 31), date(2017, 12, 31))
    assert playback.next_day(days, None) == days[0]
    assert playback.next_day(days, date(2012, 6, 1)) == days[1]
    assert playback.next_day(days, days[-1]) is None
    assert playback.previous_day(days, days[1]) == days[0] and playback.previous_day(days, days[0]) is None
    assert playback.position(days, date(2016, 1, 1)) == 1 and playback.position(days, date(2000, 1, 1)) is None
    assert playback.start_day(days, None) == days[0] and playback.start_day(days, days[-1]) == days[0]
    assert playback.start_day(days, days[1]) == days[1] and playback.start_day((), None) is None


# --- the figure ------------------------------------------------------------------------------------------

def ladder_figure(selected: dict | None = None) -> tuple[go.Figure, pd.DataFrame, pd.DataFrame, ladder.Placement]:
    placement = ladder.place(LADDER, ladder.rungs(LEVELS))
    nodes = placement.places.assign(members=2, links=0)
    links = ladder.links(ties(("l1", "r1", "a"), ("l1", "r1", "b"), ("c1", "r1", "c")))
    return figures.ladder_figure(placement, nodes, links), nodes, links, placement


def clickable(figure: go.Figure, kind: str) -> list[list]:
    return [list(c) for trace in figure.data for c in (trace.customdata if trace.customdata is not None else [])
            if c[0] == kind]


def test_every_partnership_and_link_is_a_clickable_point():
    figure, *_ = ladder_figure()
    assert sorted(c[1] for c in clickable(figure, "partnership")) == sorted(LADDER["partnership_id"])
    assert sorted(c[1:] for c in clickable(figure, "link")) == [["c1", "r1"], ["l1", "r1"]]
    assert all(trace.type == "scatter" for trace in figure.data)  # Streamlit reports clicks on scatter points


def test_link_hover_names_the_shared_members_and_escapes_data():
    figure, *_ = ladder_figure()
    handles = next(t for t in figure.data if t.name == "shared members (link)")
    hover = handles.hovertext[list(map(list, handles.customdata)).index(["link", "l1", "r1"])]
    assert "2 shared members:" in hover and "· Org a<br>· Org b" in hover
    assert "Partnership &lt;b&gt;l1&lt;/b&gt;" in hover and "<b>l1</b>" not in hover
    sizes = list(handles.marker.size)
    assert sizes[0] > sizes[1]  # the handle of the stronger link is larger


def test_rungs_without_partnerships_say_so_and_rungs_are_labelled_in_schema_order():
    figure, *_ = ladder_figure()
    assert list(figure.layout.yaxis.ticktext) == [f"<b>{figures.scale_label(s)}</b>" for s in SCALES]
    assert [a.text for a in figure.layout.annotations] == ["<i>no nation partnership in this view</i>"]


def test_labels_never_overlap_on_the_same_side_of_a_rung():
    placement = ladder.place(partnerships(*[(f"p{i}", "region", "yh", None) for i in range(30)]),
                             ladder.rungs(LEVELS))
    nodes = placement.places.assign(members=1, links=0)
    labels = figures.label_choice(nodes, placement, figures.NORMAL)
    slot_px = figures.NORMAL.width_px / (placement.width + 1)
    for position, part in labels.groupby("position"):
        spans = sorted((x - len(t) * figures.NORMAL.font * figures.CHAR_EM / slot_px / 2, x) for x, t
                       in zip(part["x"], part["text"].map(lambda t: t.replace("&lt;", "<").replace("&gt;", ">"))))
        assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:])), position
    assert len(labels) < 30  # thirty names cannot all fit on one rung


def test_selection_is_drawn_on_a_copy_never_on_the_cached_figure():
    figure, nodes, links, placement = ladder_figure()
    before = json.dumps(figure.to_plotly_json(), default=str)
    selected = figures.with_selection(figure, nodes, links, placement, link=("l1", "r1"))
    assert json.dumps(figure.to_plotly_json(), default=str) == before
    assert {t.name for t in selected.data} >= {"selected links", "selected"}
    partnership = figures.with_selection(figure, nodes, links, placement, partnership="r1")
    ring = next(t for t in partnership.data if t.name == "selected")
    assert len(ring.x) == 1
    assert figures.with_selection(figure, nodes, links, placement) is figure


def test_curves_bow_sideways_so_a_link_within_a_band_misses_the_rungs_between():
    x, y = figures.curve(2.0, 0.0, 2.0, 4.0, bow=0.5)
    middle = len(x) // 2
    assert x[0] == pytest.approx(2.0) and x[-1] == pytest.approx(2.0)
    assert x[middle] > 2.5 and y[middle] == pytest.approx(2.0, abs=0.2)


def test_over_time_and_compare_figures_draw_from_the_measures():
    found = ties(("l1", "c1", "a"), ("c1", "r1", "b"))
    nodes = nodes_of(LADDER).assign(day=date(2020, 12, 31))
    frame = measures.over_time((date(2020, 12, 31),), nodes, found.assign(day=date(2020, 12, 31)), TIERS, SCALE_OF)
    assert list(frame["scope_id"]) == ["all", "ni", "uk", "yh"]
    chart = figures.over_time_figure(frame, date(2020, 12, 31))
    assert {t.name for t in chart.data} >= {"All regions shown", "Region yh"}
    regions = frame[frame["scope_id"] != "all"].rename(columns={"scope_name": "region"})
    compare = figures.compare_figure(regions)
    assert list(compare.data[0].text) == ["0 of 1", "none at these levels", "1 of 3"]


def test_tables_show_the_measures_in_words():
    found = ties(("l1", "c1", "a"), ("c1", "r1", "b"))
    scopes = measures.scope_measures(nodes_of(LADDER), found, TIERS, SCALE_OF)
    table = tables.measures_table(scopes).set_index("Scope")
    assert table.loc["All regions shown", "Share connected upward (%)"] == 25.0
    assert table.loc["All regions shown", "Levels with no link upward"] == "neighbourhood, sub-regional, region"
    assert table.loc["Region uk", "Top multilevel broker"] == "none"
