#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# check-trace.py FILE: FILE is a trace in the Trace Event Format, as Perfetto's UI and
# chrome://tracing read it: every event has the fields its kind requires, and every process
# and thread that an event is on has a named track. Says what is wrong; exits 1 if anything.

import json
import sys

REQUIRED = {
    "X": ("name", "ph", "ts", "dur", "pid", "tid"),
    "i": ("name", "ph", "ts", "pid", "tid", "s"),
    "M": ("name", "ph", "pid", "tid", "args"),
}


def main(path):
    with open(path, encoding="utf-8") as f:
        trace = json.load(f)
    events = trace["traceEvents"]
    problems = []
    processes, threads, used = set(), set(), set()
    for n, event in enumerate(events):
        kind = event.get("ph")
        if kind not in REQUIRED:
            problems.append(f"event {n}: unknown kind {kind!r}")
            continue
        missing = [field for field in REQUIRED[kind] if field not in event]
        if missing:
            problems.append(f"event {n}: {kind} without {', '.join(missing)}")
            continue
        if kind == "M":
            if not event["args"].get("name"):
                problems.append(f"event {n}: a track without a name")
            (processes if event["name"] == "process_name" else threads).add(
                (event["pid"], event["tid"]))
            continue
        if not isinstance(event["ts"], int) or event["ts"] < 0:
            problems.append(f"event {n}: ts {event['ts']!r}")
        if kind == "X" and (not isinstance(event["dur"], int) or event["dur"] < 0):
            problems.append(f"event {n}: dur {event['dur']!r}")
        used.add((event["pid"], event["tid"]))
    named_pids = {pid for pid, _ in processes}
    for pid, tid in sorted(used):
        if pid not in named_pids:
            problems.append(f"process {pid} has no process_name")
        if (pid, tid) not in threads:
            problems.append(f"thread {tid} of process {pid} has no thread_name")
    for problem in problems:
        print(problem)
    print(f"{len(events)} events, {len(named_pids)} processes, {len(threads)} threads; "
          f"{len(problems)} problems")
    return 1 if problems or not used else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
