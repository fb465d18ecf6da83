"""kg's pinpoints against the gold set's (tests/gold/PINPOINTS.md): at least 0.95 of them right, and no fewer than measured."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _scorer():
    spec = importlib.util.spec_from_file_location("score_pinpoints", ROOT / "tools/score_pinpoints.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pinpoints_on_the_gold_set():
    result = _scorer().score([ROOT / "tests/gold/congbao", ROOT / "tests/gold/plans"])
    assert result["gold"] >= 60  # every settled file was read for pinpoints
    # the issue asks >= 0.95; the floor is the figure measured on the settled gold (two readings),
    # so that a drop fails
    assert result["recall"] >= 0.95 and result["precision"] >= 0.95, result
    assert result["recall"] >= FLOOR["recall"] and result["precision"] >= FLOOR["precision"], result


FLOOR = {"recall": 1.0, "precision": 1.0}  # 60/60 right, none extra (session 4)
