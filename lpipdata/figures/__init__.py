"""Pure figure builders: DataFrame in, plotly Figure out. One module per view; theme.py holds
the one template and the colour maps every figure uses."""
