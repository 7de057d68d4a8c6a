"""Renderers: turn a loaded portfolio into page HTML, chart data and search text."""
