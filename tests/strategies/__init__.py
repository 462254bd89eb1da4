"""Hypothesis strategies and the guarded runner used by the generated-news tests and ``make fuzz``."""
