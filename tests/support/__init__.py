"""Helpers the tests share: fixture projects, real builds, stand-in servers."""
