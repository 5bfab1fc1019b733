"""Writes for the directory. Every change to directory data goes through a function here.

- `profiles`: a city's story and people (the forms and the API call these).
- `loading`: the shipped GeoNames directory.
- `memberships`: coalition/network member lists.
The Census and indicator importers live in `citypeers.directory.importers`.
"""
