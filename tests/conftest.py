"""Test-session settings.

Hypothesis draws new examples on every run, which is how it found real bugs here.
CI sets ``HYPOTHESIS_PROFILE=ci``: the same examples each run, so that a red CI run
is a change in the code, not a new draw; run ``pytest`` locally to explore.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
