"""The smallest Streamlit app with the Explore page's slider and a Plotly chart.

``bench_app_latency.py`` measures it in the same run as the real app: its
latency is what Streamlit, the browser and this machine cost on their own, the
floor under anything the simulator's pages can reach.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

st.title("Reference")
depth = st.slider("Needle length (mm)", 0.25, 2.5, 1.5, 0.05)
st.plotly_chart(go.Figure(go.Scatter(x=[0, 1, 2], y=[0, depth, 2 * depth])), key="reference")
