"""AppTest: the home page says how many of the ten phase-1 LPIPs are in the atlas, and shows every region card."""

from tests.app.conftest import run_app


def test_home_counts_phase_one_lpips_from_the_data(tiny_env):
    app = run_app()
    assert not app.exception
    assert any("**7 of the 10 phase-1 LPIPs** are in the atlas" in m.value for m in app.markdown), \
        [m.value for m in app.markdown]
    line = next(m.value for m in app.markdown if "phase-1 LPIPs" in m.value)
    assert "4 places that went on to phase 2" in line and "3 phase-1-only places" in line
    assert "The other 3 are not in the atlas" in line


def test_a_fifth_phase_one_or_hub_card_starts_a_new_row(tmp_path, monkeypatch):
    from lpipdata.build import build_database
    from tests.conftest import copy_fixture_data

    data_dir = copy_fixture_data(tmp_path / "data")
    with (data_dir / "regions.csv").open("a", encoding="utf-8") as rows:
        rows.write("gla,Glasgow City Region,Scotland,GALoPP,1,,Glasgow City Region,,Fixture phase-1 place.,brief,"
                   "unverified,\n")
    build_database(data_dir, tmp_path / "lpip.duckdb")
    monkeypatch.setenv("LPIP_DB", str(tmp_path / "lpip.duckdb"))
    app = run_app()
    assert not app.exception
    headings = [m.value.removeprefix("#### ") for m in app.markdown if m.value.startswith("#### ")]
    for name in ("Glasgow City Region", "London", "South\\-West coast", "West Midlands", "UK\\-wide"):
        assert name in headings, name
    assert any("**8 of the 10 phase-1 LPIPs**" in m.value for m in app.markdown)
