"""Entry point: page setup and navigation only. Run with `make run`."""

import streamlit as st

from lpipdata.config import PROJECT_ROOT, settings
from ui import cached, nav, present

FAVICON = PROJECT_ROOT / "ui" / "assets" / "favicon.png"

st.set_option("client.showErrorDetails", settings().error_details)  # LPIP_ERROR_DETAILS: a short message by default
# The favicon is a local file: without it the browser tab would show the page's Material icon, which
# Streamlit fetches from Google's font servers (a request that leaves the machine and fails offline).
st.set_page_config(page_title="LPIP governance atlas", page_icon=str(FAVICON), layout="wide")
cached.require_database()
page = st.navigation(nav.navigation_pages(), position=present.navigation_position())
present.frame(page)  # presentation mode and storyboard slides, around whichever page runs
page.run()
