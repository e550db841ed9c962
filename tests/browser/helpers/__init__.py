"""Small helpers for the browser tests, one concern per module."""
