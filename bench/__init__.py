"""Benchmarks of planarkiv: ``make bench`` (``python -m bench``) writes BENCHMARKS.md.

They report figures measured side by side in one run; they never fail on a slow or noisy machine.
"""
