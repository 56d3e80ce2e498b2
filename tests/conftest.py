"""Shared test set-up: the --slow switch and one cache folder for the whole run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PLAN_TXT = REPO / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"


def pytest_addoption(parser):
    parser.addoption(
        "--slow", action="store_true", default=False,
        help="also run slow tests (dense encoders, browser, subprocess servers)",
    )


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords or "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def planqa_home(tmp_path_factory):
    """One PLANQA_HOME per test run, so the embedding cache is shared between
    test files but never leaks from (or into) the user's own cache."""
    home = os.environ.get("PLANQA_TEST_HOME") or str(tmp_path_factory.mktemp("planqa-home"))
    old = os.environ.get("PLANQA_HOME")
    os.environ["PLANQA_HOME"] = home
    yield Path(home)
    if old is None:
        os.environ.pop("PLANQA_HOME", None)
    else:
        os.environ["PLANQA_HOME"] = old


@pytest.fixture(scope="session")
def plan_path() -> Path:
    return PLAN_TXT
