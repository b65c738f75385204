"""``python -m archiveviewer``: the window, or a headless command when one is named."""

import sys

from archiveviewer import cli

if len(sys.argv) > 1 and sys.argv[1] in cli.COMMANDS:
    raise SystemExit(cli.main())

# The window's modules (Qt) load only when the window is wanted.
from archiveviewer.app import main

raise SystemExit(main())
