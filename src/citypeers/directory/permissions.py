"""Named permission predicates for directory (django-rules). Deny by default."""
