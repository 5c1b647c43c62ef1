"""Benchmarks: each prints its figures; none is a test. See the README's Benchmarks section."""
