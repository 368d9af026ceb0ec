"""Agencies (行政机关) of one installation: a county or a province runs many."""
