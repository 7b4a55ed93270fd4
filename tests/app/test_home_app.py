"""AppTest of the home page against the tiny database."""

from tests.app.conftest import run_app


def test_home_shows_counts_and_lpip_regions(tiny_env):
    app = run_app()
    assert not app.exception
    assert app.title[0].value == "LPIP governance atlas"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Organisations"] == "15" and metrics["Partnerships"] == "9" and metrics["Sources"] == "4"
    subheaders = [m.value.removeprefix("#### ") for m in app.markdown if m.value.startswith("#### ")]
    for name in ("Yorkshire and the Humber", "Rural Wales", "Forth Water Basin", "Northern Ireland",
                 "South\\-West coast", "London", "West Midlands", "UK\\-wide"):
        assert name in subheaders
    assert "Wales" not in subheaders  # a context region, not an LPIP
    assert any("University of Leeds" in m.value for m in app.markdown)


def test_missing_database_shows_build_command_not_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("LPIP_DB", str(tmp_path / "nothing.duckdb"))
    app = run_app()
    assert not app.exception
    assert "No database at" in app.error[0].value
    assert "python -m lpipdata build" in app.code[0].value


def test_a_rebuild_shows_up_on_the_next_rerun(tmp_path, monkeypatch):
    from lpipdata.build import build_database
    from tests.conftest import copy_fixture_data

    data_dir = copy_fixture_data(tmp_path / "data")
    db_path = tmp_path / "lpip.duckdb"
    build_database(data_dir, db_path)
    monkeypatch.setenv("LPIP_DB", str(db_path))
    app = run_app()
    assert {m.label: m.value for m in app.metric}["Organisations"] == "15"
    with (data_dir / "organisations.csv").open("a", encoding="utf-8") as handle:
        handle.write("new-org,A New Organisation,VCSE,third,yh,,,,,,,brief,sourced,\n")
    build_database(data_dir, db_path)
    app.run()
    assert {m.label: m.value for m in app.metric}["Organisations"] == "16"
