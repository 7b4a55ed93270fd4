"""AppTest of the Evidence page against the tiny database (public, and research builds)."""

import pytest

from lpipdata.highlight import HIGHLIGHT_MARKUP
from tests.app.conftest import run_app

PAGE = "pages/evidence.py"
OPEN, CLOSE = HIGHLIGHT_MARKUP


def markdown_text(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def captions(app) -> str:
    return "\n".join(c.value for c in app.caption)


def test_search_shows_the_hit_highlighted_with_its_context(tiny_env):
    app = run_app(page=PAGE, q="panel")
    assert not app.exception
    assert app.title[0].value == "Evidence"
    assert app.text_input(key="w_q").value == "panel"
    assert f"A community {OPEN}panel{CLOSE} of 12 people" in markdown_text(app)
    assert [s.value for s in app.main.subheader] == ["Sources (0)", "Observations (1)"]
    assert "0 sources and 1 observation matching 'panel'" in captions(app)
    assert "Yorkshire and the Humber Policy Innovation Partnership · Yorkshire and the Humber" in captions(app)
    codes = markdown_text(app)
    assert ":green-badge[enables] **Participation \\> Community panel** · :gray[coded by atlas \\(project reading\\)]" \
        in codes
    assert ":green-badge[enables] **Participation** · :gray[coded by researcher\\-b]" in codes
    assert "Public mode" in captions(app)


def test_sources_show_publisher_kind_and_date_at_its_precision(tiny_env):
    app = run_app(page=PAGE, q="UKRI")
    text = captions(app)
    assert f"{OPEN}UKRI{CLOSE} · web page · published 13 Feb 2024" in text
    assert "published Jul 2024" not in text  # WISERD's source does not match 'UKRI'
    assert f"**{OPEN}UKRI{CLOSE} news\\: four partnerships funded**" in markdown_text(app)
    assert any(b.label == "What it supports (37)" for b in app.button)


def test_no_match_says_so(tiny_env):
    app = run_app(page=PAGE, q="xyzzy <b>")
    assert not app.exception
    assert "No sources or observations match 'xyzzy \\<b\\>'" in app.info[0].value
    assert not app.main.subheader  # no empty result sections


def test_selected_source_lists_every_row_it_supports_escaped(tiny_env):
    app = run_app(page=PAGE, source="brief")
    text = markdown_text(app)
    assert "**Organisation**: \\<b\\>Bold\\</b\\>\\<script\\>alert\\(1\\)\\</script\\> \\[click me\\]" in text
    assert "**Membership**: \\<b\\>Bold\\</b\\>" in text
    assert "**Region**: West Midlands · ⚠ unverified" in text
    assert "<script>" not in text
    assert any(b.label == "Hide what it supports" for b in app.button)
    assert "No web address: this document is not published online." in captions(app)


def test_rows_of_a_source_with_a_url_link_to_it(tiny_env):
    app = run_app(page=PAGE, source="wiserd-launch", q="senedd")
    text = markdown_text(app)
    link = "[source ↗](https://wiserd.ac.uk/news/cymru-wledig-lpip-rural-wales-launched-at-the-senedd)"
    assert f"**Partnership**: Cymru Wledig LPIP Rural Wales · {link}" in text
    assert text.count(link) == 15  # 13 fact rows, the Rural Wales excerpt and its coding


def test_supports_button_selects_the_source_in_the_url(tiny_env):
    app = run_app(page=PAGE, q="ukri")
    app.button(key="supports_ukri-2024").click().run()
    assert app.query_params["source"] == "ukri-2024" and app.query_params["q"] == "ukri"
    assert "**Event**: Phase\\-2 awards announced \\(2024\\-02\\-13\\)" in markdown_text(app)
    app.button(key="supports_ukri-2024").click().run()
    assert "source" not in app.query_params


def test_typing_a_search_writes_it_to_the_url(tiny_env):
    app = run_app(page=PAGE)
    app.text_input(key="w_q").input("  Commissioning  ").run()
    assert app.query_params["q"] == "Commissioning"
    assert f"Policy {OPEN}commissioning{CLOSE} funds small projects" in markdown_text(app)


def test_kind_confidence_and_partnership_filters_live_in_the_url(tiny_env):
    app = run_app(page=PAGE)
    app.radio(key="w_kind").set_value("document").run()
    assert app.query_params["kind"] == "document"
    assert [s.value for s in app.main.subheader] == ["Sources (1)", "Observations (0)"]
    app = run_app(page=PAGE, regions="ni")
    assert app.multiselect(key="w_regions").value == ["ni"]
    assert [s.value for s in app.main.subheader] == ["Sources (1)", "Observations (1)"]
    assert "in Northern Ireland" in captions(app)
    app = run_app(page=PAGE, confidence="unverified", partnership="ypip")
    assert app.selectbox(key="w_partnership").value == "ypip"
    assert app.radio(key="w_confidence").value == "unverified"
    assert "unverified facts only" in captions(app) and "about Yorkshire and the Humber Policy" in captions(app)


def test_table_layout_has_tables_and_csv_downloads(tiny_env):
    app = run_app(page=PAGE, layout="table", q="ukri", source="ukri-2024")
    assert not app.exception
    assert len(app.dataframe) == 3  # what the source supports, sources, observations
    assert list(app.dataframe[1].value["source_id"]) == ["ukri-2024", "gtr-ypip"]
    assert len(app.get("download_button")) == 3


def test_unknown_source_in_link_is_reported(tiny_env):
    app = run_app(page=PAGE, source="no-such-source")
    assert "unknown source" in app.warning[0].value


def test_restricted_evidence_is_hidden_in_public_mode(tiny_env):
    app = run_app(page=PAGE, q="restricted")
    assert "No sources or observations match 'restricted'" in app.info[0].value
    app = run_app(page=PAGE, kind="interview")
    assert "Interview with a regional stakeholder" not in markdown_text(app)


def test_research_build_served_in_public_mode_hides_restricted_evidence(research_db, monkeypatch):
    monkeypatch.setenv("LPIP_DB", str(research_db))
    monkeypatch.setenv("LPIP_MODE", "public")
    app = run_app(page=PAGE, q="restricted")
    assert "No sources or observations match 'restricted'" in app.info[0].value
    app = run_app(page=PAGE, source="interview-01")
    assert "unknown source" in app.warning[0].value and "Restricted Org" not in markdown_text(app)


@pytest.fixture()
def research_env(research_db, monkeypatch):
    monkeypatch.setenv("LPIP_DB", str(research_db))
    monkeypatch.setenv("LPIP_MODE", "research")
    return research_db


def test_research_mode_shows_restricted_evidence_marked(research_env):
    app = run_app(page=PAGE, q="restricted")
    assert not app.exception
    assert "Research mode" in captions(app)
    text = markdown_text(app)
    assert f"{OPEN}Restricted{CLOSE} interview note \\(fixture\\)\\. :violet-badge[restricted]" in text
    app = run_app(page=PAGE, kind="interview", source="interview-01")
    text = markdown_text(app)
    assert "Interview with a regional stakeholder \\(fixture\\)" in text
    assert "**Organisation**: Restricted Org :violet-badge[restricted]" in text


def test_coding_filters_come_from_the_url_and_show_codes_and_directions(tiny_env):
    app = run_app(page=PAGE, code="participation", direction="hinders")
    assert not app.exception
    assert app.selectbox(key="w_code").value == "participation"
    assert app.radio(key="w_direction").value == "hinders"
    assert [s.value for s in app.main.subheader] == ["Sources (1)", "Observations (1)"]
    text = markdown_text(app)
    assert "Commissioners said the council's timetable left little room for residents\\." in text
    assert (":red-badge[hinders] **Participation** · about Leeds City Council · :gray[coded by researcher\\-a]"
            in text)
    assert "coded Participation \\(or below\\), hinders" in captions(app)


def test_choosing_a_coder_writes_it_to_the_url(tiny_env):
    app = run_app(page=PAGE)
    assert "researcher-b" in app.selectbox(key="w_coder").options
    app.selectbox(key="w_coder").select("researcher-b").run()
    assert app.query_params["coder"] == "researcher-b"
    assert [s.value for s in app.main.subheader][1] == "Observations (2)"


def test_unknown_code_in_the_link_is_reset_with_a_warning(tiny_env):
    app = run_app(page=PAGE, code="trust", direction="sideways")
    assert not app.exception
    assert "code" in app.warning[0].value and "direction" in app.warning[0].value
    assert [s.value for s in app.main.subheader][1] == "Observations (5)"


def test_research_mode_filters_restricted_codings_too(research_env):
    app = run_app(page=PAGE, direction="hinders")
    assert [s.value for s in app.main.subheader][1] == "Observations (2)"
    assert ":red-badge[hinders] **Relationships**" in markdown_text(app)
