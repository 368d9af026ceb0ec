import sys
from pathlib import Path

import pytest

# The builders live beside the tests (checkdocs.py). This folder has no __init__.py, and
# whether pytest puts it on sys.path depends on the import mode, so put it there ourselves.
sys.path.insert(0, str(Path(__file__).parent))

from checkdocs import make_doc  # noqa: E402


@pytest.fixture
def doc():
    """A complete, consistent 2021-format report for 2024 (see checkdocs.make_doc)."""
    return make_doc()
