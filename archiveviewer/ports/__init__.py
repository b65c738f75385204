"""The interfaces the window is given: ``typing.Protocol`` classes and the values they pass.

One module per surface (``archive``, ``accounts``, ``prefs``, ``bookmarks``, ``keys``,
``files``, ...). They import only :mod:`archiveviewer.domain` and :mod:`archiveviewer.errors`,
so that ``ui/`` can depend on them without reaching the layers that implement them;
:mod:`archiveviewer.services` implements them and :mod:`archiveviewer.app` hands the
implementations to the window.
"""
