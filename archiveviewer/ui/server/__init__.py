"""What the window says about the account's server itself (``notices.ServerNotices``)."""
