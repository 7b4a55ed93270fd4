"""Entry point: page setup and navigation only. Run with `make run`."""

import streamlit as st

from ui import cached, nav, present

st.set_page_config(page_title="LPIP governance atlas", layout="wide")  # no page_icon: icon fonts load from the internet
cached.require_database()
page = st.navigation(nav.navigation_pages(), position=present.navigation_position())
present.frame(page)  # presentation mode and storyboard slides, around whichever page runs
page.run()
