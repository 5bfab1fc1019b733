"""Production static storage: hashed URLs from the manifest, looked up once per name."""

import json

import pytest

from citypeers.core.storage import ProductionStaticStorage


@pytest.fixture
def storage(tmp_path, settings):
    manifest = {"version": "1.1", "paths": {"site.css": "site.5f3a.css"}, "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return ProductionStaticStorage(location=tmp_path, base_url="/static/")


def test_urls_come_from_the_manifest_and_are_remembered(storage, monkeypatch):
    lookups = []
    original = ProductionStaticStorage.stored_name

    def counted(self, name):
        lookups.append(name)
        return original(self, name)

    monkeypatch.setattr(ProductionStaticStorage, "stored_name", counted)

    urls = [storage.url("site.css") for _ in range(3)]

    assert urls == ["/static/site.5f3a.css"] * 3
    assert lookups == ["site.css"]


def test_a_file_missing_from_the_manifest_is_still_an_error_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("missing.css")
