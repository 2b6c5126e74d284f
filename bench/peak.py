"""CPU time and maximum RSS of one storydiff command, run in this process.

``python -m bench.peak export DATA.jsonl -o OUT.json`` runs ``python -m tui export …`` and then
prints (to stderr) the CPU seconds of this process and of its workers and the maximum RSS of
each (``resource.getrusage``): the figures of the README's dataset table.
"""

from __future__ import annotations

import resource
import runpy
import sys
import time


def main() -> None:
    started = time.process_time()
    sys.argv = ["tui", *sys.argv[1:]]
    code: object = 0
    try:
        runpy.run_module("tui", run_name="__main__")
    except SystemExit as exit_:
        code = exit_.code
    cpu = time.process_time() - started
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"exit {code}: CPU {cpu:.1f} s here + {workers.ru_utime + workers.ru_stime:.1f} s in "
        f"workers; max RSS {me.ru_maxrss / 1024:.0f} MB here, "
        f"{workers.ru_maxrss / 1024:.0f} MB the largest worker",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
