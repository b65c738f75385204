"""The Keys window: list, generate, import, rename, export, change passphrase, delete."""
