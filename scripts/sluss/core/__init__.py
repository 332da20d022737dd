"""Lowest layer: the content model, field kinds, text helpers, diagnostics and configuration."""
