"""Mapping an OpenID Connect identity onto an account (THIDUA_AUTH_MODE=oidc, issue 20).

The provider proves who signed in; the app trusts only what it proved, as it said it:
- the e-mail must be marked verified (`email_verified` true): a provider that lets a user type
  any address (or an unverified second address) must not make them the admin;
- the address is compared with the account name after lower-casing only: no Unicode folding
  (a full-width "ａｄｍｉｎ@…" is another address, not the admin's), no trimming;
- no e-mail, no account: the subject (`sub`) is the provider's own identifier, never looked up
  as a username (an account named like it would be taken over);
- every outcome is audited with the provider's issuer and subject, which identify the person
  whatever the account is called.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine

from data_access.accounts import Account, audit, current_account, printable
from data_access.usernames import InvalidUsername, normalise


@dataclass(frozen=True)
class OidcResult:
    account: Account | None
    who: str  # the address as the provider gave it, for the message
    reason: str  # why refused ("" when signed in)


def _verified(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def provider_identity(claims: Mapping[str, object]) -> str:
    """ "iss=… sub=…" for the audit: the provider's own name for the person."""
    iss = printable(str(claims.get("iss") or "?"), 200)
    sub = printable(str(claims.get("sub") or "?"), 200)
    return f"iss={iss} sub={sub}"


def account_name(claims: Mapping[str, object]) -> tuple[str | None, str]:
    """(the account name, "") or (None, why not) from the provider's claims."""
    email = claims.get("email")
    if not isinstance(email, str) or not email:
        return None, "no e-mail"
    if not _verified(claims.get("email_verified")):
        return None, "e-mail not verified"
    name = email.lower()
    try:
        plain = normalise(name)
    except InvalidUsername:
        return None, "not a plain address"
    if plain != name:  # the username rules would fold it: another address, not this account
        return None, "not a plain address"
    return name, ""


def sign_in(engine: Engine, claims: Mapping[str, object]) -> OidcResult:
    """The enabled account the provider's verified e-mail names, or a refusal; both audited
    with the issuer and subject."""
    raw = claims.get("email")
    who = raw if isinstance(raw, str) else ""
    name, why = account_name(claims)
    acc = current_account(engine, name) if name else None
    if acc is None:
        why = why or "no account"
        audit(engine, printable(who, 64) or None, "login_refused",
              f"oidc: {why}; {provider_identity(claims)}")  # fmt: skip
        return OidcResult(None, who, why)
    audit(engine, acc.username, "login_ok", f"oidc {provider_identity(claims)}")
    return OidcResult(acc, who, "")
