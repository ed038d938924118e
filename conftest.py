"""Settings for every test, doctests in orgmodel/ included."""

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Keep the workspace cache of CLI runs inside the test session, never in the user's home."""
    before = os.environ.get("ORGMODEL_CACHE_DIR")
    os.environ["ORGMODEL_CACHE_DIR"] = str(tmp_path_factory.mktemp("orgmodel-cache"))
    yield
    if before is None:
        os.environ.pop("ORGMODEL_CACHE_DIR", None)
    else:
        os.environ["ORGMODEL_CACHE_DIR"] = before
