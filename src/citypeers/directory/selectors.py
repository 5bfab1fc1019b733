"""Reads for directory that depend on who is asking."""
