import os
from collections.abc import Iterator

import pytest


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The common umask, under which new files are world-readable unless made otherwise."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)
