"""Typed errors: the logic raises them, the HTTP layer turns them into status codes and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldProblem:
    pointer: str  # JSON pointer into the request body, e.g. "/events/3/seq"
    message: str


@dataclass
class ApiError(Exception):
    status: int
    detail: str
    errors: list[FieldProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.status} {self.detail}"


class NewerDatabaseError(Exception):
    """ward.db was written by a newer version of the server: refuse rather than guess."""


class ListCountError(Exception):
    """The voter list given to add-station could not be counted (bad file, wrong station)."""
