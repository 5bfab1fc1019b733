"""Side effects of a saved action (emails, notifications): after commit, and never fatal.

A registration, an invitation to a cohort or an evidence request is saved when its transaction
commits. What follows (telling people about it) runs only then, so a rollback sends nothing, and a
failure there (a mail server down, a header it refuses) is logged with its traceback instead of
turning the saved action into a 500 the person would retry.
"""

import logging

from django.db import transaction

logger = logging.getLogger("citypeers.effects")


def run_logged(callback, *, what: str) -> bool:
    """Run `callback`; on failure log it (with `what` it was about) and return False."""
    try:
        callback()
    except Exception:
        logger.exception("Side effect failed after the action was saved: %s", what)
        return False
    return True


def after_commit(callback, *, what: str) -> None:
    """Run `callback` once the current transaction commits; its failure is logged, not raised."""
    transaction.on_commit(lambda: run_logged(callback, what=what))
