"""Reads for accounts that depend on who is asking."""
