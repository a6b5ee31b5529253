"""The production settings (read from the environment as usual), plus a trivial view to measure against.

Only the benchmark uses this module; bench/run.py sets DJANGO_DEBUG=0, a secret key, the databases and Redis.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import STATIC_ROOT

ROOT_URLCONF = "bench.urls"
# collectstatic goes to a temporary folder, not into the working tree.
STATIC_ROOT = os.environ.get("ATLAS_BENCH_STATIC_ROOT", STATIC_ROOT)
# The load comes from one address: the page throttle would measure itself.
ATLAS_PAGE_THROTTLE_RATE = ""
