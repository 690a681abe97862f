"""Builds the five reference PDFs of the bundled corpus (not installed with planarkiv)."""
