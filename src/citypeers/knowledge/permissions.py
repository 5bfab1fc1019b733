"""Named permission predicates for knowledge (django-rules). Deny by default."""
