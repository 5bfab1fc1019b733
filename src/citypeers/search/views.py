"""HTML views for search. Thin: parse → permission → one service or selector → render."""
