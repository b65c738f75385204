"""Why a server's certificate was refused, in words a user can act on.

OpenSSL says why verification failed with an ``X509_V_ERR_*`` code on the
:class:`ssl.SSLCertVerificationError`; the few that users meet get their own
sentence, because "expired", "issued for another name" and "issued by an
authority you do not trust" call for different actions (wait for the
administrator, check the address, or compare the fingerprint).
"""

from __future__ import annotations

# OpenSSL's X509_V_ERR_* codes (include/openssl/x509_vfy.h).
_NOT_YET_VALID = 9
_EXPIRED = 10
_SELF_SIGNED = 18
_SELF_SIGNED_IN_CHAIN = 19
_UNKNOWN_ISSUER_LOCALLY = 20
_UNABLE_TO_VERIFY_LEAF = 21
_UNKNOWN_ISSUER = 2
_REVOKED = 23
_HOSTNAME_MISMATCH = 62

_UNTRUSTED_ISSUER = "it was not issued by an authority this computer trusts"
_CAUSES = {
    _NOT_YET_VALID: "it is not valid yet (check this computer's clock)",
    _EXPIRED: "it has expired",
    _SELF_SIGNED: "it is self-signed, so no authority this computer trusts vouches for it",
    _SELF_SIGNED_IN_CHAIN: _UNTRUSTED_ISSUER,
    _UNKNOWN_ISSUER_LOCALLY: _UNTRUSTED_ISSUER,
    _UNABLE_TO_VERIFY_LEAF: _UNTRUSTED_ISSUER,
    _UNKNOWN_ISSUER: _UNTRUSTED_ISSUER,
    _REVOKED: "its issuer has revoked it",
}


def verify_failure_cause(error: object, server_name: str) -> str:
    """The cause of a failed verification, as the end of "… is not trusted: …".

    ``error`` is what the TLS layer raised (an
    :class:`ssl.SSLCertVerificationError`, or anything else when the cause
    is unknown); ``server_name`` the name the certificate was checked for.
    """
    code = getattr(error, "verify_code", None)
    if code == _HOSTNAME_MISMATCH:
        return (
            f"it was issued for another name, not for {server_name} (the host name does not match)"
        )
    cause = _CAUSES.get(code) if isinstance(code, int) else None
    if cause is not None:
        return cause
    message = getattr(error, "verify_message", None) or (str(error) if error else None)
    return f"it could not be verified ({message})" if message else "it could not be verified"
