"""Reads for assessments that depend on who is asking."""
