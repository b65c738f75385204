"""Accounts: adding and connecting one, trusting a certificate, the sample banner."""
