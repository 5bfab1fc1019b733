"""Named permission predicates for accounts (django-rules). Deny by default."""
