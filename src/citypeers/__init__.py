"""CityPeers: the platform that networks of local governments run on."""

__version__ = "0.1.0"
