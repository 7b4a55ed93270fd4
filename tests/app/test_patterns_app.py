"""AppTest of the Patterns page against the tiny database: the matrix, the evidence behind a cell,
the truth table and solutions, bad links, empty states and restricted evidence."""

import pytest

from tests.app.conftest import run_app

PAGE = "pages/patterns.py"


def markdown_text(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_the_page_shows_the_words_the_matrix_truth_table_and_solutions(tiny_env):
    app = run_app(page=PAGE, outcome="participation", conditions="has_community,has_university")
    assert not app.exception
    assert app.title[0].value == "Patterns"
    assert [h.value for h in app.header] == ["Calibration", "Truth table", "Solutions"]
    words = app.info[0].value
    assert "3 partnerships have coded evidence on this outcome" in words and "inferred reading" in words
    text = markdown_text(app)
    assert "**Conservative solution** (no remainders assumed)" in text
    assert "Solution consistency" in text
    assert app.get("plotly_chart")


def test_an_outcome_cell_in_the_link_lists_its_excerpts_with_source_links(tiny_env):
    app = run_app(page=PAGE, outcome="participation", cell="ypip~outcome:participation")
    text = markdown_text(app)
    assert "A community panel of 12 people sits as equal decision\\-makers\\." in text
    assert "[source ↗](https://gtr.ukri.org/projects?ref=ES%2FZ50239X%2F1)" in text
    assert ":green-badge[enables]" in text and "coded by researcher\\-b" in text


def test_a_condition_cell_lists_the_sourced_rows_it_is_computed_from(tiny_env):
    app = run_app(page=PAGE, cell="ypip~member_count")
    text = markdown_text(app)
    assert "**Membership**: University of Leeds \\(lead; university, academic\\)" in text
    assert "**Membership**: \\<b\\>Bold\\</b\\>" in text  # names from the data stay escaped


def test_bad_settings_in_the_link_get_one_warning_and_defaults(tiny_env):
    app = run_app(page=PAGE, outcome="joy", conditions="bogus", incl="7", cal="member_count:x")
    assert not app.exception
    assert len(app.warning) == 1
    warning = app.warning[0].value
    assert all(part in warning for part in ("outcome 'joy'", "'bogus'", "'7'", "member_count:x"))
    assert [h.value for h in app.header] == ["Calibration", "Truth table", "Solutions"]


def test_more_than_six_conditions_are_refused_with_the_reason(tiny_env):
    names = "member_count,has_community,has_university,scales_spanned,embeddedness,sector_count,age_years"
    app = run_app(page=PAGE, conditions=names)
    assert "7 conditions refused" in app.warning[0].value and "64 configurations" in app.warning[0].value
    assert app.multiselect(key="w_patterns_conditions").value == names.split(",")[:6]


def test_an_outcome_without_coded_evidence_says_how_to_add_it(tiny_env):
    app = run_app(page=PAGE, outcome="confidence")
    assert not app.exception
    assert "python -m lpipdata evidence import FILE" in app.info[0].value
    assert not app.header  # no empty analysis sections


def test_choosing_an_outcome_writes_it_to_the_url(tiny_env):
    app = run_app(page=PAGE)
    app.selectbox(key="w_patterns_outcome").select("participation").run()
    assert app.query_params["outcome"] == "participation"
    assert "3 partnerships have coded evidence" in app.info[0].value


def test_regions_as_cases(tiny_env):
    app = run_app(page=PAGE, cases="regions")
    assert not app.exception
    assert "4 regions have coded evidence on this outcome" in app.info[0].value


def test_presentation_mode_keeps_the_matrix_and_drops_the_controls(tiny_env):
    app = run_app(page=PAGE, present="1")
    assert not app.exception
    assert app.get("plotly_chart")
    assert not [w for w in app.sidebar.multiselect if w.key == "w_patterns_conditions"]


def test_a_research_build_served_in_public_mode_counts_no_restricted_coding(research_db, monkeypatch):
    monkeypatch.setenv("LPIP_DB", str(research_db))
    monkeypatch.setenv("LPIP_MODE", "public")
    app = run_app(page=PAGE, cases="regions", outcome="relationships")
    assert "python -m lpipdata evidence import FILE" in app.info[0].value
    app = run_app(page=PAGE, cases="regions", cell="yh~outcome:all")
    assert "Restricted interview note" not in markdown_text(app)


@pytest.fixture()
def research_env(research_db, monkeypatch):
    monkeypatch.setenv("LPIP_DB", str(research_db))
    monkeypatch.setenv("LPIP_MODE", "research")


def test_research_mode_counts_and_shows_restricted_codings(research_env):
    app = run_app(page=PAGE, cases="regions", outcome="relationships", cell="yh~outcome:relationships")
    assert not app.exception
    assert "1 regions have coded evidence on this outcome" in app.info[0].value
    assert "Restricted interview note \\(fixture\\)\\." in markdown_text(app)
