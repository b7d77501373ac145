"""Plotly figure builders and plain-words describers for the simulator."""
