"""Named permission predicates for assessments (django-rules). Deny by default."""
