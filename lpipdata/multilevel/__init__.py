"""The Multilevel view's model (no Streamlit): partnerships on a ladder of scales, linked across
levels by the organisations they share, and measures of vertical integration.

- ladder.py: the rungs (the schema's scales), where each partnership sits, links from ties.
- measures.py: the measures' definitions (also in the data dictionary) and their computation.
- playback.py: the years a playback steps through, and the next and previous step.
- tables.py: the table alternatives, the measures as shown, and the GraphML export.
- view.py: what the page caches: the history (places, steps, measures over time) per filter
  state, and the step view (ladder figure, measures) per as-of day.
"""
