"""gunicorn settings for `make serve`: build the peer cache once, in the master, before forking.

With `--preload` Django is set up in the master; `when_ready` runs there before any worker is
forked, so every worker starts with the matrix and the challenge index already in memory
(copy-on-write) instead of building them in its first request, past the worker timeout.

    gunicorn citypeers.wsgi --preload -c python:citypeers.matching.gunicorn_hooks -w 2
"""


def when_ready(server):
    # gunicorn reads this file before the app (and Django) is loaded: import at call time.
    from django.db import connections  # noqa: PLC0415 - the hook runs before Django is set up

    from citypeers.matching import cache  # noqa: PLC0415 - the hook runs before Django is set up

    cache.feature_matrix(force_check=True)
    cache.challenge_index_checked()
    server.log.info("peer cache built: %s", cache.build_seconds())
    # A connection opened in the master must not be shared by the forked workers.
    connections.close_all()
