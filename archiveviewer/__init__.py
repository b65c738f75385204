"""archiveviewer: read, search and look after your XMPP chat history."""

__version__ = "0.1.0"
