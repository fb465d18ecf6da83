"""The exceptions ``kg`` raises; each message names the input and what was wrong with it."""
from __future__ import annotations

__all__ = ["KGError", "InputError", "GraphError", "QueryError", "ViewError"]


class KGError(Exception):
    """Base of every error ``kg`` raises on purpose."""


class InputError(KGError):
    """A file that cannot be read as a legal text (missing, binary, undecodable)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class GraphError(KGError):
    """A built graph that is missing, unreadable or fails its shapes."""


class QueryError(KGError):
    """A named query that does not exist, or parameters that do not fit it."""


class ViewError(KGError):
    """A view that cannot be drawn (nothing to show) or a page that would leave its directory."""
