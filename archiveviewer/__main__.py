"""``python -m archiveviewer``: the window, or a headless command when one is named."""

import sys


def run() -> int:
    """Run the headless command named in ``sys.argv``, or else the window; the exit code."""
    from archiveviewer import cli

    if len(sys.argv) > 1 and sys.argv[1] in cli.COMMANDS:
        return cli.main()
    # The window's modules (Qt) load only when the window is wanted.
    from archiveviewer.app import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
