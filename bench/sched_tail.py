#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""sched_tail.py: where a latency's tail comes from, as the kernel's scheduler saw it.

    sched_tail.py [--min-us 200] -- PROGRAM ARGS...

Runs PROGRAM under `perf sched record` and follows every wake-up of its threads (and its
children's): from the moment another thread woke it (sched_waking) to the moment it ran on a
CPU (sched_switch). A wake-up is late when that took more than --min-us. For each late one it
asks what the CPU that finally ran the thread was doing meanwhile:

  - idle: that CPU had nothing to run (it was in the idle task) from the wake-up on, yet the
    thread only ran later. A Linux guest runs a woken thread on an idle CPU at once, unless
    the CPU itself is not running: the virtual machine's host had not scheduled that virtual
    CPU (halted, or its time stolen). The delay lies outside the program;
  - busy: another thread ran there first; the program (or another one) kept it waiting.

Prints one line of fields, for bench/run.py:
    wakeups N late L late_idle I late_busy B worst_us W

Needs perf and the rights to record scheduler events (root). The program's own output goes
to stderr.
"""

import os
import re
import subprocess
import sys
import tempfile

EVENT = re.compile(r"^\s*(?P<comm>.+?)\s+(?P<tid>\d+)\s+\[(?P<cpu>\d+)\]\s+(?P<time>[\d.]+):\s+"
                   r"sched:(?P<event>\w+):\s+(?P<rest>.*)$")


def fields_of(rest):
    return dict(re.findall(r"(\w+)=(\S+)", rest))


def analyse(lines, pids, min_us):
    """Follows the wake-ups of the threads in @pids (a set that grows with forks)."""
    idle_since = {}       # cpu -> when it switched to the idle task, while it is idle
    waking = {}           # tid -> when it was woken
    sleeping = set()      # tids that switched out to wait for something
    wakeups = late = late_idle = late_busy = 0
    worst_us = 0.0
    names = {}            # tid -> its name, from the switches
    by_name = {}          # name -> [wake-ups, late, late onto an idle CPU]

    for line in lines:
        m = EVENT.match(line)
        if not m:
            continue
        event, time, cpu = m.group("event"), float(m.group("time")), int(m.group("cpu"))
        f = fields_of(m.group("rest"))
        if event == "sched_process_fork":
            if int(m.group("tid")) in pids:
                pids.add(int(f["child_pid"]))
        elif event == "sched_waking":
            tid = int(f["pid"])
            if tid in sleeping:
                sleeping.discard(tid)
                waking[tid] = time
        elif event == "sched_switch":
            prev, nxt = int(f["prev_pid"]), int(f["next_pid"])
            names[nxt] = f["next_comm"]
            if prev in pids and not f["prev_state"].startswith("R"):
                sleeping.add(prev)
            was_idle_since = idle_since.pop(cpu, None)
            if nxt == 0:
                idle_since[cpu] = time
            elif nxt in waking:
                woke = waking.pop(nxt)
                delay_us = (time - woke) * 1e6
                wakeups += 1
                counts = by_name.setdefault(names.get(nxt, "?"), [0, 0, 0])
                counts[0] += 1
                if delay_us > min_us:
                    late += 1
                    counts[1] += 1
                    worst_us = max(worst_us, delay_us)
                    # Was the CPU that ran it idle from the wake-up until now?
                    if was_idle_since is not None and was_idle_since <= woke:
                        late_idle += 1
                        counts[2] += 1
                    else:
                        late_busy += 1
    for name, (n, n_late, n_idle) in sorted(by_name.items()):
        print(f"  {name}: {n} wake-ups, {n_late} late, {n_idle} of them onto an idle CPU",
              file=sys.stderr)
    return wakeups, late, late_idle, late_busy, worst_us


def main(argv):
    min_us = 200.0
    if argv[:1] == ["--min-us"]:
        min_us = float(argv[1])
        argv = argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "sched.data")
        recorder = subprocess.Popen(["perf", "sched", "record", "-o", data, "--"] + argv,
                                    stdout=sys.stderr, stderr=subprocess.DEVNULL)
        recorder.wait()
        if recorder.returncode != 0:
            print(f"perf sched record failed ({recorder.returncode})", file=sys.stderr)
            return 1
        script = subprocess.run(["perf", "script", "-i", data, "-F",
                                 "comm,tid,cpu,time,event,trace"],
                                capture_output=True, text=True, check=True)
    lines = script.stdout.splitlines()
    # The program is perf's child, which runs as "perf-exec" until it calls exec().
    pids = set()
    for line in lines:
        m = EVENT.match(line)
        if m and m.group("event") == "sched_switch":
            f = fields_of(m.group("rest"))
            if f["next_comm"] == "perf-exec":
                pids.add(int(f["next_pid"]))
                break
    wakeups, late, late_idle, late_busy, worst_us = analyse(lines, pids, min_us)
    print(f"wakeups {wakeups} late {late} late_idle {late_idle} late_busy {late_busy} "
          f"worst_us {worst_us:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
