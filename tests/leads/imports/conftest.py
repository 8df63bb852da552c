"""Fixtures of the import tests."""

from tests.leads.imports.roundtrip import crm  # noqa: F401 - the round trip's fixture
