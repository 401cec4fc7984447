"""Entry point: `python -m scripts <command>`."""
import sys

from scripts.cli import main

sys.exit(main())
