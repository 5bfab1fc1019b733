"""Pure guide engines (diffs, section merges, review rules): no Django, no other app."""
