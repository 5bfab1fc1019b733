"""U.S. Census Bureau regions by USPS state code (Census Regions and Divisions of the United
States, https://www2.census.gov/geo/pdfs/maps-data/maps/reference/us_regdiv.pdf)."""

CENSUS_REGIONS: dict[str, tuple[str, ...]] = {
    "Northeast": ("CT", "ME", "MA", "NH", "RI", "VT", "NJ", "NY", "PA"),
    "Midwest": ("IL", "IN", "MI", "OH", "WI", "IA", "KS", "MN", "MO", "NE", "ND", "SD"),
    "South": (
        "DE",
        "DC",
        "FL",
        "GA",
        "MD",
        "NC",
        "SC",
        "VA",
        "WV",
        "AL",
        "KY",
        "MS",
        "TN",
        "AR",
        "LA",
        "OK",
        "TX",
    ),
    "West": ("AZ", "CO", "ID", "MT", "NV", "NM", "UT", "WY", "AK", "CA", "HI", "OR", "WA"),
}
REGION_OF_STATE = {state: region for region, states in CENSUS_REGIONS.items() for state in states}


def region_for(state: str) -> str:
    """The Census region, or "Territories" for codes outside the 50 states and DC."""
    return REGION_OF_STATE.get((state or "").upper(), "Territories" if state else "")
