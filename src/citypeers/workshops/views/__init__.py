"""HTML views for workshops. Thin: parse → permission → one service or selector → render."""
