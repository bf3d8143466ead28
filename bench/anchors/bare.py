"""Anchor page for the benchmark: a bare Streamlit page with one title and nothing else.

    streamlit run bench/anchors/bare.py
"""
import streamlit as st

st.title("Bare anchor page")
