"""Import change sets (issue 21): every import that changed data records what it inserted and
the previous values of what it updated (`record`, inside the import's transaction), so that it
can be listed (`list_changesets`) and undone exactly (`undo`)."""

from data_access.changesets.listing import changeset_tables, list_changesets
from data_access.changesets.record import add, finish, start
from data_access.changesets.undo import UndoRefused, UndoResult, undo

__all__ = [
    "UndoRefused",
    "UndoResult",
    "add",
    "changeset_tables",
    "finish",
    "list_changesets",
    "start",
    "undo",
]
