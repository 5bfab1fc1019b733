"""Writes for matching. Every change to matching data goes through a function here."""
