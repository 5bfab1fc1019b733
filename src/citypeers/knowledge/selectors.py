"""Reads for knowledge that depend on who is asking."""
