"""The URL state as the app sees it: bad parameters warn once, filters follow the user."""

from tests.app.conftest import run_app


def test_bad_parameters_give_one_warning_and_no_exception(tiny_env):
    app = run_app(regions="yh,atlantis", asof="2024-13-45", colour="<script>", org="x" * 500)
    assert not app.exception
    assert len(app.warning) == 1
    text = app.warning[0].value
    assert "atlantis" in text and "asof" in text and "colour" in text and "too long" in text
    assert app.title[0].value == "LPIP governance atlas"


def test_filters_are_remembered_in_the_session(tiny_env):
    app = run_app(regions="yh,rw", asof="2024-01-01")
    filters = app.session_state["lpip_filters"]
    assert filters.regions == ("yh", "rw") and str(filters.as_of) == "2024-01-01"


def test_clean_url_gives_no_warning(tiny_env):
    app = run_app(regions="yh")
    assert not app.warning
