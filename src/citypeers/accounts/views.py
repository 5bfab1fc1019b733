"""HTML views for accounts. Thin: parse → permission → one service or selector → render."""
