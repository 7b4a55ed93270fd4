"""The network view in a real browser: the WebGL graph draws, a click on a node opens its ego
network (and puts it in the URL), and the GraphML export opens in networkx."""

import networkx as nx

from tests.e2e.conftest import assert_no_exception, open_view, screenshot, wait_until_idle

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot'
# Where a node is drawn, in page pixels: plotly's own axis mapping plus the plot area's offset.
NODE_POSITION = """(node) => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const layout = gd._fullLayout, box = gd.getBoundingClientRect();
    for (const trace of gd._fullData) {
        if (trace.meta !== 'nodes') continue;
        const i = Array.from(trace.customdata).indexOf(node);
        if (i >= 0) return [box.left + layout._size.l + layout.xaxis.l2p(trace.x[i]),
                            box.top + layout._size.t + layout.yaxis.l2p(trace.y[i])];
    }
    return null;
}"""
DRAWN_NODES = """() => document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot')._fullData
    .filter(t => t.meta === 'nodes').reduce((n, t) => n + t.customdata.length, 0)"""


def open_network(page, app_url: str, query: str = "") -> None:
    # Until the entry point has run once, Streamlit serves pages/ in its old multipage mode
    # (no st.navigation, no wide layout), so the first visit goes through the front page.
    open_view(page, app_url + "/")
    open_view(page, f"{app_url}/network{query}")
    page.wait_for_selector(CHART)
    page.wait_for_function("() => document.querySelector('%s')?._fullLayout?.xaxis" % CHART.replace("'", "\\'"))


def test_graph_renders_and_a_click_opens_the_ego_network(page, app_url):
    open_network(page, app_url)
    assert page.evaluate(DRAWN_NODES) == 23
    assert page.locator(f"{CHART} .scatterlayer .points path").count() >= 23  # a small graph draws as SVG
    assert page.get_by_text("University of Leeds").first.is_visible()
    screenshot(page, "network")

    page.locator(CHART).scroll_into_view_if_needed()
    x, y = page.evaluate(NODE_POSITION, "org:uni-leeds")
    page.mouse.click(x, y)
    page.get_by_text("Ego network of University of Leeds").first.wait_for(timeout=30_000)  # the heading; the chart sentence too
    wait_until_idle(page)
    assert_no_exception(page)
    assert "org=uni-leeds" in page.url
    page.wait_for_selector(CHART)
    page.wait_for_function(f"() => ({DRAWN_NODES})() === 14")  # Leeds, its 3 partnerships, 10 co-members
    assert page.get_by_role("button", name="Show the whole network").is_visible()
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    screenshot(page, "network-ego")


def test_graphml_export_opens_in_networkx(page, app_url, tmp_path):
    open_network(page, app_url, "?mode=projection")
    button = page.get_by_role("button", name="GraphML")
    button.scroll_into_view_if_needed()
    with page.expect_download() as download:
        button.click()
    path = tmp_path / "network.graphml"
    download.value.save_as(path)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == 15 and graph.number_of_edges() == 29
    leeds = graph.nodes["org:uni-leeds"]
    assert leeds["label"] == "University of Leeds" and leeds["sector"] == "academic"
    assert leeds["regions_spanned"] == 2 and leeds["degree"] == 10 and leeds["betweenness"] > 0.5
    assert graph.edges["org:uni-leeds", "org:wyca"]["partnerships"] == "ypip"
