"""Writes for workshops. Every change to workshops data goes through a function here."""
