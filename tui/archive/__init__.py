"""``storydiff archive``: from a news archive to its stories and its copying, on Dask.

Plain Python and NumPy over files, like ``tui.core`` (no ``textual`` or ``rich`` import);
Dask only schedules the stage functions (``tui.archive.running``).
"""
