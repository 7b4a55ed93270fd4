"""The only Streamlit glue outside pages/: state and URL (state), caching (cached), shared widgets (widgets)."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

# Streamlit 1.67 treats a `pages/` folder beside the entry script as a legacy (v1) multipage
# app until some session calls st.navigation. Until then a deep link such as /evidence,
# opened first on a fresh server, would run that page alone, without dashboard.py's page
# setup and database check. Every page imports this package first, so switch to the
# st.navigation mode here and rerun through dashboard.py. tests/e2e checks deep links on a
# fresh server, so a Streamlit upgrade that changes this fails loudly.
if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()
