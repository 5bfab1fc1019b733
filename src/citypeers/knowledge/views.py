"""HTML views for knowledge. Thin: parse → permission → one service or selector → render."""
