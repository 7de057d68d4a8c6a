"""What changed in each map, and when: its history from git (:mod:`.git`), compared version by
version in map terms (:mod:`.diff`), in words (:mod:`.describe`), per map (:mod:`.history`)."""

from __future__ import annotations

from ..options import HISTORY_LIMIT
from .describe import DiffLine, describe
from .diff import MapDiff, diff_maps
from .git import Runner, Unavailable, run_git
from .history import History, HistoryCache, HistoryEntry, MapHistory, ReviewChanges, commit_url

__all__ = [
    "HISTORY_LIMIT",
    "DiffLine",
    "History",
    "HistoryCache",
    "HistoryEntry",
    "MapDiff",
    "MapHistory",
    "ReviewChanges",
    "Runner",
    "Unavailable",
    "commit_url",
    "describe",
    "diff_maps",
    "run_git",
]
