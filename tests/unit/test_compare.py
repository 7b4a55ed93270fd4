"""Compare: choosing regions and the network measures, as pure functions."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from lpipdata import compare
from lpipdata.network.metrics import degree_centralisation, pairs_projection

NAMES = {"yh": "Yorkshire", "rw": "Rural Wales", "forth": "Forth", "ni": "NI", "uk": "UK-wide", "ldn": "London"}
DEFAULTS = ("forth", "ni", "rw", "yh")


def pairs(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["region_id", "partnership_id", "org_id"])


def test_no_regions_means_the_phase_two_defaults_without_a_message():
    assert compare.choose_regions((), DEFAULTS, NAMES) == (DEFAULTS, None)


@pytest.mark.parametrize("requested", [("yh", "rw"), ("yh", "rw", "forth", "ni"), ("uk", "ldn", "yh")])
def test_two_to_four_regions_are_kept_in_order(requested):
    assert compare.choose_regions(requested, DEFAULTS, NAMES) == (requested, None)


def test_one_region_is_compared_with_the_defaults_and_says_so():
    chosen, message = compare.choose_regions(("ldn",), DEFAULTS, NAMES)
    assert chosen == ("ldn", "forth", "ni", "rw")
    assert "at least two regions" in message and "London alongside Forth, NI, Rural Wales" in message


def test_one_default_region_is_not_repeated():
    chosen, _ = compare.choose_regions(("yh",), DEFAULTS, NAMES)
    assert chosen == ("yh", "forth", "ni", "rw")


def test_more_than_four_keeps_the_first_four_and_names_the_rest():
    chosen, message = compare.choose_regions(("yh", "rw", "forth", "ni", "uk", "ldn"), DEFAULTS, NAMES)
    assert chosen == ("yh", "rw", "forth", "ni")
    assert "at most 4" in message and "UK-wide, London" in message


def test_duplicates_are_ignored():
    assert compare.choose_regions(("yh", "yh", "rw"), DEFAULTS, NAMES) == (("yh", "rw"), None)


def test_a_single_region_with_nothing_to_add_is_reported():
    chosen, message = compare.choose_regions(("yh",), ("yh",), NAMES)
    assert chosen == ("yh",) and "no others are available" in message


def test_projection_links_organisations_sharing_a_partnership():
    graph = pairs_projection(pairs(("yh", "p1", "a"), ("yh", "p1", "b"), ("yh", "p1", "c"), ("yh", "p2", "c"),
                                   ("yh", "p2", "d"), ("yh", "p3", "e")))
    assert set(graph.nodes) == {"a", "b", "c", "d", "e"}  # e shares nothing but is still an organisation
    assert {frozenset(edge) for edge in graph.edges} == {frozenset(e) for e in
                                                         (("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"))}


@pytest.mark.parametrize("graph,expected", [
    (nx.star_graph(4), 1.0),
    (nx.complete_graph(5), 0.0),
    (nx.cycle_graph(6), 0.0),
    (nx.path_graph(3), 1.0),
    (nx.path_graph(2), None),
])
def test_degree_centralisation_is_freemans(graph, expected):
    assert degree_centralisation(graph) == expected


def test_network_measures_per_region_in_the_given_order():
    regions = pd.DataFrame({"region_id": ["yh", "rw", "ni"], "region": ["Yorkshire", "Rural Wales", "NI"]})
    frame = compare.network_measures(pairs(("yh", "p1", "a"), ("yh", "p1", "b"), ("yh", "p1", "c"),
                                           ("yh", "p2", "c"), ("yh", "p2", "d"), ("rw", "p3", "x")), regions)
    assert list(frame["region_id"]) == ["yh", "rw", "ni"]
    yh = frame.iloc[0]
    assert (yh["organisations"], yh["partnerships"], yh["ties"]) == (4, 2, 4)
    assert yh["density"] == pytest.approx(4 / 6, abs=1e-3)
    assert yh["centralisation"] == pytest.approx((0 + 1 + 1 + 2) / 6, abs=1e-3)  # c has degree 3
    assert pd.isna(frame.iloc[1]["density"]) and frame.iloc[2]["organisations"] == 0


def test_network_measures_without_memberships_are_empty():
    regions = pd.DataFrame({"region_id": ["yh"], "region": ["Yorkshire"]})
    assert compare.network_measures(pairs(), regions).empty
