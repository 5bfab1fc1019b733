"""Reads for matching that depend on who is asking."""
