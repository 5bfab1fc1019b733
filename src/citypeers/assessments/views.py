"""HTML views for assessments. Thin: parse → permission → one service or selector → render."""
