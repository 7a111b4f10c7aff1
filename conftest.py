"""Settings for every test, core and plugins: results must not depend on the terminal or the machine running them.

- Terminal tables are as wide as a test's text needs, whatever ``COLUMNS`` the caller's shell or
  a test runner's worker has (a narrow one cuts labels the tests look for).
- Hypothesis has no per-example deadline: on a loaded machine (CI, parallel workers) a slow
  example is not a failure; the tests assert behaviour, timings live in ``benchmarks/``.
"""

from __future__ import annotations

import os

from hypothesis import settings

os.environ["COLUMNS"] = "250"
settings.register_profile("mechanisms", deadline=None)
settings.load_profile("mechanisms")
