"""Error catalogue: every message says what went wrong, why, and how to fix it."""

from __future__ import annotations


class WhowhomError(Exception):
    """An error the user can act on; the CLI prints it without a traceback."""

    def __init__(self, code: str, what: str, fix: str = "") -> None:
        self.code = code
        self.what = what
        self.fix = fix
        message = f"[{code}] {what}"
        if fix:
            message += f". {fix[0].upper()}{fix[1:]}"
        super().__init__(message)
