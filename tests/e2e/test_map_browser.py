"""The map in headless Chromium with every non-loopback request blocked (venue wifi that is down).

Checks that MapLibre really draws the region shapes offline, and that clicking a region's centroid
marker (found by projecting its lon/lat through the map, as a user's pointer would) selects it,
shows its details and puts region=... in the URL. Screenshots: tests/artifacts/map*.png.
"""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest

from tests.conftest import geo_dir
from tests.e2e.conftest import assert_no_exception, open_view, screenshot, wait_until_idle

pytestmark = pytest.mark.skipif(geo_dir() is None, reason="no boundary files (../shared/geo or LPIP_GEO_DIR)")

GRAPH = ".js-plotly-plot"
MAP_READY = f"""() => {{
    const gd = document.querySelector('{GRAPH}');
    const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot.map;
    return Boolean(map && map.loaded() && !map.isMoving() && map.areTilesLoaded());
}}"""
# Where a trace's point is on the page: MapLibre projects lon/lat to canvas pixels.
POINT_ON_PAGE = f"""([meta, ident]) => {{
    const gd = document.querySelector('{GRAPH}');
    const map = gd._fullLayout.map._subplot.map;
    const trace = gd._fullData.find(t => t.meta === meta);
    const i = trace.customdata.findIndex(c => c[1] === ident);
    const point = map.project([trace.lon[i], trace.lat[i]]);
    const box = map.getCanvas().getBoundingClientRect();
    return {{x: box.left + point.x, y: box.top + point.y}};
}}"""
RENDERED_REGIONS = f"""() => {{
    const gd = document.querySelector('{GRAPH}');
    const map = gd._fullLayout.map._subplot.map;
    const trace = gd._fullData.find(t => t.meta === 'regions');
    const features = map.queryRenderedFeatures({{layers: ['plotly-trace-layer-' + trace.uid + '-fill']}});
    return {{locations: Array.from(trace.locations), z: Array.from(trace.z),
             drawn: [...new Set(features.map(f => JSON.stringify(f.properties.ct)))].length,
             colours: [...new Set(features.map(f => f.properties.fc))]}};
}}"""
# cividis at its top (the region with most partnerships) at 0.85 opacity over the ITL1 fill #F2F2F2.
TOP_COLOUR = (252, 234, 84)


def open_map(tab, url: str) -> None:
    open_view(tab, url + "/map")
    wait_for_map(tab)


def wait_for_map(tab) -> None:
    tab.wait_for_selector(f"{GRAPH} canvas.maplibregl-canvas", timeout=30_000)
    tab.wait_for_function(MAP_READY, timeout=30_000)
    tab.wait_for_timeout(300)  # let MapLibre paint the last frame before pixels are read


def query(tab) -> dict[str, list[str]]:
    return parse_qs(urlparse(tab.url).query)


def count_pixels_near(png: bytes, colour: tuple[int, int, int], tolerance: int = 14) -> int:
    from PIL import Image  # installed with streamlit

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    return int((np.abs(pixels - np.array(colour)) <= tolerance).all(axis=-1).sum())


def click_marker(tab, meta: str, ident: str, expect: str) -> None:
    position = tab.evaluate(POINT_ON_PAGE, [meta, ident])
    assert 0 < position["x"] < 1280 and 0 < position["y"] < 720, f"marker {ident} is off screen: {position}"
    tab.mouse.move(position["x"], position["y"])
    tab.mouse.click(position["x"], position["y"])
    tab.wait_for_url(f"**{expect}**", timeout=30_000)
    wait_until_idle(tab)
    assert_no_exception(tab)
    wait_for_map(tab)


def assert_only_remote_requests_failed(tab) -> None:
    local = [u for u in tab.failed_requests if urlparse(u).hostname in ("127.0.0.1", "localhost", "::1")]
    assert not local, f"local requests failed: {local}"


def test_map_draws_region_shapes_offline(page, app_url):
    open_map(page, app_url)
    graph = page.locator(GRAPH)
    assert graph.locator("canvas.maplibregl-canvas").count() == 1
    rendered = page.evaluate(RENDERED_REGIONS)
    assert set(rendered["locations"]) == {"yh", "rw", "forth", "ni", "swc", "ldn", "wm"}
    assert rendered["drawn"] == len(rendered["locations"]), "MapLibre did not render every region shape"
    assert len(rendered["colours"]) >= 2  # coloured by the measure, not one flat fill
    # The pixels themselves: Yorkshire (5 partnerships, the most) is painted in the top colour.
    assert count_pixels_near(graph.screenshot(), TOP_COLOUR) > 150
    assert page.get_by_text("Source: Office for National Statistics licensed under the Open Government").is_visible()
    assert_only_remote_requests_failed(page)
    screenshot(page, "map")


def test_clicking_a_region_marker_selects_it_and_the_url_keeps_it(page, app_url):
    open_map(page, app_url)
    click_marker(page, "region-markers", "yh", "region=yh")
    assert query(page)["region"] == ["yh"]
    details = page.locator(".st-key-map_region_details")
    details.get_by_role("heading", name="Yorkshire and the Humber").wait_for(timeout=30_000)
    assert "University of Leeds" in details.inner_text()
    outlined = page.evaluate(f"() => document.querySelector('{GRAPH}')._fullData"
                             ".filter(t => t.meta === 'selected-region').map(t => Array.from(t.locations))")
    assert outlined == [["yh"]]
    assert_only_remote_requests_failed(page)
    screenshot(page, "map-region-selected")

    # The URL alone restores the selection.
    page.reload()
    wait_until_idle(page)
    page.locator(".st-key-map_region_details").get_by_role("heading", name="Yorkshire and the Humber").wait_for()


def test_clicking_an_organisation_point_shows_its_memberships(page, app_url):
    open_map(page, app_url)
    # Bangor stands alone; in Leeds several organisations share one spot until the user zooms in.
    click_marker(page, "org-sector-academic", "bangor", "org=bangor")
    assert query(page)["org"] == ["bangor"] and "region" not in query(page)
    details = page.locator(".st-key-map_org_details")
    details.get_by_role("heading", name="Bangor University").wait_for(timeout=30_000)
    assert "University · academic sector" in details.inner_text()
    assert "Memberships (1, all on record" in details.inner_text()  # the table itself is a canvas grid
    screenshot(page, "map-organisation-selected")
