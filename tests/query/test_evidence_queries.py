"""Evidence queries on the tiny database: search, filters, what a source supports, restricted rows."""

import pytest

from lpipdata import db
from lpipdata.queries import evidence
from lpipdata.queries.evidence import Search
from tests.unit.test_evidence_citations import tables_citing_sources

RESTRICTED_IDS = {"interview-01", "obs-restricted", "interviewee-org"}


@pytest.fixture()
def research_con(research_db):
    connection = db.connect(research_db)
    yield connection
    connection.close()


def ids(con, search: Search) -> tuple[set[str], set[str]]:
    return (set(evidence.sources(con, search)["source_id"]),
            set(evidence.observations(con, search)["observation_id"]))


@pytest.mark.parametrize("fixture", ["con", "research_con"])
def test_citations_hold_one_row_per_fact_row_of_every_citing_table(fixture, request):
    con = request.getfixturevalue(fixture)
    for table in sorted(tables_citing_sources()):
        expected = db.run(con, f"SELECT count(*) AS n FROM {table}")["n"].iloc[0]
        listed = db.run(con, "SELECT count(*) AS n FROM citations WHERE table_name = $t", {"t": table})["n"].iloc[0]
        assert expected > 0, f"the fixture should have rows in {table}"
        assert listed == expected, table


def test_empty_search_lists_every_public_source_and_observation_newest_first(con):
    sources = evidence.sources(con, Search())
    assert list(sources["source_id"]) == ["wiserd-launch", "ukri-2024", "gtr-ypip", "brief"]
    assert list(sources["published_label"]) == ["Jul 2024", "13 Feb 2024", "", ""]
    assert set(evidence.observations(con, Search())["observation_id"]) == {
        "obs-panel", "obs-commission", "obs-rw-labs", "obs-climate-slow", "obs-stirling-capacity"}


def test_search_is_case_insensitive_and_needs_every_word(con):
    assert ids(con, Search(text="PANEL")) == (set(), {"obs-panel"})
    assert ids(con, Search(text="community panel")) == (set(), {"obs-panel"})
    assert ids(con, Search(text="panel funds")) == (set(), set())
    assert ids(con, Search(text="ukri")) == ({"ukri-2024", "gtr-ypip"}, set())  # title or publisher
    assert ids(con, Search(text="wiserd senedd")) == ({"wiserd-launch"}, set())


@pytest.mark.parametrize("text", ["%", "_", "pan%", "p_nel", "'; DROP TABLE sources; --", "\\"])
def test_wildcards_and_quotes_are_literal(con, text):
    assert ids(con, Search(text=text)) == (set(), set())


def test_filters_by_kind_region_partnership_and_confidence(con):
    assert ids(con, Search(kind="document")) == ({"brief"}, set())
    assert ids(con, Search(regions=("ni",))) == ({"ukri-2024"}, {"obs-commission"})
    assert ids(con, Search(regions=("rw",))) == ({"wiserd-launch"}, {"obs-rw-labs"})
    assert ids(con, Search(partnership="ypip")) == ({"gtr-ypip", "brief"}, {"obs-panel"})
    assert ids(con, Search(confidence="unverified")) == ({"brief"}, set())
    assert ids(con, Search(text="ukri", regions=("yh",))) == ({"gtr-ypip"}, set())


def test_observations_carry_their_context_and_source_link(con):
    row = evidence.observations(con, Search(text="panel")).iloc[0]
    assert (row["dimensions"], row["region_name"], row["partnership_name"]) == (
        "participation", "Yorkshire and the Humber", "Yorkshire and the Humber Policy Innovation Partnership")
    assert row["codes"] == ("Participation (enables, researcher-b); "
                            "Participation > Community panel (enables, atlas (project reading))")
    assert row["source_url"].startswith("https://gtr.ukri.org/") and row["visibility"] == "public"


def test_supported_rows_list_everything_citing_the_source(con):
    rows = evidence.supported_rows(con, "brief", public_only=True)
    assert set(rows["table_name"]) == {"regions", "region_areas", "organisations", "partnerships", "memberships"}
    assert len(rows) == evidence.sources(con, Search(text="project brief"))["supports"].iloc[0] == 12
    inject = rows[rows["row_key"] == "inject"].iloc[0]
    assert inject["label"].startswith("<b>Bold</b><script>alert(1)</script>")
    assert (inject["record_type"], inject["confidence"]) == ("Organisation", "unverified")
    assert "ypip/inject/member" in set(rows["row_key"])
    assert rows["record_type"].iloc[0] == "Region"  # grouped by table, regions first


def test_every_supported_row_links_to_its_source(con):
    rows = evidence.supported_rows(con, "ukri-2024", public_only=True)
    assert len(rows) == 37 and set(rows["source_url"]) == {
        "https://www.ukri.org/news/20-million-investment-in-four-partnerships-to-boost-local-growth/"}
    assert {"Region", "Organisation", "Partnership", "Membership", "Event", "Observation"} <= set(rows["record_type"])


def test_public_build_holds_no_restricted_evidence_whatever_the_flag(con):
    everything = ids(con, Search(public_only=False))
    assert not (everything[0] | everything[1]) & RESTRICTED_IDS
    assert evidence.supported_rows(con, "interview-01", public_only=False).empty


def test_research_build_in_public_mode_still_hides_restricted_evidence(research_con):
    shown = ids(research_con, Search(public_only=True))
    assert not (shown[0] | shown[1]) & RESTRICTED_IDS
    assert ids(research_con, Search(text="restricted", public_only=True)) == (set(), set())
    assert evidence.supported_rows(research_con, "interview-01", public_only=True).empty
    assert "interview-01" not in evidence.source_ids(research_con, public_only=True)
    assert evidence.source(research_con, "interview-01", public_only=True) is None
    gtr = evidence.sources(research_con, Search(text="GtR", public_only=True))["supports"].iloc[0]
    assert gtr == evidence.sources(research_con, Search(text="GtR", public_only=False))["supports"].iloc[0]


def test_research_mode_shows_restricted_evidence(research_con):
    sources, observations = ids(research_con, Search(text="restricted", public_only=False))
    assert observations == {"obs-restricted"}
    assert "interview-01" in ids(research_con, Search(kind="interview", public_only=False))[0]
    rows = evidence.supported_rows(research_con, "interview-01", public_only=False)
    assert set(rows["row_key"]) == {"interviewee-org", "old-lep/interviewee-org/member", "obs-restricted",
                                    "c-restricted"}
    assert set(rows["visibility"]) == {"restricted"}


def test_partnership_names_and_source_ids(con):
    names = evidence.partnership_names(con, public_only=True)
    assert names["ypip"] == "Yorkshire and the Humber Policy Innovation Partnership" and len(names) == 9
    assert evidence.source_ids(con, public_only=True) == ("brief", "gtr-ypip", "ukri-2024", "wiserd-launch")
    assert evidence.source(con, "brief", public_only=True)["title"] == "Project brief"
