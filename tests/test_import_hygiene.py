"""The domain core (and the archive jobs built on it) must stay free of UI: importing it never
loads textual or rich."""

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tui.archive
import tui.core
import tui.viewmodels

CORE_MODULES = sorted(
    f"{package.__name__}.{info.name}"
    for package in (tui.core, tui.viewmodels, tui.archive)
    for info in pkgutil.iter_modules(package.__path__)
)


def test_core_has_modules() -> None:
    assert "tui.core.aligning" in CORE_MODULES
    assert "tui.core.story" in CORE_MODULES


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"


@pytest.mark.parametrize("cached", [True, False], ids=["frequency cache", "no cache yet"])
def test_building_the_seeds_loads_no_module_it_does_not_use(cached: bool, tmp_path: Path) -> None:
    # Fixed costs of a small story's first build: markdown-it takes 30 ms of CPU to import
    # (the seeds are plain text), multiprocessing and its pool 15-20 ms (a small story
    # stays in this process), numpy's masked arrays 10 ms (a plain np.unique loads them);
    # the seeds build in about 50. Also on a machine whose frequency cache is not written
    # yet (each fresh install has its own), where the table is built from wordfreq.
    code = (
        "import sys\n"
        "from tui.core.story import SEEDS, build_story\n"
        "build_story([SEEDS])\n"
        "unused = {'markdown_it', 'multiprocessing', 'concurrent.futures.process', 'numpy.ma'}\n"
        "print(','.join(sorted(unused & set(sys.modules))))"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    for _ in range(2 if cached else 1):
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
    assert result.stdout.strip() == ""
