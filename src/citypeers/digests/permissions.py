"""Named permission predicates for digests (django-rules). Deny by default.

A person gets, previews and chooses the digest of a city they are a member of; nobody else's."""

import rules

from citypeers.accounts.permissions import is_member_of_jurisdiction

# Targets: a directory Jurisdiction.
can_read_digest = is_member_of_jurisdiction
can_choose_digest = is_member_of_jurisdiction


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


can_see_digest_pages = is_signed_in
