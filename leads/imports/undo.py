"""Undo an import: delete what it created, restore what it updated.

PACKAGE C. Contract:

- ``check(job) -> UndoCheck`` with ``blockers`` (why it cannot be undone: e.g. a proposal or a
  project now hangs off a deal it created, a contact it created has later deals) and
  ``warnings`` (allowed: a deal it created was moved or edited since, an updated record was
  edited since — later edits of other fields are kept);
- ``undo(job, *, user) -> None`` (refuses with ``ValidationError`` while blockers remain).
"""

import dataclasses


@dataclasses.dataclass
class UndoCheck:
    blockers: list[str]
    warnings: list[str]


def check(job) -> UndoCheck:
    raise NotImplementedError  # package C


def undo(job, *, user) -> None:
    raise NotImplementedError  # package C
