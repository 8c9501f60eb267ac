"""Hypothesis property tests of the spec language, the engine and amendments."""
