"""Named permission predicates for workshops (django-rules). Deny by default."""
