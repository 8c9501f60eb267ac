"""Analyses over scored stations: what would make a failing station pass (`gap`)."""
