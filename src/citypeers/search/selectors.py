"""Reads for search that depend on who is asking."""
