"""Entry point: `python -m bench` (what `make bench` runs)."""
import sys

from bench.run import main

sys.exit(main())
