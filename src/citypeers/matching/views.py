"""HTML views for matching. Thin: parse → permission → one service or selector → render."""
