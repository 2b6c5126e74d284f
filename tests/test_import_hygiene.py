"""The domain core must stay free of UI: importing it never loads textual or rich."""

import pkgutil
import subprocess
import sys

import pytest

import tui.core
import tui.viewmodels

CORE_MODULES = sorted(
    f"tui.core.{info.name}" for info in pkgutil.iter_modules(tui.core.__path__)
) + sorted(f"tui.viewmodels.{info.name}" for info in pkgutil.iter_modules(tui.viewmodels.__path__))


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
