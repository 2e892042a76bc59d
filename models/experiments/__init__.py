"""Experiments whose results are quoted in the project's notes but whose models are not shipped."""
