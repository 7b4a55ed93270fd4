"""Entry point: page setup and navigation only. Run with `make run`."""

import streamlit as st

from ui import cached, nav

st.set_page_config(page_title="LPIP governance atlas", page_icon=":material/hub:", layout="wide")
cached.require_database()
st.navigation(nav.navigation_pages()).run()
