"""Signals the directory sends for writes that bypass model signals.

Bulk imports write with `executemany`, so `post_save` never fires; listeners that cache
directory data (peer matching) subscribe here instead.
"""

from django.dispatch import Signal

# Sent once after an import committed bulk changes. Arguments: `directory` (jurisdiction facts
# changed) and `indicators` (indicator values changed), both booleans.
bulk_changed = Signal()
