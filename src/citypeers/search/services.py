"""Writes for search. Every change to search data goes through a function here."""
