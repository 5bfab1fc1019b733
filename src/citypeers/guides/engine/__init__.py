"""Pure guide engines: no Django, no other app.

- `text`: line diffs and three-way merges of section text;
- `review`: what an edition still needs before publication, and edition numbering.
"""
