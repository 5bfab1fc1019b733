"""Writes for accounts. Every change to accounts data goes through a function here."""
