"""The Patterns view's model: conditions and outcomes (conditions), the request read from the URL
(request), and the analysis from read model to QCA result (analysis). Never imports Streamlit."""
