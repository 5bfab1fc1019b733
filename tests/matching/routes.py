from tests.access.registry import Route, everyone

# Peers use public data only: every page and endpoint is open to everyone.
ROUTES = [
    Route("matching:finder", everyone(), query="?city=hometown-tx"),
    Route("matching:city_options", everyone(), query="?city=Ho"),
    Route("matching:compare", everyone(), kwargs=lambda w: {"slug": w.home.slug}),
    Route("matching:two_way", everyone(), kwargs=lambda w: {"slug": w.home.slug}),
    Route("matching:profile_panel", everyone(), kwargs=lambda w: {"slug": w.home.slug}),
    Route("api:jurisdiction_peers", everyone(), kwargs=lambda w: {"key": w.home.slug}),
    Route("api:jurisdiction_two_way", everyone(), kwargs=lambda w: {"key": w.home.slug}),
    Route("api:matching_features", everyone()),
]
