"""Fixtures shared by the whole suite: real servers and fixture sites, never mocks."""

from tests.browser import chromium_browser  # noqa: F401
from tests.dbfixtures import db, db_url, pg_database  # noqa: F401
from tests.fixturesite import fixture_site  # noqa: F401
from tests.pywbreplay import pywb  # noqa: F401
from tests.s3server import seaweedfs, seaweedfs_private  # noqa: F401
