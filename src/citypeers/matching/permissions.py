"""Named permission predicates for matching (django-rules). Deny by default."""
