#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs every benchmark of issue 4, prints each result beside its reference and target, and
writes them all into BENCHMARKS.md.

    bench/run.py BUILD_DIR [--output BENCHMARKS.md]

build-aux/dev.sh bench runs it, with a release build in _build-bench/, under Xvfb and a
session bus of its own. Every reference is measured in the same run as the figure it is
compared with, because this machine is shared and noisy: a ratio within one run means more
than any absolute figure. Nothing here is a test: a missed target is reported, not failed.
"""

import argparse
import datetime
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time

SYSTEM_PYTHON = "/usr/bin/python3"  # the system's Python 3, with the system's PyQt5
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

results = []  # one dict per measurement, in order


def log(text):
    print(text, file=sys.stderr, flush=True)


def run(argv, env=None, timeout=600):
    """Runs argv, returns its stdout; fails loudly when it fails."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {done.returncode}:\n{done.stderr}")
    return done.stdout


def fields(text):
    """'messages 5 p50_us 3.0 page join' -> {'messages': 5.0, 'p50_us': 3.0, 'page': 'join'}"""
    def value(word):
        try:
            return float(word)
        except ValueError:
            return word

    words = text.split()
    return {words[i]: value(words[i + 1]) for i in range(0, len(words) - 1, 2)}


def median_of(n, measure):
    values = [measure() for _ in range(n)]
    return statistics.median(values), values


def record(name, ours, reference, ratio_text, target, met, detail=""):
    results.append(dict(name=name, ours=ours, reference=reference, ratio=ratio_text,
                        target=target, met=met, detail=detail))
    log(f"  {name}: {ours} | reference {reference} | {ratio_text} | target {target}: "
        f"{'met' if met else 'MISSED'}{'  (' + detail + ')' if detail else ''}")


class Programs:
    def __init__(self, build_dir):
        self.build = os.path.abspath(build_dir)
        self.mpdemo = os.path.join(self.build, "src", "mpdemo")
        self.producer = os.path.join(self.build, "src", "lessons", "producer-consumer",
                                     "mpdemo-producer")
        self.raw_pipe = os.path.join(self.build, "bench", "raw-pipe")
        self.latency = os.path.join(self.build, "bench", "latency")
        self.gui_flood = os.path.join(self.build, "bench", "gui-flood")
        self.idle_window = os.path.join(self.build, "bench", "idle-window")
        self.lesson_window = os.path.join(self.build, "bench", "lesson-window")
        self.first_frame = os.path.join(self.build, "bench", "first-frame")
        self.join = os.path.join(self.build, "src", "lessons", "join", "join")
        self.gil = os.path.join(self.build, "src", "lessons", "gil", "gil")
        self.shared_queue = os.path.join(self.build, "bench", "shared-queue")
        self.env = dict(os.environ, MPD_PRODUCER_PROGRAM=self.producer, LC_ALL="C.UTF-8",
                        MPD_LIBEXEC_DIR=os.path.join(self.build, "src"),
                        LANGUAGE="C", GSETTINGS_BACKEND="memory")
        self.has_pyqt = subprocess.run([SYSTEM_PYTHON, "-c", "import PyQt5.QtWidgets"],
                                       capture_output=True).returncode == 0


def console_flood(p, count, producer_args):
    """mpdemo --console --flood, end to end; returns (messages per second, lost)."""
    command = f"{p.producer} --interval=0 --count={count} {producer_args}"
    out = run([p.mpdemo, "--console", "--flood", "--count", str(count),
               "--producer-command", command], env=p.env)
    m = re.match(r"received (\d+) messages in ([\d.]+) s \((\d+) msg/s\), lost (\d+)", out)
    if not m or int(m.group(1)) != count:
        raise RuntimeError(f"unexpected summary: {out!r}")
    return int(m.group(1)) / float(m.group(2)), int(m.group(4))


def python_throughput(count):
    f = fields(run([SYSTEM_PYTHON, os.path.join(HERE, "python_queue.py"), "throughput", str(count)]))
    return f["messages"] / f["seconds"]


def interleaved(n, *measures):
    """Runs the measures in turn, n rounds, so that each sees the same moments of this
    machine's load; returns the median of each."""
    values = [[] for _ in measures]
    for _ in range(n):
        for i, measure in enumerate(measures):
            values[i].append(measure())
    return [statistics.median(v) for v in values]


def bench_throughput(p):
    log("1. throughput: 1,000,000 messages, one write(2) per message; medians of 5 rounds")
    lost = []

    def raw():
        f = fields(run([p.raw_pipe, "1000000"], env=p.env))
        return f["frames"] / f["seconds"]

    def ours():
        rate, n_lost = console_flood(p, 1_000_000, "--batch=1")
        lost.append(n_lost)
        return rate

    python_rate, raw_rate, our_rate = interleaved(5, lambda: python_throughput(200_000), raw, ours)
    record("Throughput, one write per message", f"{our_rate:,.0f} msg/s",
           f"Python Queue {python_rate:,.0f} msg/s", f"{our_rate / python_rate:.1f}× Python",
           "≥ 10× Python", our_rate >= 10 * python_rate,
           f"lost {sum(lost)}; the raw pipe itself is {raw_rate / python_rate:.1f}× Python")
    record("Throughput against a bare pipe", f"{our_rate:,.0f} msg/s",
           f"raw C pipe {raw_rate:,.0f} frames/s", f"{our_rate / raw_rate:.2f}× the raw pipe",
           "≥ 0.80× the raw pipe", our_rate >= 0.8 * raw_rate)
    return python_rate


def bench_batched(p, python_rate):
    log("2. batched producer: 10,000,000 messages, up to 95 per write; against a bare pipe with "
        "the same writes; medians of 5 rounds (a round takes about a second, and this figure "
        "moves most with the moment)")
    lost = []

    def ours():
        rate, n_lost = console_flood(p, 10_000_000, "")
        lost.append(n_lost)
        return rate

    def raw():
        f = fields(run([p.raw_pipe, "--batched", "10000000"], env=p.env))
        return f["frames"] / f["seconds"]

    def decoded():
        f = fields(run([p.raw_pipe, "--decoded", p.producer, "10000000"], env=p.env))
        return f["frames"] / f["seconds"]

    our_rate, raw_rate, decoded_rate = interleaved(5, ours, raw, decoded)
    record("Throughput, batched flood", f"{our_rate:,.0f} msg/s",
           f"bare pipe, the same atomic writes (95 frames of 43 bytes), 64 KiB reads: "
           f"{raw_rate:,.0f} frames/s", f"{our_rate / raw_rate:.2f}× the bare pipe",
           "≥ 0.5× the bare pipe, 0 lost", our_rate >= 0.5 * raw_rate and sum(lost) == 0,
           f"lost {sum(lost)}; {our_rate / python_rate:.0f}× Python's Queue; our producer "
           f"into a reader that decodes with no main loop (raw-pipe --decoded): "
           f"{decoded_rate:,.0f} msg/s, {decoded_rate / raw_rate:.2f}× the bare pipe")


def on_one_cpu():
    """For subprocess: the child and all it starts run on the first CPU allowed, only."""
    cpu = min(os.sched_getaffinity(0))
    return lambda: os.sched_setaffinity(0, {cpu})


def run_on_one_cpu(argv, env):
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600,
                          preexec_fn=on_one_cpu())
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {done.returncode}:\n{done.stderr}")
    return done.stdout


def can_record_scheduler():
    """Whether perf can record the scheduler's events here (root, and perf installed)."""
    try:
        done = subprocess.run(["perf", "sched", "record", "-o", "/dev/null", "--", "true"],
                              capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def sched_tail(argv, env):
    """bench/sched_tail.py on @argv: its wake-ups late by more than 200 µs, and how many of
    those went to a CPU that had nothing else to run (the virtual CPU itself was late)."""
    return fields(run([SYSTEM_PYTHON, os.path.join(HERE, "sched_tail.py"), "--"] + argv,
                      env=env).splitlines()[-1])


def bench_latency(p):
    log("3. latency at 1 kHz: 5,000 messages, put → main-loop handler; medians of 3 rounds")
    python_script = os.path.join(HERE, "python_queue.py")
    names = ["ours", "python", "raw", "ours_1cpu", "raw_1cpu"] + (["seed"] if p.has_pyqt else [])
    runs = {name: [] for name in names}

    def measure(name, argv, env=None, one_cpu=False):
        runs[name].append(fields(run_on_one_cpu(argv, env) if one_cpu else run(argv, env=env)))
        return 0

    ours_argv, raw_argv = [p.latency, "5000", "1"], [p.raw_pipe, "--latency", "5000"]
    measures = [lambda: measure("ours", ours_argv, p.env),
                lambda: measure("python", [SYSTEM_PYTHON, python_script, "latency", "5000"]),
                lambda: measure("raw", raw_argv, p.env),
                lambda: measure("ours_1cpu", ours_argv, p.env, one_cpu=True),
                lambda: measure("raw_1cpu", raw_argv, p.env, one_cpu=True)]
    if p.has_pyqt:
        qt_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        measures.append(lambda: measure("seed", [SYSTEM_PYTHON, python_script, "latency-qt",
                                                 "5000"], qt_env))
    interleaved(3, *measures)
    medians = {name: {key: statistics.median(r[key] for r in runs[name]) for key in runs[name][0]}
               for name in names}
    ours, python, raw = medians["ours"], medians["python"], medians["raw"]
    ours_1cpu, raw_1cpu = medians["ours_1cpu"], medians["raw_1cpu"]
    seed = medians.get("seed")
    seed_text = (f"; the seed's design (a thread blocks on the Queue, a Qt signal to the main "
                 f"loop): p50 {seed['p50_us']:.0f} µs, p99 {seed['p99_us']:.0f} µs"
                 if seed else "; the seed's design not measured (no PyQt5)")
    tail_text = ""
    if can_record_scheduler():
        ours_tail, raw_tail = sched_tail(ours_argv, p.env), sched_tail(raw_argv, p.env)
        tail_text = (f"; the scheduler (perf sched, bench/sched_tail.py): of MpDemo's "
                     f"{ours_tail['wakeups']:.0f} wake-ups, {ours_tail['late']:.0f} ran more "
                     f"than 200 µs late, {ours_tail['late_idle']:.0f} of them on a CPU that had "
                     f"nothing else to run (the virtual CPU itself was late); the bare pipe's: "
                     f"{raw_tail['late']:.0f} of {raw_tail['wakeups']:.0f}, "
                     f"{raw_tail['late_idle']:.0f} on an idle CPU")
    record("Latency p50 at 1 kHz", f"{ours['p50_us']:.0f} µs",
           f"Python Queue {python['p50_us']:.0f} µs; bare pipe {raw['p50_us']:.0f} µs",
           f"{ours['p50_us'] / python['p50_us']:.2f}× Python",
           "≤ 0.7× Python", ours["p50_us"] <= 0.7 * python["p50_us"], seed_text.lstrip("; "))
    record("Latency p99 at 1 kHz", f"{ours['p99_us']:.0f} µs",
           f"bare pipe, one hop, same run: {raw['p99_us']:.0f} µs; Python Queue "
           f"{python['p99_us']:.0f} µs",
           f"{ours['p99_us'] / raw['p99_us']:.1f}× the bare pipe",
           "≤ 300 µs and ≤ 3× the bare pipe",
           ours["p99_us"] <= 300 and ours["p99_us"] <= 3 * raw["p99_us"],
           f"max {ours['max_us']:.0f} µs{seed_text}{tail_text}")
    record("Latency p99 at 1 kHz, all on one CPU", f"{ours_1cpu['p99_us']:.0f} µs",
           f"bare pipe on one CPU, same run: {raw_1cpu['p99_us']:.0f} µs",
           f"{ours_1cpu['p99_us'] / raw_1cpu['p99_us']:.1f}× the bare pipe",
           "≤ 300 µs and ≤ 3× the bare pipe",
           ours_1cpu["p99_us"] <= 300 and ours_1cpu["p99_us"] <= 3 * raw_1cpu["p99_us"],
           f"p50 {ours_1cpu['p50_us']:.0f} µs against {raw_1cpu['p50_us']:.0f} µs: no wake-up "
           f"has to reach another, idle, CPU")


def cpu_seconds(pid):
    """CPU time of @pid, its threads and all its descendants, in seconds, to the nanosecond
    (schedstat, rather than utime and stime, which count whole clock ticks)."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/schedstat") as f:
                    total += int(f.read().split()[0]) / 1e9
                with open(f"/proc/{current}/task/{task}/children") as f:
                    pids.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def start(argv, env, **kwargs):
    return subprocess.Popen(argv, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            **kwargs)


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def idle_cpu_percent(argv, env, seconds=20):
    process = start(argv, env, stderr=subprocess.DEVNULL)
    try:
        time.sleep(5)  # let it start and settle
        before = cpu_seconds(process.pid)
        time.sleep(seconds)
        after = cpu_seconds(process.pid)
    finally:
        stop(process)
    return 100 * (after - before) / seconds


def bench_idle(p):
    log("4. idle cost: window + producer at 1 message a second, over 20 s")
    ours = idle_cpu_percent([p.mpdemo], p.env)
    if p.has_pyqt:
        seed = idle_cpu_percent([SYSTEM_PYTHON, os.path.join(HERE, "seed_pyqt.py")], p.env)
        reference = f"seed's PyQt example {seed:.1f}%"
        ratio = f"{ours / seed:.4f}× the seed" if seed > 0 else "—"
    else:
        reference, ratio = "PyQt5 not installed", "—"
    frames = fields(run([p.idle_window, "10"], env=p.env))
    record("Idle CPU, app + producer", f"{ours:.2f}% of a core", reference, ratio,
           "≤ 0.5% of a core", ours <= 0.5,
           f"{frames['frames_per_message']:.1f} frames and "
           f"{frames['layouts'] / max(frames['messages'], 1):.1f} layouts of the window "
           f"per message, bench/idle-window")


def bench_gui_flood(p):
    log("5. the window under a flood, 10 s, at its default size and at 1024×768")
    for size, name in ((None, "Window under a flood"),
                       ("1024x768", "Window under a flood, 1024×768")):
        f = fields(run([p.gui_flood, "10"] + ([size] if size else []), env=p.env))
        met = (f["frame_p99_ms"] <= 20 and f["text_updates_per_s"] >= 30 and f["lost"] == 0
               and f["rss_growth_mb"] <= 5)
        record(name, f"frames p99 {f['frame_p99_ms']:.1f} ms, "
               f"{f['text_updates_per_s']:.0f} updates/s, {f['messages']:,.0f} messages, "
               f"lost {f['lost']:.0f}, memory {f['rss_growth_mb']:+.1f} MB",
               f"the same window alone (producer paused), every frame painted: p99 "
               f"{f['frame_p99_ms_alone']:.1f} ms",
               f"{f['frame_p99_ms'] / f['frame_p99_ms_alone']:.2f}× the window alone",
               "p99 ≤ 20 ms, ≥ 30 updates/s, 0 lost, ≤ 5 MB", met,
               f"frames p50 {f['frame_p50_ms']:.1f} ms")


def terminal_cpu_percent(argv, env):
    """Runs @argv to its end, as a terminal would; returns the CPU its processes used, as a
    share of one core over the time it ran, in % (what its children used, once reaped)."""
    before = os.times()
    started = time.monotonic()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    seconds = time.monotonic() - started
    after = os.times()
    used = (after.children_user - before.children_user) + \
        (after.children_system - before.children_system)
    return 100 * used / seconds


def bench_lesson(p):
    log("8. a lesson page while the run's processes sleep (join), and sampling 20 processes")
    w = fields(run([p.lesson_window, "3"], env=p.env))
    terminal = terminal_cpu_percent([p.join], p.env)
    record("Lesson page, join sleeping", f"{w['join_cpu_percent']:.2f}% of a core",
           f"join in a terminal {terminal:.2f}%; the page with no run "
           f"{w['idle_cpu_percent']:.3f}%",
           f"+{w['join_cpu_percent'] - terminal:.2f} points over the terminal",
           "≤ 1% of a core; nothing with no run", w["join_cpu_percent"] <= 1.0 and
           w["idle_frames_per_s"] == 0,
           f"window, supervisor and lesson; {w['join_frames_per_s']:.2f} frames/s, "
           f"{w['idle_frames_per_s']:.0f} with no run; bench/lesson-window")
    record("Sampling 20 processes", f"frames p99 {w['frame_p99_ms_with']:.1f} ms, "
           f"max {w['frame_max_ms_with']:.1f} ms",
           f"same window, no run: p99 {w['frame_p99_ms_without']:.1f} ms",
           f"{w['frame_p99_ms_with'] / w['frame_p99_ms_without']:.2f}× the window alone",
           "p99 ≤ 1.25× the window alone",
           w["frame_p99_ms_with"] <= 1.25 * w["frame_p99_ms_without"],
           f"one sample of the 21 processes {w['sample_ms']:.1f} ms, in a thread; "
           f"a frame painted at every tick")
    per_20, per_100 = w["sample_ms"] / 21 * 1000, w["sample_ms_100"] / 101 * 1000
    record("Sampling cost per process", f"{per_100:.0f} µs a process with 101 "
           f"({w['sample_ms_100']:.1f} ms a sample)",
           f"{per_20:.0f} µs a process with 21 ({w['sample_ms']:.1f} ms a sample)",
           f"{per_100 / per_20:.2f}× per process",
           "≤ 1.25× per process: it grows with the processes, no faster",
           per_100 <= 1.25 * per_20,
           f"one sample, timed by calling it; the runner takes one in a worker thread every "
           f"100 ms while the processes change: for 101, {w['sample_ms_100'] / 100 * 100:.1f}% "
           f"of a core; every 300 ms while they sleep: {w['sample_ms_100'] / 300 * 100:.1f}%")
    record("Lesson pages with nothing running",
           f"{w['settled_wakeups_in_5_s']:.0f} wake-ups in 5 s, settled; at most "
           f"{w['pages_max_wakeups_per_s']:.0f} in a second just after a page is shown "
           f"(page {w['pages_max_page']}), at most {w['pages_max_cpu_percent']:.3f}% of a core",
           f"{w['pages']:.0f} pages, each shown in turn", "—",
           "no wake-up, settled", w["settled_wakeups_in_5_s"] == 0,
           "wake-ups (voluntary context switches) of every thread of the window's process: "
           "over a second on each page after three seconds to settle (not producer-consumer, "
           "whose run starts when it is shown: the idle figure above is its cost), then for 5 s "
           "on the last page after 21 s more. On the page with the most in its second, the "
           f"threads that woke (name+wake-ups; the main thread's count holds the bench's own "
           f"timer): {w['pages_max_threads']}; the main loop's timers due in that second: "
           f"{w['pages_max_timers']} (GtkTextView empties a text view's line cache once, 20 s "
           "after it was last drawn: the text views of the pages shown before)")


def peak_rss_mb(argv, env):
    """Runs @argv to its end; returns (its peak resident memory in MB, as the kernel kept it
    for wait4(), its stdout)."""
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{argv} exited with {process.returncode}")
    return usage.ru_maxrss / 1024, out


def bench_memory(p):
    log("7. memory: --console --flood, 2,000,000 messages from 2,000,000 pids, median of 3")
    count = 2_000_000
    dummy = os.path.join(p.build, "tests", "dummy-producer")

    def hostile():
        mb, out = peak_rss_mb([p.mpdemo, "--console", "--flood", "--count", str(count),
                               "--producer-command", f"{dummy} --mode=many-pids:{count}"], p.env)
        if f"received {count} messages" not in out:
            raise RuntimeError(f"unexpected summary: {out!r}")
        return mb

    def one_producer():
        return peak_rss_mb([p.mpdemo, "--console", "--flood", "--count", str(count),
                            "--producer-command",
                            f"{p.producer} --interval=0 --count={count}"], p.env)[0]

    ours, reference = interleaved(3, hostile, one_producer)
    record("Memory, a flood from 2,000,000 pids", f"{ours:.1f} MB peak",
           f"the same flood from one producer {reference:.1f} MB", f"{ours / reference:.2f}×",
           "≤ 1.5× one producer", ours <= 1.5 * reference)


def startup_seconds(argv, env):
    """Launch → the line saying the first timestamp was painted; then stop it. (GLib writes
    debug messages to stdout.)"""
    started = time.monotonic()
    process = subprocess.Popen(argv, env=env, start_new_session=True, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        for line in process.stdout:
            if "The first timestamp is on screen" in line:
                return time.monotonic() - started
        raise RuntimeError(f"{argv[0]} ended before showing a timestamp")
    finally:
        stop(process)


def bench_startup(p, rounds=7):
    log(f"6. startup: launch → first timestamp on screen; MpDemo, the seed and a bare GTK window "
        f"in turns, medians of {rounds}")
    env = dict(p.env, G_MESSAGES_DEBUG="mpd-pipeline-page")
    measures = [lambda: startup_seconds([p.mpdemo], env),
                lambda: startup_seconds([p.first_frame], env)]
    if p.has_pyqt:
        seed_env = dict(p.env, MPD_BENCH_STARTUP="1")
        measures.append(lambda: startup_seconds(
            [SYSTEM_PYTHON, os.path.join(HERE, "seed_pyqt.py")], seed_env))
    ours, floor, *seed = interleaved(rounds, *measures)
    detail = (f"a GTK 4 window with one label and nothing else (bench/first-frame), same run: "
              f"{floor * 1000:.0f} ms; MpDemo's own part {(ours - floor) * 1000:.0f} ms")
    if seed:
        seed = seed[0]
        detail += f"; the bare GTK window is {floor / seed:.2f}× the seed"
        record("Startup", f"{ours * 1000:.0f} ms", f"seed's PyQt example {seed * 1000:.0f} ms",
               f"{ours / seed:.2f}× the seed", "faster than the seed", ours < seed, detail)
    else:
        record("Startup", f"{ours * 1000:.0f} ms", "PyQt5 not installed", "—", "≤ 150 ms",
               ours <= 0.150, detail)


def first_line_seconds(argv, env):
    """Launch → the first line of output, read through a pseudo-terminal, as a terminal reads
    it (so that Python writes each line at once, as it does in a terminal)."""
    import pty

    main_fd, terminal_fd = pty.openpty()
    started = time.monotonic()
    process = subprocess.Popen(argv, env=env, start_new_session=True, stdin=subprocess.DEVNULL,
                               stdout=terminal_fd, stderr=subprocess.DEVNULL)
    os.close(terminal_fd)
    try:
        data = b""
        while b"\n" not in data:
            chunk = os.read(main_fd, 4096)
            if not chunk:
                raise RuntimeError(f"{argv} ended before its first line")
            data += chunk
        return time.monotonic() - started
    finally:
        process.wait()
        os.close(main_fd)


def bench_first_output(p, lesson="spawn", rounds=5):
    log(f"11. the runner: launch → the lesson's first line of output, {lesson} in Python; "
        f"medians of {rounds}, in turns")
    script = os.path.join(p.build, "src", "lessons", lesson, f"{lesson}.py")
    # Both run the same python3: MpDemo runs the python3 of PATH, so the system's comes first
    # on it. (Where the first python3 of PATH is a pyenv shim, as on the machine this was
    # written on, the shim alone, two bash scripts, takes 170 ms before Python starts.)
    env = dict(p.env, PATH=os.pathsep.join([os.path.dirname(SYSTEM_PYTHON), p.env["PATH"]]))
    ours, terminal = interleaved(
        rounds,
        lambda: first_line_seconds([p.mpdemo, "--console", "--run", lesson, "--python"], env),
        lambda: first_line_seconds([SYSTEM_PYTHON, script], env))
    record(f"First output of a lesson ({lesson}, Python)", f"{ours * 1000:.0f} ms",
           f"python3 {lesson}.py in a terminal, same run: {terminal * 1000:.0f} ms",
           f"+{(ours - terminal) * 1000:.0f} ms, {ours / terminal:.2f}× the terminal",
           "≤ 2× the terminal", ours <= 2 * terminal,
           "mpdemo --console --run: MpDemo's start, its runner, the supervisor, then the lesson")


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = re.search(r"model name\s*:\s*(.*)", f.read()).group(1)
    except (OSError, AttributeError):
        pass
    distro = platform.platform()
    try:
        with open("/etc/os-release") as f:
            distro = re.search(r'PRETTY_NAME="(.*)"', f.read()).group(1)
    except (OSError, AttributeError):
        pass

    def version(package):
        return run(["pkg-config", "--modversion", package]).strip()

    python = run([SYSTEM_PYTHON, "--version"]).strip()
    return (f"{cpu}, {os.cpu_count()} cores; {distro}, Linux {platform.release()}; "
            f"GLib {version('glib-2.0')}, GTK {version('gtk4')}; {python}")


def read_events(data):
    """The result events of the event channel (docs/events.md): [(label, times, µs)]."""
    import struct
    events, at = [], 0
    while at + 4 <= len(data):
        (length,) = struct.unpack_from("<I", data, at)
        payload = data[at + 4:at + 4 + length]
        at += 4 + length
        _, _, number, kind, value = struct.unpack_from("<qiic7xq", payload)
        label = payload[32:payload.index(b"\0", 32)].decode()
        if kind == b"R":
            events.append((label, number, value))
    return events


def gil_once(p):
    """One run of the gil lesson, its results read from its own event channel."""
    read_end, write_end = os.pipe()
    env = dict(p.env, MPDEMO_EVENTS_FD=str(write_end))
    child = subprocess.Popen([p.gil], env=env, pass_fds=(write_end,),
                             stdout=subprocess.DEVNULL)
    os.close(write_end)
    data = b""
    while chunk := os.read(read_end, 65536):
        data += chunk
    os.close(read_end)
    if child.wait() != 0:
        raise RuntimeError("gil failed")
    return read_events(data)


def bench_gil(p, rounds=3):
    log(f"9. the GIL: the gil lesson's six figures, C then Python, in one run; medians of "
        f"{rounds} runs")
    runs = [gil_once(p) for _ in range(rounds)]
    reference = None
    for row, (label, times, _) in enumerate(runs[0]):
        values = [run[row][2] / 1e6 for run in runs]
        seconds = statistics.median(values)
        spread = f"runs: {', '.join(f'{v:.2f}' for v in values)} s"
        if times == 1:
            reference = seconds
            record(f"GIL: {label}", f"{seconds:.2f} s", "the reference of the 2 rows below",
                   "1×", "about 1 s of work", 0.3 <= seconds <= 3, spread)
            continue
        speed = times * reference / seconds
        python_threads = label.startswith("Python") and "threads" in label
        if python_threads:
            target, met = "≈ 1× (the GIL: one thread runs at a time)", speed < 1.4
        else:
            target, met = f"≈ {times}× (side by side on {times} cores)", speed >= 0.75 * times
        record(f"GIL: {label}", f"{seconds:.2f} s", f"once, same run: {reference:.2f} s",
               f"speed-up {speed:.2f}× (N × once / time)", target, met, spread)


def bench_shared_queue(p, rounds=3):
    log(f"10. a queue between processes: a child puts, its parent gets; MpDemo's C queue "
        f"against Python's multiprocessing.Queue, in turns; medians of {rounds} rounds")
    for count, size, what in ((100_000, 0, "100,000 small values (an int each)"),
                              (100, 1 << 20, "100 values of 1 MiB")):
        def ours():
            f = fields(run([p.shared_queue, str(count), str(size)], env=p.env))
            return f["values"] / f["seconds"]

        def python():
            f = fields(run([SYSTEM_PYTHON, os.path.join(HERE, "python_mp_queue.py"), str(count),
                            str(size)], env=p.env))
            return f["values"] / f["seconds"]

        rate, python_rate = interleaved(rounds, ours, python)
        unit = "values/s" if size == 0 else "MiB/s"
        scale = 1 if size == 0 else size / (1 << 20)
        record(f"Queue between processes: {what}", f"{rate * scale:,.0f} {unit}",
               f"Python's multiprocessing.Queue, same run: {python_rate * scale:,.0f} {unit}",
               f"{rate / python_rate:.2f}× Python", "≥ 1× Python's Queue",
               rate >= python_rate)


def write_markdown(path, when, seconds):
    met = sum(r["met"] for r in results)
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py`, not by hand. Reproduce with `build-aux/dev.sh bench` (a",
        "release build in `_build-bench/`, under Xvfb). Each reference is measured in the same",
        "run as the figure beside it; the ratio is what counts, since absolute figures move",
        "with the machine's load.",
        "",
        f"- **Date:** {when}",
        f"- **Machine:** {machine()}",
        f"- **Took:** {seconds:.0f} s",
        f"- **Targets met:** {met} of {len(results)}",
        "",
        "| measurement | MpDemo | reference (same run) | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        detail = f" ({r['detail']})" if r["detail"] else ""
        lines.append(f"| {r['name']} | {r['ours']}{detail} | {r['reference']} | {r['ratio']} | "
                     f"{r['target']} | {'yes' if r['met'] else '**no**'} |")
    lines += [
        "",
        "How each is measured:",
        "",
        "1. **Throughput**: `mpdemo --console --flood --count 1000000` with `mpdemo-producer "
        "--batch=1` (one write(2) per message), end to end to the main-loop handler; against "
        "`bench/python_queue.py throughput` (multiprocessing.Queue, 26-character strings) and "
        "`bench/raw-pipe` (one write(2) per 43-byte frame, 64 KiB reads). The three take turns, "
        "5 rounds, and each figure is the median of its 5.",
        "2. **Batched flood**: the same with the producer's default, up to 95 frames per write, "
        "10,000,000 messages. Median of 3.",
        "3. **Latency**: `bench/latency 5000 1`: the producer at 1 kHz, CLOCK_MONOTONIC at the "
        "put and in the main-loop handler; against `bench/python_queue.py latency` (blocking "
        "get()) and `bench/raw-pipe --latency` (a bare pipe, one write per millisecond, a "
        "blocking read: the floor this machine's wake-ups set). The three take turns, 3 rounds "
        "of 5,000 messages; each figure is the median of its 3. MpDemo makes two hops by "
        "design (producer → consumer thread → main loop), the bare pipe one. The same two "
        "again with every thread on one CPU (sched_setaffinity): there no wake-up has to reach "
        "another CPU that sleeps. Then each once under `perf sched record` "
        "(`bench/sched_tail.py`): which wake-ups ran late, and whether the CPU they ran on had "
        "nothing else to run meanwhile (then the delay is the virtual machine's: its host ran "
        "that virtual CPU late).",
        "4. **Idle**: CPU time of `mpdemo` and its children over 20 s (after 5 s to settle), "
        "in a real window under Xvfb, at the default 1 message a second; against `bench/seed_pyqt.py`, the seed's "
        "PyQt example as published. Beside it, `bench/idle-window 10` counts the frames the "
        "window paints and the layouts it makes per message: with GTK 4.8's cairo renderer, "
        "each frame draws the whole window again.",
        "5. **Window under a flood**: `bench/gui-flood 10`, at the window's default size and "
        "at 1024×768: the real window with a flooding producer, painting a frame at every tick "
        "of its clock; frame intervals from the GdkFrameClock, status-bar text changes, gaps in "
        "the sequence numbers, resident memory. The reference, in the same run: the same "
        "window for 10 s with its producer paused (SIGSTOP), painting every frame: what this "
        "machine gives a window that does nothing else.",
        "6. **Startup**: launch → the first timestamp painted (`G_MESSAGES_DEBUG=mpd-pipeline-page` "
        "says when); the seed's copy reports the same moment, and so does `bench/first-frame`, "
        "a GTK 4 window at MpDemo's default size with one label and nothing else: what GTK "
        "itself takes here to start, load its theme and paint a frame. The three take turns, "
        "7 rounds; medians.",
        "7. **Memory**: peak resident memory (wait4()'s ru_maxrss) of `mpdemo --console --flood "
        "--count 2000000` fed by `tests/dummy-producer --mode=many-pids:2000000` (valid "
        "messages, each from another pid: issue 13's hostile stream, which once took 1.48 GB); "
        "against the same count from one `mpdemo-producer`. The two take turns, 3 rounds; "
        "medians.",
        "8. **A lesson page while its run sleeps** (`bench/lesson-window`): the window on the "
        "page of `join`, drawing and timeline shown; the CPU of the window, MpDemo's supervisor "
        "and the lesson's processes (schedstat of every thread below the window's process) over "
        "the 3.2 s in which join's processes sleep between their lines; against `join` run in a "
        "terminal (its children's CPU over its run), and the page with no run (its frames must "
        "be 0). **Sampling 20 processes**: a window with the drawing and the timeline of 20 "
        "sleeping processes, painting a frame at every tick of its clock; the p99 of the "
        "intervals between frames, against the same window with no run; and one sample of the "
        "21 processes, timed, then one of 101 (100 sleeping processes): the cost per process. "
        "**Lesson pages with nothing running**: every lesson's page shown in turn; the "
        "wake-ups (voluntary context switches: a thread slept and was woken; getrusage()) of "
        "every thread of the window's process over a second "
        "on each, after three seconds to settle (showing a page wakes the window for two seconds "
        "or so: its transition, the code view's highlighting, the drawing's first frames), "
        "with the threads that woke and the main loop's timers due in that second; then the "
        "first page again for 5 s, after 21 s in which every page's one-shot timers have passed.",
        "9. **The GIL**: the `gil` lesson (release build) with an event channel of its own: the "
        "same arithmetic once, N times in N threads, N times in N processes (N = the cores), "
        "in C then in Python (the `python3` of PATH). Each figure against the work done once "
        "in the same language and the same run: the speed-up is N × once / time. Three runs; "
        "each figure is the median of its three, and the three are beside it.",
        "",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir")
    parser.add_argument("--output", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = parser.parse_args()

    p = Programs(args.build_dir)
    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    started = time.monotonic()

    # The quiet measurements first: after a flood, this shared machine's scheduler takes a
    # while to settle, and wake-up times (latency, idle cost) suffer for it.
    bench_latency(p)
    bench_idle(p)
    bench_startup(p)
    python_rate = bench_throughput(p)
    bench_batched(p, python_rate)
    bench_gui_flood(p)
    bench_memory(p)
    bench_lesson(p)
    bench_gil(p)
    bench_shared_queue(p)
    bench_first_output(p)

    seconds = time.monotonic() - started
    write_markdown(args.output, when, seconds)
    met = sum(r["met"] for r in results)
    print(f"{met} of {len(results)} targets met; figures written to {args.output}")


if __name__ == "__main__":
    main()
