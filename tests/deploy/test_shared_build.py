"""Several app processes on one database build the aggregates of a data version once, not once
each: they wait on the file lock and read the folder the first one renamed into place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 3
CHILD = """
import json, os, sys
from dashboard import pipeline
from data_access.engine import make_engine
store = pipeline.build_aggregates(make_engine(sys.argv[1]))
print(json.dumps({"pid": os.getpid(), "builder": store.manifest["builder_pid"],
                  "version": store.version, "folder": str(store.folder)}))
"""


def test_processes_started_together_share_one_build(tmp_path):
    from data_access.engine import make_engine, upgrade
    from seed import populate

    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    eng = make_engine(url)
    upgrade(eng)
    populate(eng, scale="demo", years=(2023, 2025), progress=False)
    eng.dispose()
    env = dict(os.environ, PYTHONPATH=str(ROOT), THIDUA_SNAPSHOT_DIR=str(tmp_path / "snap"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, url], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(PROCESSES)
    ]
    outs = []
    for p in procs:
        out, _ = p.communicate(timeout=300)
        assert p.returncode == 0
        outs.append(json.loads(out.strip().splitlines()[-1]))
    builders = {o["builder"] for o in outs}
    assert len(builders) == 1, outs  # one build for the version
    assert builders <= {o["pid"] for o in outs}  # by one of these processes
    assert len({o["version"] for o in outs}) == 1
    assert len({o["folder"] for o in outs}) == 1
    # Nothing half-built is left beside the version.
    left = [p.name for p in Path(outs[0]["folder"]).parent.iterdir() if p.name.startswith(".b")]
    assert left == []
