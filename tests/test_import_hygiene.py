"""The domain core (and the archive jobs built on it) must stay free of UI: importing it never
loads textual or rich."""

import pkgutil
import subprocess
import sys

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


def test_building_the_seeds_loads_no_module_it_does_not_use() -> None:
    # Fixed costs of a small story's first build: markdown-it takes 30 ms of CPU to import
    # (the seeds are plain text), multiprocessing and its pool 15-20 ms (a small story
    # stays in this process), numpy's masked arrays 10 ms (a plain np.unique loads them);
    # the seeds build in about 50.
    code = (
        "import sys\n"
        "from tui.core.story import SEEDS, build_story\n"
        "build_story([SEEDS])\n"
        "unused = {'markdown_it', 'multiprocessing', 'concurrent.futures.process', 'numpy.ma'}\n"
        "print(','.join(sorted(unused & set(sys.modules))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
