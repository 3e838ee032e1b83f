"""The command line's sign-in (`export`, `form`, `report` with `--user`): the same
`accounts.check_login` as the app — throttled, audited — with the operating-system user as the
client, so twenty-five wrong passwords from a script meet the same delays and lock as a browser.
Without `--user` (open mode) the actor is the operating-system user (`os:NAME`)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from sqlalchemy import Engine

from dashboard import access
from data_access import accounts


@dataclass(frozen=True)
class Signed:
    principal: access.Principal
    actor: str  # what the audit records: the account, or os:NAME in open mode


def sign_in(engine: Engine, user: str | None, via: str) -> Signed | None:
    """The principal and audit actor; None when the login is refused (already audited)."""
    actor = accounts.os_actor()
    if not user:
        return Signed(access.OPEN_ACCESS, actor)
    password = sys.stdin.readline().rstrip("\r\n")
    res = accounts.check_login(engine, user, password, client=actor, via=via)
    if not res.ok or res.account is None:
        return None
    acc = res.account
    return Signed(access.Principal(acc.username, acc.role, acc.scope_code), acc.username)
