"""A real WebDAV server per test (wsgidav + cheroot on 127.0.0.1, random port)."""

from __future__ import annotations

import pytest
from dav_server import PASSWORD, USER, DavServer


@pytest.fixture
def dav(tmp_path):
    server = DavServer(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def no_sleep():
    from pe_desktop.sync.targets import RetryPolicy

    return RetryPolicy(attempts=4, base_delay=0.5, sleep=lambda s: None)


@pytest.fixture
def make_dav_target(dav, no_sleep):
    from pe_desktop.sync.targets import WebDavTarget

    made = []

    def make(url=None, user=USER, password=PASSWORD, **kw):
        kw.setdefault("retry", no_sleep)
        target = WebDavTarget("panel", url or dav.url, user, password, **kw)
        made.append(target)
        return target

    yield make
    for t in made:
        t.close()
