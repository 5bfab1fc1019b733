"""`citypeers setup_site` step for matching: build the peer matrix once and say what it holds.

Nothing is written; matching has no demo content of its own. Building here means the first
visitor of the peer finder does not wait for it (in this process), and the summary shows an
operator which features peers are compared on.
"""

from citypeers.matching import cache


def setup_site(stdout) -> None:
    matrix, knowledge = cache.current(force_check=True)
    features = ", ".join(s.code for s in matrix.specs)
    stdout.write(
        f"    matching: {matrix.n:,} cities x {len(matrix.specs)} features ({features}); "
        f"challenge content for {len(knowledge.index.areas_of):,} cities"
    )
