"""``python -m archiveviewer``: the window, or a headless command when one is named."""

from archiveviewer.app import main

raise SystemExit(main())
