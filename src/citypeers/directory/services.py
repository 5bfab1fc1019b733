"""Writes for directory. Every change to directory data goes through a function here."""
