"""A URL value of the right form but outside a widget's range is refused by the parser, with the
one warning, before the widget can refuse it with a traceback (issue 14, failure 1)."""

import pytest

from tests.app.conftest import run_app

PAGES = ("pages/map.py", "pages/network.py", "pages/timeline.py", "pages/region.py", "pages/compare.py")
OUT_OF_RANGE = ({"asof": "9999-12-31", "from": "1850"}, {"asof": "0001-01-01", "to": "2999"})


@pytest.mark.parametrize("query", OUT_OF_RANGE, ids=["late", "early"])
@pytest.mark.parametrize("page", PAGES)
def test_values_outside_a_widgets_range_warn_once_and_the_page_runs(tiny_env, page, query):
    app = run_app(page, region="yh", regions="yh,rw", **query)
    assert not app.exception, app.exception[0].message
    assert len(app.warning) == 1, [w.value for w in app.warning]
    text = app.warning[0].value
    assert "'asof' must be a date like 2024-01-31, from 1980-01-01 to" in text
    assert "must be a year between" in text
    assert app.session_state["lpip_filters"].as_of is None
