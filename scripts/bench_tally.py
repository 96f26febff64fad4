"""Time `python -m cchc tally` on N synthetic articles (default 20,000): loading and counting, and the whole command.

.venv/bin/python scripts/bench_tally.py [N]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from synthetic import write_content  # noqa: E402

from cchc.content.loader import load_content  # noqa: E402
from cchc.reports.periods import parse_period  # noqa: E402
from cchc.reports.tally import tally  # noqa: E402
from cchc.timeutil import now_vn  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        root = write_content(Path(tmp) / "content", n)
        started = time.perf_counter()
        content, problems = load_content(root)
        loaded = time.perf_counter()
        report = tally(content, parse_period("2022", official=True), now_vn())
        counted = time.perf_counter()
        assert not problems.errors
        started_cli = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "cchc", "--content", str(root), "tally", "2022", "--official", "--format", "json"],
            capture_output=True,
            text=True,
        )
        cli = time.perf_counter() - started_cli
        assert result.returncode == 0, result.stderr
        print(
            f"{n} articles: load and validate {loaded - started:.2f} s, count {counted - loaded:.3f} s "
            f"({report.total} in {report.period.label}); whole command {cli:.2f} s"
        )


if __name__ == "__main__":
    main()
