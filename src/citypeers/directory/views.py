"""HTML views for directory. Thin: parse → permission → one service or selector → render."""
