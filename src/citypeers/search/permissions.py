"""Named permission predicates for search (django-rules). Deny by default."""
