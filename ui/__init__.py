"""The only Streamlit glue outside pages/: state and URL (state), caching (cached), shared widgets (widgets)."""
