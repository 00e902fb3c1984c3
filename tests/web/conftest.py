"""Page tests read the compiled catalogues: compile them when a .po is newer than its .mo."""

import pytest

from tests.web.catalogues import ensure_compiled


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    ensure_compiled()
