"""Writes for knowledge. Every change to knowledge data goes through a function here."""
