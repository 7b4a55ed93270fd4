"""The one-sentence text alternatives of the main charts (issue 14): counts, extremes, the as-of date."""

from datetime import date

import pandas as pd

from lpipdata import chart_text as words


def test_the_map_names_its_extremes_points_and_day():
    regions = pd.DataFrame({"name": ["Yorkshire and the Humber", "Rural Wales", "Forth"], "partnerships": [26, 7, 7]})
    orgs = pd.DataFrame({"lat": [53.8, None, 52.4]})
    sentence = words.map_text(regions, "partnerships", "Partnerships", orgs, date(2024, 4, 1))
    assert sentence == ("Map of 3 LPIP regions coloured by partnerships: the most in Yorkshire and the Humber (26), "
                        "the fewest in Rural Wales and Forth (7); 2 points for the 3 organisations based in the regions "
                        "shown, as of 1 Apr 2024.")


def test_the_network_counts_what_is_drawn_and_its_most_connected_organisation():
    nodes = pd.DataFrame({"kind": ["organisation", "organisation", "partnership"], "label": ["Leeds", "York", "YPIP"],
                          "partnerships": [3, 1, None]})
    assert words.network_text(nodes, 4, None) == (
        "Network: 2 member organisations and 1 partnership joined by 4 membership links; in the most partnerships: "
        "Leeds (3).")
    projection = nodes[nodes["kind"] == "organisation"]
    assert words.network_text(projection, 1, date(2020, 1, 31), centre="Leeds").startswith(
        "Ego network of Leeds: 2 member organisations tied by 1 shared partnership;")


def test_the_timeline_gives_its_span_events_and_the_active_count():
    bars = pd.DataFrame({"name": ["Yorkshire Universities", "Policy Partnership", "Undated"],
                         "acronym": [None, "YPIP", None], "scale": ["region", "region", "local"],
                         "founded_first": pd.to_datetime(["1987-01-01", "2023-05-01", None]),
                         "active_on_as_of": [True, False, None]})
    events = pd.DataFrame({"title": ["launch"]})
    assert words.timeline_text(bars, events, date(2024, 1, 1)) == (
        "Timeline of 3 partnerships in 2 scales, founded from Yorkshire Universities (1987) to YPIP (2023) "
        "(1 without a founding date), with 1 dated event; 1 active on 1 Jan 2024.")


def test_each_compare_section_has_a_sentence_and_an_unknown_one_a_plain_one():
    regions = ["Yorkshire and the Humber", "Rural Wales"]
    frames = {
        "issues": pd.DataFrame({"region": regions, "theme": ["net zero", "water"], "emphasis": [5, 3],
                                "partnerships": [2, 4]}),
        "scales": pd.DataFrame({"region": regions, "scale": ["local", "region"], "partnerships": [4, 3]}),
        "sectors": pd.DataFrame({"region": regions, "sector": ["academic", "public"], "organisations": [16, 9]}),
        "network": pd.DataFrame({"region": regions, "density": [0.263, 0.333], "centralisation": [0.237, 0.16]}),
        "bridges": pd.DataFrame({"organisation": ["UKRI", "UKRI"], "region": regions}),
        "founded": pd.DataFrame({"region": regions, "year": [2014, 2022], "partnerships": [2, 1]}),
    }
    expected = {"issues": "the most is water in Rural Wales, with 4 partnerships working on it",
                "scales": "local in Yorkshire and the Humber (4 of 4)",
                "sectors": "Member organisations by sector",
                "network": "highest in Rural Wales (0.33), lowest in Yorkshire and the Humber (0.26)",
                "bridges": "1 organisation belongs to partnerships in two or more",
                "founded": "from 2014 to 2022: the busiest year is 2014 in Yorkshire and the Humber (2 founded)"}
    for key, frame in frames.items():
        assert expected[key] in words.compare_text(key, frame, regions), key
    assert words.compare_text("issues", frames["issues"], regions, "emphasis").endswith(
        "the most is net zero in Yorkshire and the Humber, with an emphasis score of 5.")
    assert words.compare_text("multilevel", pd.DataFrame({"x": [1]}), regions).startswith("Chart comparing")


def test_the_region_profile_charts_have_sentences():
    points = pd.DataFrame({"lat": [53.8, None]})
    assert words.region_map_text("Rural Wales", points, True) == (
        "Outline of Rural Wales on the UK, with 1 organisation based in the region placed on it.")
    organisations = pd.DataFrame({"name": ["Leeds City Council", "University of Leeds"], "partnerships": [3, 2]})
    assert words.region_network_text("Yorkshire", 2, organisations) == (
        "Network excerpt of Yorkshire: the 2 most connected organisations of its 2 member organisations and the "
        "partnerships they belong to; in the most of the region's partnerships: Leeds City Council (3).")
