"""The timeline says which milestone a bar starts at (partnerships.founded_as), escaped like all data text."""

import pandas as pd

from lpipdata.figures.timeline.hover import partnership_hover, start_milestone
from lpipdata.filters import Filters
from lpipdata.queries import timeline as queries


def bar(**changes):
    row = {"name": "YPIP", "acronym": "", "scale": "region", "governance_form": "", "founded": "2023",
           "founded_as": "funding award", "ended": None, "region_name": "Yorkshire and the Humber", "themes": "",
           "source_title": "GtR", "confidence": "sourced"}
    return {**row, **changes}


def test_hover_names_the_milestone_the_bar_starts_at():
    assert "2023 – no end date · starts at: funding award<br>" in partnership_hover(bar())


def test_no_milestone_without_a_date_or_a_label():
    assert "starts at" not in partnership_hover(bar(founded_as=None))
    assert "starts at" not in partnership_hover(bar(founded=None))
    assert start_milestone("2023", float("nan")) == ""


def test_hover_without_the_column_still_works():
    row = bar()
    del row["founded_as"]
    assert "starts at" not in partnership_hover(row)


def test_milestone_text_is_escaped():
    assert "starts at: &lt;b&gt;launch&lt;/b&gt;" in start_milestone("2020", "<b>launch</b>")


def test_timeline_query_returns_founded_as(con):
    bars = queries.partnership_bars(con, Filters()).set_index("partnership_id")
    assert bars.loc["epic", "founded_as"] == "launch" and bars.loc["wyca-p", "founded_as"] == "establishment"
    assert pd.isna(bars.loc["leeds-climate", "founded_as"])
