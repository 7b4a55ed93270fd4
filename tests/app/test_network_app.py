"""AppTest of the network page against the tiny database."""

import json

from tests.app.conftest import run_app

PAGE = "pages/network.py"


def figure(app) -> dict:
    charts = app.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def node_ids(spec: dict) -> set[str]:
    return {node for trace in spec["data"] if trace.get("meta") == "nodes"
            for node in trace["customdata"]}


def tables(app) -> list:
    return [frame.value for frame in app.dataframe]


def test_whole_network_with_metrics_brokers_and_sources(tiny_env):
    app = run_app(page=PAGE)
    assert not app.exception
    assert app.title[0].value == "Network"
    assert "15 member organisations · 8 partnerships · 22 memberships" in app.caption[0].value
    spec = figure(app)
    assert {"org:uni-leeds", "org:ukri", "partnership:ypip", "partnership:lpip"} <= node_ids(spec)
    assert len(node_ids(spec)) == 23
    orgs, brokers, parts, members = tables(app)[:4]
    assert orgs.iloc[0]["organisation"] == "University of Leeds" and orgs.iloc[0]["degree"] == 10
    assert brokers.iloc[0]["org_id"] == "uni-leeds" and brokers.iloc[0]["scales_spanned"] == 3
    assert parts.iloc[0]["partnership_id"] == "lpip" and parts.iloc[0]["sector_mix"] == "academic 5 · public 1"
    assert len(members) == 22 and members["source_url"].str.startswith("https://").sum() >= 20
    assert {"GraphML", "GEXF", "Nodes CSV", "Edges CSV"} <= {b.label for b in app.get("download_button")}


def test_names_from_data_are_escaped_in_hover_and_labels(tiny_env):
    spec = json.dumps(figure(run_app(page=PAGE, size="degree")))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in spec
    assert "<script>" not in spec and "<b>Bold" not in spec


def test_selected_organisation_shows_its_ego_network_memberships_and_regions(tiny_env):
    app = run_app(page=PAGE, org="leeds-cc")
    assert not app.exception
    assert any("Ego network of Leeds City Council" in m.value for m in app.markdown)
    assert node_ids(figure(app)) == {"org:leeds-cc", "partnership:old-lep", "partnership:wyca-p",
                                     "partnership:leeds-climate", "org:uni-leeds", "org:yorkshire-water"}
    assert "Leeds City Council" in [s.value for s in app.subheader]
    memberships = tables(app)[0]
    assert list(memberships["partnership"]) == ["Leeds Climate Commission", "Old enterprise partnership",
                                                "West Yorkshire Combined Authority"]
    assert set(memberships["role"]) == {"member"} and memberships["source_url"].notna().all()
    assert any("Yorkshire and the Humber (home)" in m.value for m in app.markdown)
    assert app.button(key="network_clear").label == "Show the whole network"


def test_two_steps_in_the_projection_reach_partners_of_partners(tiny_env):
    app = run_app(page=PAGE, org="yorkshire-water", mode="projection", steps="2")
    ids = node_ids(figure(app))
    assert all(node.startswith("org:") for node in ids)
    assert {"org:yorkshire-water", "org:uni-leeds", "org:leeds-cc", "org:ukri", "org:wyca"} <= ids
    assert "org:powys-cc" not in ids  # three steps away, through Aberystwyth and Rural Wales


def test_searching_an_organisation_puts_it_in_the_url(tiny_env):
    app = run_app(page=PAGE)
    app.selectbox(key="w_network_search").select("uni-ulster").run()
    assert not app.exception
    assert app.query_params["org"] == "uni-ulster"
    assert any("Ego network of Ulster University" in m.value for m in app.markdown)


def test_display_options_live_in_the_url(tiny_env):
    app = run_app(page=PAGE, mode="projection", colour="community", size="betweenness", mindeg="2")
    assert not app.exception
    assert app.radio(key="w_mode").value == "projection" and app.radio(key="w_mindeg").value == "2"
    spec = figure(app)
    assert not any(node.startswith("partnership:") for node in node_ids(spec))
    assert any(trace.get("name", "").startswith("Community") for trace in spec["data"])
    assert "org:dfc" not in node_ids(spec)  # one partner only, below the minimum degree
    app.radio(key="w_colour").set_value("region").run()
    assert app.query_params["colour"] == "region" and app.query_params["mode"] == "projection"


def test_selected_partnership_lists_its_members(tiny_env):
    app = run_app(page=PAGE, partnership="ypip")
    assert any("Ego network of Yorkshire and the Humber Policy Innovation Partnership" in m.value
               for m in app.markdown)
    members = tables(app)[0]
    assert set(members["organisation"]) >= {"University of Leeds", "University of Sheffield"}
    assert (members["confidence"] == "unverified").sum() == 1


def test_empty_filters_and_too_high_minimum_degree_explain_themselves(tiny_env):
    empty = run_app(page=PAGE, regions="wales")
    assert not empty.exception and not empty.get("plotly_chart")
    assert "No memberships match these filters" in empty.info[0].value
    strict = run_app(page=PAGE, mindeg="10")
    assert not strict.get("plotly_chart") and "No node has 10 or more ties" in strict.info[0].value


def test_an_as_of_day_leaving_one_organisation_still_draws(tiny_env):
    from tests.app.conftest import run_app

    app = run_app(page="pages/network.py", asof="2014-04-01")
    assert not app.exception
    assert any("active on 1 Apr 2014" in c.value for c in app.caption)
