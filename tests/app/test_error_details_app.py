"""LPIP_ERROR_DETAILS decides what an uncaught error shows (issue 14, failure 5): a short message by
default, details only when a developer asks for them."""

import pytest
from streamlit import config

from lpipdata.config import settings
from tests.app.conftest import run_app


@pytest.mark.parametrize("value, expected", [(None, "none"), ("", "none"), ("full", "full"), ("TYPE", "type"),
                                             ("stacktrace", "stacktrace"), ("yes please", "none")])
def test_the_setting_is_read_and_an_unknown_value_reveals_nothing(value, expected):
    environ = {} if value is None else {"LPIP_ERROR_DETAILS": value}
    assert settings(environ).error_details == expected


@pytest.mark.parametrize("value, expected", [(None, "none"), ("full", "full")])
def test_the_app_applies_the_setting(tiny_env, monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("LPIP_ERROR_DETAILS", raising=False)
    else:
        monkeypatch.setenv("LPIP_ERROR_DETAILS", value)
    app = run_app()
    assert not app.exception
    assert config.get_option("client.showErrorDetails") == expected


def test_the_config_file_hides_details_and_error_links_before_any_script_runs():
    """A server started without dashboard.py's setting (e.g. an import error) still shows no traceback."""
    import tomllib

    from lpipdata.config import PROJECT_ROOT

    client = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())["client"]
    assert client["showErrorDetails"] == "none"
    assert client["showErrorLinks"] is False
