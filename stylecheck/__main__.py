"""Run stylecheck as `python -m stylecheck`."""

import sys

from stylecheck.cli import main

sys.exit(main())
