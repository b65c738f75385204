"""Search as you type: the panel and its results."""
