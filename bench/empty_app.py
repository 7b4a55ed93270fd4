"""The floor: an empty one-widget Streamlit app. Pages are reported as ratios to this."""

import streamlit as st

if st.button("Click"):
    st.session_state["clicks"] = st.session_state.get("clicks", 0) + 1
st.write(f"clicks: {st.session_state.get('clicks', 0)}")
