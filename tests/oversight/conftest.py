"""The dashboard keeps its live count in Django's cache (a LocMem cache per test process): each test
starts with it empty, as a restarted server would, so no count kept by an earlier test is served."""
import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
