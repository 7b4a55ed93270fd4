"""Coded evidence: the codebook's paths and dimensions, filters by code, direction and coder, and
restricted codings kept out of public builds (tiny fixture database, built by the real build)."""

import pytest

from lpipdata import db
from lpipdata.queries import evidence
from lpipdata.queries.evidence import Search


@pytest.fixture()
def research_con(research_db):
    connection = db.connect(research_db)
    yield connection
    connection.close()


def excerpts(con, **search) -> set[str]:
    return set(evidence.observations(con, Search(**search))["observation_id"])


def test_a_child_code_takes_its_ancestors_dimension_and_path(con):
    book = evidence.codebook(con, public_only=True).set_index("code_id")
    panel = book.loc["participation.panel"]
    assert (panel["path"], panel["dimension"], panel["depth"]) == ("Participation > Community panel", "participation", 1)
    assert book.loc["participation", "codings"] == 4  # its own three and the panel code's one
    assert book.loc["memo"].isna()["dimension"]


def test_code_filter_takes_codes_below_the_chosen_one(con):
    assert excerpts(con, code="participation") == {"obs-panel", "obs-rw-labs", "obs-climate-slow"}
    assert excerpts(con, code="participation.panel") == {"obs-panel"}


def test_direction_and_coder_filters_combine(con):
    assert excerpts(con, direction="hinders") == {"obs-climate-slow"}
    assert excerpts(con, coder="researcher-b") == {"obs-panel", "obs-stirling-capacity"}
    assert excerpts(con, code="participation", coder="researcher-b") == {"obs-panel"}
    assert excerpts(con, direction="mixed", regions=("yh",)) == set()


def test_sources_follow_the_coding_filter(con):
    sources = evidence.sources(con, Search(direction="hinders"))
    assert list(sources["source_id"]) == ["gtr-ypip"]


def test_each_excerpt_lists_all_its_codings(con):
    rows = evidence.codings(con, ("obs-panel", "obs-climate-slow"), public_only=True)
    assert list(rows["coding_id"]) == ["c-climate-slow", "c-panel-r2", "c-panel"]
    slow = rows.iloc[0]
    assert (slow["direction"], slow["coder"], slow["org_name"]) == ("hinders", "researcher-a", "Leeds City Council")


def test_public_build_holds_no_restricted_excerpt_or_coding(con):
    assert db.run(con, "SELECT count(*) AS n FROM codings WHERE coding_id = 'c-restricted'")["n"].iloc[0] == 0
    assert "researcher-a" in evidence.coders(con, public_only=False)
    assert excerpts(con, public_only=False) == excerpts(con)
    assert evidence.codings(con, ("obs-restricted",), public_only=False).empty


def test_research_build_holds_every_coding_and_hides_restricted_ones_in_public_mode(research_con):
    assert db.run(research_con, "SELECT count(*) AS n FROM codings")["n"].iloc[0] == 8
    assert excerpts(research_con, direction="hinders", public_only=False) == {"obs-climate-slow", "obs-restricted"}
    assert excerpts(research_con, direction="hinders", public_only=True) == {"obs-climate-slow"}
    assert evidence.codings(research_con, ("obs-restricted",), public_only=True).empty
    restricted = evidence.codings(research_con, ("obs-restricted",), public_only=False)
    assert list(restricted["coding_id"]) == ["c-restricted"]
    public_counts = evidence.codebook(research_con, public_only=True).set_index("code_id")["codings"]
    research_counts = evidence.codebook(research_con, public_only=False).set_index("code_id")["codings"]
    assert research_counts["relationships"] == public_counts["relationships"] + 1
