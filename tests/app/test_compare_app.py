"""AppTest of the Compare view against the tiny database."""

from __future__ import annotations

import json

from tests.app.conftest import run_app

PAGE = "pages/compare.py"
SECTIONS = ["Issue profile", "Mix of partnership scales", "Sector mix of members",
            "Network density and centralisation", "Organisations shared between the regions",
            "Partnerships founded per year", "Vertical integration across levels"]


def table_with(app, column: str):
    return next(t.value for t in app.dataframe if column in t.value.columns)


def chart_specs(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def test_defaults_to_the_four_phase_two_lpips(tiny_env):
    app = run_app(page=PAGE)
    assert not app.exception
    assert app.title[0].value == "Compare regions"
    assert "Showing the four phase-2 LPIPs" in app.info[0].value
    assert [s.value for s in app.main.subheader] == ["Forth Water Basin", "Northern Ireland", "Rural Wales",
                                                "Yorkshire and the Humber"]
    assert [h.value for h in app.header] == SECTIONS
    assert len(app.get("plotly_chart")) == 6  # no bridges among these four in the fixture
    assert any("No organisation belongs to partnerships in more than one" in i.value for i in app.info)
    network = table_with(app, "Degree centralisation").set_index("Region")
    assert network.loc["Yorkshire and the Humber", "Density"] == 0.6
    assert network.loc["Rural Wales", "Ties (pairs sharing a partnership)"] == 3
    overview = table_with(app, "Member organisations").set_index("Region")
    assert overview.loc["Yorkshire and the Humber", "Partnerships"] == 5
    labels = [b.label for b in app.get("download_button")]
    assert labels.count("Download CSV") == 7  # overview + six charts with numbers


def test_chosen_regions_in_the_url_show_their_bridges(tiny_env):
    app = run_app(page=PAGE, regions="yh,uk")
    assert not app.exception and not app.warning
    assert [s.value for s in app.main.subheader] == ["Yorkshire and the Humber", "UK\\-wide"]
    assert len(app.get("plotly_chart")) == 7
    bridges = table_with(app, "Member in")
    assert bridges.iloc[0]["Organisation"] == "University of Leeds"
    assert bridges.iloc[0]["Member in"] == "UK-wide, Yorkshire and the Humber"
    assert app.multiselect[0].value == ["yh", "uk"]


def test_one_region_is_compared_with_the_phase_two_lpips(tiny_env):
    app = run_app(page=PAGE, regions="ldn")
    assert not app.exception
    assert "Compare needs at least two regions" in app.warning[0].value
    assert [s.value for s in app.main.subheader][:2] == ["London", "Forth Water Basin"]
    assert len(app.main.subheader) == 4


def test_more_than_four_regions_keep_the_first_four(tiny_env):
    app = run_app(page=PAGE, regions="yh,rw,forth,ni,uk")
    assert "at most 4 regions" in app.warning[0].value and "UK-wide" in app.warning[0].value
    assert len(app.main.subheader) == 4


def test_issue_measure_lives_in_the_url(tiny_env):
    app = run_app(page=PAGE, regions="yh,ni")
    heatmap = chart_specs(app)[0]["data"][0]
    assert heatmap["type"] == "heatmap" and heatmap["y"][:2] == ["net zero", "inclusive growth"]
    assert app.radio[0].value == "partnerships"
    app.radio[0].set_value("emphasis").run()
    assert app.query_params["measure"] == "emphasis"
    assert chart_specs(app)[0]["data"][0]["colorbar"]["title"]["text"] == "Emphasis"
    restored = run_app(page=PAGE, regions="yh,ni", measure="emphasis")
    assert restored.radio[0].value == "emphasis"


def test_filters_that_match_nothing_say_so(tiny_env):
    app = run_app(page=PAGE, regions="yh,rw", themes="health")
    assert not app.exception
    infos = [i.value for i in app.info]
    assert any("No issues are recorded for these regions" in i for i in infos)
    assert any("No partnerships in these regions match the filters" in i for i in infos)
    assert len(app.get("plotly_chart")) == 0


def test_presenting_puts_the_chosen_section_first_without_its_table(tiny_env):
    app = run_app(page=PAGE, present="1", section="sectors")
    assert not app.exception
    assert app.subheader[0].value == "Sector mix of members"  # the stage's title, above every card
    first = chart_specs(app)[0]
    assert {trace["name"] for trace in first["data"]} >= {"academic", "public"}
    assert first["layout"]["template"]["layout"]["font"]["size"] == 22  # the presentation template
    assert "Sector mix of members" not in [h.value for h in app.header]  # not drawn twice
    assert len(app.header) == len(SECTIONS) - 1
    assert not app.radio  # the slide fixes "shade by": no control to fiddle with


def test_present_this_chart_switches_to_presentation_with_that_section(tiny_env):
    app = run_app(page=PAGE)
    app.button(key="present_founded").click().run()
    assert not app.exception
    assert app.query_params["present"] == "1" and app.query_params["section"] == "founded"
    assert app.subheader[0].value == "Partnerships founded per year"


def test_vertical_integration_is_compared_side_by_side(tiny_env):
    app = run_app(page=PAGE)
    assert not app.exception
    table = table_with(app, "Connected upward").set_index("Region")
    # Yorkshire: the Leeds commission links up to YPIP, the LEP through the commission; the undated
    # network has no member. Only the compared regions' partnerships count.
    assert table.loc["Yorkshire and the Humber", ["Local and sub-regional", "Connected upward",
                                                  "Cross-level links"]].tolist() == [3, 2, 4]
    assert table.loc["Rural Wales", "Local and sub-regional"] == 0
    # EPIC (Northern Ireland, nation scale) is shown, and YPIP shares no member with it
    assert table.loc["Yorkshire and the Humber", "Levels with no link upward"] == "neighbourhood, city-region, region"
