"""Every main chart has its one-sentence text alternative: as the chart's accessible name (`alt`) and as a
line under it (issue 14)."""

import pytest

from tests.app.conftest import run_app

VIEWS = {
    "pages/map.py": ({"asof": "2024-04-01"}, {"map": "Map of "}),
    "pages/network.py": ({"regions": "yh"}, {"network": "Network: "}),
    "pages/timeline.py": ({"regions": "yh", "asof": "2024-04-01"}, {"timeline": "Timeline of "}),
    "pages/region.py": ({"region": "yh"}, {"region_timeline": "Timeline of Yorkshire and the Humber:",
                                          "region_network": "Network excerpt of Yorkshire and the Humber:"}),
    "pages/compare.py": ({"regions": "yh,rw"}, {"compare_scales": "Partnerships by scale in ",
                                               "compare_founded": "Partnerships founded per year in "}),
}


def chart_alts(app) -> list[str]:
    return [chart.proto.alt for chart in app.get("plotly_chart")]


@pytest.mark.parametrize("page", list(VIEWS))
def test_each_main_chart_says_what_it_shows(tiny_env, page):
    query, expected = VIEWS[page]
    app = run_app(page, **query)
    assert not app.exception
    alts = chart_alts(app)
    for key, start in expected.items():
        lines = [c.value for c in app.caption if c.value.replace("\\", "").startswith(start)]
        assert lines, f"{key}: no caption starting {start!r}"
        assert any(alt.startswith(start) for alt in alts), (start, alts)
    if "asof" in query:
        assert any("1 Apr 2024" in alt for alt in alts), alts
