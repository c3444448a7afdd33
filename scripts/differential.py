#!/usr/bin/env python3
"""Differential test of two builds of summit-kb: do they answer exactly alike?

Usage:
    python3 scripts/differential.py OLD_BINARY NEW_BINARY [DATA]
        [--declared FILE] [--jobs N] [--list] [--only SUBSTRING] [--show N]

Thousands of invocations are generated (not listed by hand) from what OLD
itself reports: the commands, flags, possible values and examples of
`OLD --help` and of each subcommand's `--help` (every flag alone, every
value, a missing and a wrong one), and the records of `OLD export --format json`
(every id of every kind, names and aliases, the bounds of every term,
chairmanship and membership change, the days around them, a spread of
years and months, topics, words in several scripts, misspellings, error
cases). Every query is crossed with every `--format` a query accepts.

Each invocation runs through both binaries, and their stdout bytes, stderr
bytes and exit codes are compared, in these settings:

  * on the embedded dataset (most of them);
  * a stratified sample with `--data DATA` (DATA: the dataset directory,
    default `data` relative to the current directory), and a smaller one
    with `--data` naming a JSON file that OLD exported first;
  * `export` in every format, to standard output and to a file: the files'
    bytes are compared (an SQLite file, whose bytes may legitimately vary,
    is compared as the text of Python's sqlite3 `iterdump()`), and so is the
    list of files the export leaves in its directory;
  * `check` of DATA, of the fixtures and the invalid-TOML corpus under
    DATA/../tests when they exist, and of the fuzz regression inputs;
  * a sample of table answers on a pseudo-terminal 80 and 120 columns wide
    (the bytes read from the terminal are compared), and with
    `--color always`;
  * a few shell-completion requests (SUMMIT_KB_COMPLETE=... summit-kb -- ...).

Every run gets the same environment: TZ=UTC, NO_COLOR=1, LC_ALL=C.UTF-8,
PATH and HOME (a scratch directory) only, so no SUMMIT_KB_DATA, COLUMNS or
SUMMIT_KB_COMPLETE leaks in; argv[0] is `summit-kb` for both binaries, and
both run, one after the other, in the same scratch directory. Invocations
run in parallel (--jobs, default 2), each with a timeout of 20 s; a timeout
is a difference. Answers that depend on `today` (holder, chair and members
without --on) are compared too: both binaries run within a second of each
other, so only a run across midnight UTC can make them differ.

Output: "N invocations: M identical, K differ", the old binary's exit
statuses and the invocations per command (to see what was exercised), then each differing invocation (at most --show, default 20, with a
count of the rest): its command line, both exit codes, and a short unified
diff of the first stream that differs.

--declared FILE names differences the CHANGELOG declares, one a line:

    SUBSTRING<TAB>REASON

An invocation whose command line (as printed by --list) contains SUBSTRING
and differs is listed apart, with REASON, and does not fail the run. Blank
lines and lines starting with `#` are ignored; a line without a tab is all
substring. Declarations that matched no difference are named at the end.

--list prints the invocations without running them (OLD is still run, to
discover them); --only SUBSTRING (repeatable) keeps only the invocations
whose command line contains one of the substrings.

Exit status: 0 when every invocation answers identically or differs only as
declared; 1 when some difference is not declared; 2 on a usage error.
"""

import argparse
import concurrent.futures
import datetime
import difflib
import fcntl
import json
import os
import pty
import random
import re
import select
import shlex
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass

PROG = "summit-kb"
TIMEOUT = 20.0
SEED = 20251127  # the sampling is fixed: the same invocations on every run
DEFAULT_QUERY_FORMATS = ["table", "json", "ndjson", "csv", "markdown"]
SQLITE_MAGIC = b"SQLite format 3\x00"


# --------------------------------------------------------------------------
# Invocations


@dataclass(frozen=True)
class Inv:
    """One command line to run through both binaries."""

    group: str  # the subcommand (or "global"), for the counts
    argv: tuple  # the arguments after the program's name
    env: tuple = ()  # extra environment variables, (name, value) pairs
    pty: int = 0  # run on a pseudo-terminal this many columns wide
    output: str = ""  # a file the command writes in its directory: compared

    def label(self):
        """The command line as printed and matched by --only and --declared:
        the scratch directory shows as $SCRATCH, the dataset as given."""
        parts = []
        if self.pty:
            parts.append(f"[pty {self.pty} cols]")
        parts += [f"{k}={quote(v)}" for k, v in self.env]
        parts.append(PROG)
        parts += [display(a) for a in self.argv]
        return " ".join(parts)


def quote(word):
    """A shell word, on one line: control characters in bash's $'...'."""
    if not re.search(r"[\x00-\x1f\x7f]", word):
        return shlex.quote(word)
    esc = "".join(
        c if 0x20 <= ord(c) != 0x7F and c not in "\\'" else
        ("\\" + c if c in "\\'" else f"\\x{ord(c):02x}")
        for c in word
    )
    return f"$'{esc}'"


# Paths shown shorter in labels: (absolute prefix, as shown), set by main().
DISPLAY = []


def display(arg):
    """An argument as a shell word, a known path's prefix shortened."""
    for prefix, shown in DISPLAY:
        if arg == prefix or arg.startswith(prefix + os.sep):
            rest = arg[len(prefix):]
            return shown + (quote(rest) if rest else "")
    return quote(arg)


def fmt_args(fmt):
    """The arguments that choose a format: none for the default table."""
    return () if fmt == "table" else ("--format", fmt)


# --------------------------------------------------------------------------
# Running


def base_env(home):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "TZ": "UTC",
        "NO_COLOR": "1",
        "LC_ALL": "C.UTF-8",
    }


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_pipes(binary, inv, env, cwd):
    """Runs with stdout and stderr on pipes; returns the streams."""
    proc = subprocess.Popen(
        [PROG, *inv.argv],
        executable=binary,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
        code = exit_text(proc.returncode)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        code = f"timeout after {TIMEOUT:g} s"
    return {"exit": code, "stdout": out, "stderr": err}


def run_pty(binary, inv, env, cwd):
    """Runs with stdout (and stdin) on a pseudo-terminal of inv.pty columns
    and 24 rows, stderr on a pipe; returns the bytes read from both."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, inv.pty, 0, 0))
    try:
        proc = subprocess.Popen(
            [PROG, *inv.argv],
            executable=binary,
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
    finally:
        os.close(slave)
    err_fd = proc.stderr.fileno()
    chunks = {master: [], err_fd: []}
    open_fds = set(chunks)
    deadline = time.monotonic() + TIMEOUT
    timed_out = False
    try:
        while open_fds:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                kill_group(proc)
                break
            ready, _, _ = select.select(list(open_fds), [], [], left)
            for fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # EIO: the terminal's other side is closed
                    data = b""
                if data:
                    chunks[fd].append(data)
                else:
                    open_fds.discard(fd)
        proc.wait()
    finally:
        os.close(master)
        proc.stderr.close()
    code = f"timeout after {TIMEOUT:g} s" if timed_out else exit_text(proc.returncode)
    return {
        "exit": code,
        "terminal": b"".join(chunks[master]),
        "stderr": b"".join(chunks[err_fd]),
    }


def exit_text(code):
    return f"killed by signal {-code}" if code < 0 else str(code)


def sqlite_dump(path):
    """The SQL text of an SQLite database, or a note why there is none."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return "\n".join(con.iterdump()).encode() + b"\n"
        finally:
            con.close()
    except sqlite3.Error as e:
        return f"(not a readable SQLite database: {e})\n".encode()


def run_one(binary, inv, env, cwd):
    """Runs inv through binary in the (empty) directory cwd."""
    result = run_pty(binary, inv, env, cwd) if inv.pty else run_pipes(binary, inv, env, cwd)
    # What the run leaves in its directory: the export's file, or nothing.
    names = sorted(os.listdir(cwd))
    result["files left"] = ("\n".join(names) + "\n").encode() if names else b""
    if inv.output:
        path = os.path.join(cwd, inv.output)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                data = f.read()
            if data.startswith(SQLITE_MAGIC):
                result[f"file {inv.output} (as SQL dump)"] = sqlite_dump(path)
            else:
                result[f"file {inv.output}"] = data
        else:
            result[f"file {inv.output}"] = b"(no file written)\n"
    return result


class Runner:
    def __init__(self, old, new, scratch):
        self.old, self.new = old, new
        self.scratch = scratch
        self.env = base_env(os.path.join(scratch, "home"))
        os.makedirs(self.env["HOME"], exist_ok=True)
        self.local = threading.local()

    def workdir(self):
        """A directory of this thread's own, emptied before each run."""
        d = getattr(self.local, "dir", None)
        if d is None:
            d = tempfile.mkdtemp(prefix="run-", dir=self.scratch)
            self.local.dir = d
        return d

    def clean(self, d):
        for name in os.listdir(d):
            p = os.path.join(d, name)
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p)
            else:
                os.unlink(p)

    def compare(self, inv):
        env = dict(self.env)
        env.update(inv.env)
        d = self.workdir()
        self.clean(d)
        old = run_one(self.old, inv, env, d)
        self.clean(d)
        new = run_one(self.new, inv, env, d)
        self.clean(d)
        return old, new


def differs(old, new):
    if old != new:
        return True
    return old["exit"].startswith("timeout") or new["exit"].startswith("timeout")


# --------------------------------------------------------------------------
# Reporting


def show_line(line, start, width):
    """A line for the diff, cut to a window of width characters."""
    body = line.rstrip("\n")
    nl = line.endswith("\n")
    if len(body) > width:
        cut = body[start : start + width]
        body = ("…" if start > 0 else "") + cut + ("…" if start + width < len(body) else "")
    out = body + "\n"
    if not nl:
        out += "\\ No newline at end of stream\n"
    return out


def short_diff(a, b, max_lines=30, width=160):
    """A unified diff of two byte streams, near their first difference."""
    al = a.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    bl = b.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    # Skip the common start and end, so that a large answer diffs quickly.
    lo = 0
    while lo < len(al) and lo < len(bl) and al[lo] == bl[lo]:
        lo += 1
    hi = 0
    while hi < len(al) - lo and hi < len(bl) - lo and al[-1 - hi] == bl[-1 - hi]:
        hi += 1
    ctx = 2
    s = max(0, lo - ctx)
    ea, eb = len(al) - max(0, hi - ctx), len(bl) - max(0, hi - ctx)
    ea, eb = min(ea, s + 400), min(eb, s + 400)
    # The column where the first differing lines part, for long lines.
    col = 0
    if lo < len(al) and lo < len(bl):
        x, y = al[lo], bl[lo]
        while col < len(x) and col < len(y) and x[col] == y[col]:
            col += 1
    start = max(0, col - width // 3)
    lines = []
    for ln in difflib.unified_diff(al[s:ea], bl[s:eb], "old", "new", n=ctx, lineterm="\n"):
        if ln.startswith("@@"):
            # Renumber the hunk: the slice began at line s + 1.
            m = re.match(r"@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", ln)
            if m:
                ln = "@@ -%d%s +%d%s @@\n" % (
                    int(m.group(1)) + s,
                    m.group(2) or "",
                    int(m.group(3)) + s,
                    m.group(4) or "",
                )
            lines.append(ln if ln.endswith("\n") else ln + "\n")
        elif ln.startswith(("---", "+++")):
            lines.append(ln if ln.endswith("\n") else ln + "\n")
        else:
            lines.append(ln[0] + show_line(ln[1:], start, width))
    extra = len(lines) - max_lines
    text = "".join(lines[:max_lines])
    if extra > 0:
        text += f"... ({extra} more diff lines)\n"
    if not lines and a != b:
        text = f"(the bytes differ: {len(a)} bytes against {len(b)})\n"
    return text


def describe(idx, inv, old, new, reason=None):
    out = [f"[{idx}] {inv.label()}\n"]
    if reason is not None:
        out.append(f"    declared: {reason}\n")
    out.append(f"    exit: old {old['exit']}, new {new['exit']}\n")
    streams = [k for k in old if k != "exit"] + [k for k in new if k not in old and k != "exit"]
    first = next((k for k in streams if old.get(k) != new.get(k)), None)
    if first is None:
        if old["exit"] == new["exit"]:
            out.append("    (the outputs are equal, but a run timed out)\n")
        else:
            out.append("    only the exit codes differ\n")
    else:
        others = [k for k in streams if k != first and old.get(k) != new.get(k)]
        more = f" (also: {', '.join(others)})" if others else ""
        a, b = old.get(first, b"(absent)\n"), new.get(first, b"(absent)\n")
        out.append(f"    {first} differs ({len(a)} bytes old, {len(b)} new){more}:\n")
        out += ["      " + ln + "\n" for ln in short_diff(a, b).splitlines()]
    return "".join(out)


def read_declared(path):
    decls = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            sub, _, reason = line.partition("\t")
            if not sub:
                sys.exit(f"{path}:{n}: empty substring")
            decls.append([sub, reason.strip() or "(no reason given)", 0])
    return decls


# --------------------------------------------------------------------------
# Discovery: the commands, flags and values the old binary reports


ENTRY = re.compile(r"^ {2,6}(?:-(\w), )?--([\w-]+)(?:[ =]<([^>]+)>)?(\.\.\.)?\s*$")
SHORT = re.compile(r"^ {2,6}-(\w)(?: <([^>]+)>)?\s*$")
ARG = re.compile(r"^ {2}([<\[])([\w-]+)[>\]](\.\.\.)?\s*$")


def parse_entries(lines):
    """Options and arguments of a help section: name -> {value, values,
    descs}, in order."""
    entries = {}
    cur = None
    for line in lines:
        m = ENTRY.match(line)
        a = ARG.match(line)
        s = SHORT.match(line)
        if m:
            cur = {"flag": "--" + m.group(2), "value": m.group(3), "body": []}
            entries[cur["flag"]] = cur
        elif a:
            cur = {"flag": a.group(2), "value": a.group(2), "arg": True,
                   "required": a.group(1) == "<", "body": []}
            entries[cur["flag"]] = cur
        elif s:
            cur = {"flag": "-" + s.group(1), "value": s.group(2), "body": []}
            entries[cur["flag"]] = cur
        elif cur is not None:
            cur["body"].append(line)
    for e in entries.values():
        e["values"], e["descs"] = possible_values(e["body"])
    return entries


def possible_values(body):
    text = " ".join(l.strip() for l in body)
    m = re.search(r"\[possible values: ([^\]]*)\]", text)
    if m:
        vals = [v.strip() for v in m.group(1).split(",") if v.strip()]
        return vals, {v: "" for v in vals}
    vals, descs, cur, on = [], {}, None, False
    for line in body:
        st = line.strip()
        if st == "Possible values:":
            on = True
            continue
        if not on:
            continue
        if not st:
            break
        m = re.match(r"^- ([\w.-]+)(?::\s*(.*))?$", st)
        if m:
            cur = m.group(1)
            vals.append(cur)
            descs[cur] = m.group(2) or ""
        elif cur is not None and not st.startswith("["):
            descs[cur] += " " + st
    return vals, descs


def sections(text):
    """Splits a help text into its sections: header -> lines."""
    out, cur = {}, "preamble"
    for line in text.splitlines():
        if re.match(r"^[A-Z][\w ]*:\s*$", line):
            cur = line.strip().rstrip(":")
            out[cur] = []
        elif re.match(r"^Usage: ", line):
            out["Usage"] = [line]
            cur = "after-usage"
        else:
            out.setdefault(cur, []).append(line)
    return out


def examples(secs):
    """The command lines of a help text's Example(s) section that only read:
    no pipes, redirections or files written."""
    out = []
    for line in secs.get("Examples", []) + secs.get("Example", []):
        try:
            words = shlex.split(line)
        except ValueError:
            continue
        if len(words) < 2 or words[0] != PROG:
            continue
        if any(w in ("|", "&&", ";", ">", "<") or w.startswith(("<(", ">", "-o")) or
               w == "--output" for w in words):
            continue
        out.append(words[1:])
    return out


class Cli:
    """What `OLD --help` and `OLD CMD --help` say."""

    def __init__(self, help_text, sub_help):
        secs = sections(help_text)
        self.commands = []
        for line in secs.get("Commands", []):
            m = re.match(r"^ {2}([\w-]+)(\s|$)", line)
            if m and m.group(1) != "help":
                self.commands.append(m.group(1))
        self.has_help_cmd = any(re.match(r"^ {2}help\b", l) for l in secs.get("Commands", []))
        glob = parse_entries(secs.get("Global options", []) + secs.get("Options", []))
        fmt = glob.get("--format", {"values": [], "descs": {}})
        self.formats = fmt["values"] or DEFAULT_QUERY_FORMATS
        self.query_formats = [
            v for v in self.formats
            if not re.search(r"`?export(\s+--output)?`?\s+only", fmt["descs"].get(v, ""))
        ] or DEFAULT_QUERY_FORMATS
        self.colors = glob.get("--color", {"values": []})["values"]
        self.global_flags = set(glob)
        self.opts = {}
        self.examples = examples(secs)
        for cmd, text in sub_help.items():
            s = sections(text)
            self.opts[cmd] = parse_entries(s.get("Arguments", []) + s.get("Options", []))
            self.examples += examples(s)

    def has(self, cmd, flag):
        return cmd in self.opts and flag in self.opts[cmd]

    def values(self, cmd, flag):
        return self.opts.get(cmd, {}).get(flag, {}).get("values", [])


# --------------------------------------------------------------------------
# Dates


def parse_date(s):
    """(precision, first day, last day) of YYYY, YYYY-MM or YYYY-MM-DD."""
    if not isinstance(s, str):
        return None
    try:
        if re.fullmatch(r"\d{4}", s):
            y = int(s)
            return "year", datetime.date(y, 1, 1), datetime.date(y, 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", s):
            y, m = map(int, s.split("-"))
            first = datetime.date(y, m, 1)
            nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
            return "month", first, nxt - datetime.timedelta(days=1)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            d = datetime.date.fromisoformat(s)
            return "day", d, d
    except ValueError:
        return None
    return None


def around(s):
    """The query dates at a bound: the day and the days either side; for a
    month or year, the span itself and the days at and beside its ends."""
    p = parse_date(s)
    if not p:
        return []
    prec, first, last = p
    one = datetime.timedelta(days=1)
    days = [first - one, first, last, last + one]
    out = [] if prec == "day" else [s]
    out += [d.isoformat() for d in days]
    return out


def years_of(strings):
    ys = sorted({p[1].year for p in map(parse_date, strings) if p})
    return ys


def spread(lo, hi):
    """A year, a mid-year day and a month for every year lo..hi."""
    out = []
    for y in range(lo, hi + 1):
        out += [str(y), f"{y}-06-15", f"{y}-{(y % 12) + 1:02d}"]
    return out


def uniq(seq):
    seen, out = set(), []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


# --------------------------------------------------------------------------
# Generation


class Gen:
    def __init__(self, cli, ds, data_dir, export_json, scratch, tests_dir):
        self.cli, self.ds = cli, ds
        self.data_dir, self.export_json = data_dir, export_json
        self.scratch, self.tests_dir = scratch, tests_dir
        self.rng = random.Random(SEED)
        self.invs = []
        self.qf = cli.query_formats
        self.missing = []

    # helpers -------------------------------------------------------------

    def add(self, group, *argv, env=(), pty=0, output=""):
        self.invs.append(Inv(group, tuple(argv), tuple(env), pty, output))

    def q(self, cmd, *args, formats=None):
        """cmd with args, in every query format."""
        for f in formats or self.qf:
            self.add(cmd, cmd, *args, *fmt_args(f))

    def ok(self, cmd, *flags):
        if cmd not in self.cli.commands:
            return False
        return all(self.cli.has(cmd, f) for f in flags)

    def sample(self, seq, k):
        seq = list(seq)
        if len(seq) <= k:
            return seq
        idx = sorted(self.rng.sample(range(len(seq)), k))
        return [seq[i] for i in idx]

    def records(self, kind):
        v = self.ds.get(kind, [])
        return v if isinstance(v, list) else []

    def names(self, rec):
        out = []
        for k in ("name", "title"):
            if isinstance(rec.get(k), str):
                out.append(rec[k])
        for a in rec.get("aliases") or []:
            if isinstance(a, dict) and isinstance(a.get("name"), str):
                out.append(a["name"])
            elif isinstance(a, str):
                out.append(a)
        return out

    def org_refs(self):
        refs = []
        for o in self.records("organization"):
            refs.append(o["id"])
            refs += self.names(o)
        refs += [r.upper() for r in refs[:3]] + ["nato", "НАТО", "unknown-org"]
        return uniq(refs)

    def org_of(self, ref):
        """The id of the organisation ref names exactly (id, name or alias)."""
        for o in self.records("organization"):
            if ref == o["id"] or ref in self.names(o) or ref == o["id"].upper():
                return o["id"]
        return None

    def all_dates(self):
        keys = {"start", "end", "date", "start_date", "end_date", "effective",
                "valid_from", "valid_to", "in_force", "published", "since", "adopted"}
        out = []

        def walk(x):
            if isinstance(x, dict):
                for k, v in x.items():
                    if k in keys and isinstance(v, str):
                        out.append(v)
                    else:
                        walk(v)
            elif isinstance(x, list):
                for v in x:
                    walk(v)

        for k, v in self.ds.items():
            if isinstance(v, list):
                walk(v)
        return out

    # the generators ------------------------------------------------------

    def generic(self):
        """From the help texts alone: every command's help, its plain form,
        each flag alone, each possible value, an unknown flag."""
        self.add("global")
        for a in (["--version"], ["-V"], ["--help"], ["-h"], ["frobnicate"],
                  ["--no-such-flag"], ["--format"], ["--format", "xml", "summits"],
                  ["--color", "bogus", "summits"], ["--data"], ["--", "summits"]):
            self.add("global", *a)
        if self.cli.has_help_cmd:
            self.add("global", "help")
            self.add("global", "help", "frobnicate")
        for f in self.cli.formats:
            if f not in self.qf:  # export-only formats elsewhere
                for c in self.cli.commands[:3]:
                    self.add("global", "--format", f, c)
        for cmd in self.cli.commands:
            self.add(cmd, cmd, "--help")
            self.add(cmd, cmd, "-h")
            if self.cli.has_help_cmd:
                self.add(cmd, "help", cmd)
            self.add(cmd, cmd, "--no-such-flag")
            self.q(cmd)
            self.add(cmd, cmd, "--format", "table")
            self.add(cmd, "--format", "json", cmd)
            for flag, e in self.cli.opts.get(cmd, {}).items():
                if flag in ("--help", "-h") or e.get("arg"):
                    continue
                if e["value"] is None:
                    self.q(cmd, flag)
                else:
                    self.add(cmd, cmd, flag)  # the value missing
                    for v in e["values"]:
                        self.q(cmd, flag, v)
                    if e["values"]:
                        self.add(cmd, cmd, flag, "no-such-value")
            for name, e in self.cli.opts.get(cmd, {}).items():
                if e.get("arg") and e["values"]:
                    for v in e["values"]:
                        self.q(cmd, v)
                    self.add(cmd, cmd, "no-such-value")
        for c in self.cli.colors:
            for cmd in ("summits", "chair", "docs"):
                if cmd in self.cli.commands:
                    self.add("global", "--color", c, cmd)

    def examples(self):
        """The examples the help texts give, in every query format."""
        repo = os.path.dirname(self.data_dir)
        for words in self.cli.examples:
            cmd = next((w for w in words if w in self.cli.commands), "global")
            # A path relative to the repository (`check data`) made absolute,
            # since the runs are in a scratch directory.
            words = [os.path.join(repo, w) if w != "." and not w.startswith("-") and
                     os.path.exists(os.path.join(repo, w)) else w for w in words]
            for f in ["table"] if "--format" in words else self.qf:
                self.add(cmd, *words, *fmt_args(f))

    def show(self):
        if not self.ok("show"):
            return self.missing.append("show")
        for kind, recs in self.ds.items():
            if not isinstance(recs, list):
                continue
            for r in recs:
                if isinstance(r, dict) and isinstance(r.get("id"), str):
                    self.q("show", r["id"])
        names = []
        for kind in ("person", "organization", "post", "body", "state", "operation"):
            for r in self.records(kind):
                names += self.names(r)
        names += [n.split()[-1] for r in self.records("person") for n in self.names(r)[:1]]
        meetings = self.records("meeting")
        names += [m["name"] for m in self.sample(meetings, 30)]
        names += uniq(f"{m.get('place')} {m['date'][:4]}" for m in meetings
                      if m.get("place") and isinstance(m.get("date"), str))
        names += [d["title"] for d in self.sample(self.records("document"), 30)]
        names += [n for d in self.records("document") for n in self.names(d)[1:2]][:40]
        names += [i.upper() for i in ("taalatbek-masadykov", "csto", "secretary-general")]
        names += ["no-such-record", "", " ", "csc-2025", "Moscow", "-x", "bishkek 2025"]
        for n in uniq(names):
            self.q("show", n)
        self.add("show", "show", "csto", "sco")
        self.add("show", "show", "--", "--help")

    def holder(self):
        if not self.ok("holder"):
            return self.missing.append("holder")
        terms = self.records("term")
        posts = self.records("post")
        allb = [t.get(k) for t in terms for k in ("start", "end")]
        ys = years_of(allb) or [2000, 2030]
        base = spread(ys[0] - 2, ys[-1] + 2) + ["today"]
        explain = [[]] + ([["--explain"]] if self.cli.has("holder", "--explain") else [])
        for p in posts:
            bounds = [t.get(k) for t in terms if t.get("post") == p["id"] for k in ("start", "end")]
            dates = uniq([d for b in bounds for d in around(b)] + base)
            for ex in explain:
                self.q("holder", p["id"], *ex)
                for d in dates:
                    self.q("holder", p["id"], "--on", d, *ex)
        few = ["2019-06-01", "2017-05-01", "2010", "2025-11", "2026-01-01", "today"]
        refs = uniq(n for p in posts for n in self.names(p)) + ["sg", "SG", "no-such-post"]
        for r in refs:
            for d in few:
                self.q("holder", r, "--on", d)
            self.q("holder", r, "--on", "2019-06-01", "--explain")
        if self.cli.has("holder", "--org"):
            # Each post with each name of its own organisation; with another
            # organisation or an unknown one, once.
            for p in posts + [{"id": "Secretary General", "organization": None}]:
                for o in self.org_refs():
                    own = self.org_of(o)
                    if own and p.get("organization") in (own, None):
                        for d in few[:3]:
                            self.q("holder", p["id"], "--org", o, "--on", d)
                        self.q("holder", p["id"], "--org", o, "--on", "2019-06-01", "--explain")
                    elif o == own or o == "nato":
                        self.q("holder", p["id"], "--org", o, "--on", "2019-06-01")

    def dated_by_org(self, cmd, recs, flags, per_org_bounds):
        """cmd for each organisation (and none) over the days around its
        records' bounds and a spread of years, with each flag set."""
        orgs = [o["id"] for o in self.records("organization")]
        ys = years_of(b for r in recs for b in per_org_bounds(r)) or [2000, 2030]
        base = spread(ys[0] - 2, ys[-1] + 2) + ["today"]
        for org in [None] + orgs:
            mine = [r for r in recs if org is None or r.get("organization") == org]
            bounds = [d for r in mine for b in per_org_bounds(r) for d in around(b)]
            if org is None:
                bounds = self.sample(uniq(bounds), 40)
            dates = uniq(bounds + base)
            oa = ["--org", org] if org else []
            for fl in flags:
                self.q(cmd, *oa, *fl)
                for d in dates:
                    self.q(cmd, *oa, "--on", d, *fl)
        for o in self.org_refs():
            for d in ("2019-06-01", "2009", "2024-02"):
                self.q(cmd, "--org", o, "--on", d)

    def chair(self):
        if not self.ok("chair"):
            return self.missing.append("chair")
        flags = [[]] + ([["--explain"]] if self.cli.has("chair", "--explain") else [])
        self.dated_by_org("chair", self.records("chairmanship"), flags,
                          lambda r: [r.get("start"), r.get("end")])

    def members(self):
        if not self.ok("members"):
            return self.missing.append("members")
        flags = [[]] + ([["--all"]] if self.cli.has("members", "--all") else [])
        self.dated_by_org("members", self.records("membership"), flags,
                          lambda r: [c.get("date") for c in r.get("changes") or []])

    def terms(self):
        if not self.ok("terms"):
            return self.missing.append("terms")
        posts = self.records("post")
        refs = [None] + uniq([p["id"] for p in posts] + [n for p in posts for n in self.names(p)]
                             + ["SG", "no-such-post", ""])
        srcs = [[]] + ([["--sources"]] if self.cli.has("terms", "--sources") else [])
        for r in refs:
            for s in srcs:
                self.q("terms", *([r] if r is not None else []), *s)
        if self.cli.has("terms", "--org"):
            for o in self.org_refs():
                self.q("terms", "--org", o)
            for o in [o["id"] for o in self.records("organization")] + ["nato"]:
                for p in posts:
                    self.q("terms", p["id"], "--org", o)

    def ranges(self):
        """--from/--to pairs over the data's years, months and days."""
        ys = years_of(self.all_dates())
        lo, hi = (ys[0], ys[-1]) if ys else (2000, 2026)
        rs = [("--from", str(y)) for y in range(lo, hi + 1, 3)]
        rs += [("--to", str(y)) for y in range(lo + 1, hi + 1, 4)]
        rs += [("--from", str(y), "--to", str(y)) for y in range(lo, hi + 1, 2)]
        rs += [("--from", f"{y}-06", "--to", f"{y + 1}-05") for y in range(lo, hi, 5)]
        rs += [("--from", "2025-11-27", "--to", "2025-11-27"),
               ("--from", "2003-06-01"), ("--to", "2003-06-01"),
               ("--from", "2020", "--to", "2010"), ("--from", "today"),
               ("--to", "today"), ("--from", "2025-02-30"), ("--to", "20250")]
        return rs

    def listing(self, cmd, meetings=False, kinds=(), topics=False, in_force=False):
        if not self.ok(cmd):
            return self.missing.append(cmd)
        srcs = [[]] + ([["--sources"]] if self.cli.has(cmd, "--sources") else [])
        if self.cli.has(cmd, "--org"):
            for o in self.org_refs():
                for s in srcs:
                    self.q(cmd, "--org", o, *s)
        if self.cli.has(cmd, "--from"):
            for r in self.ranges():
                self.q(cmd, *r)
            for o in [o["id"] for o in self.records("organization")]:
                self.q(cmd, "--org", o, "--from", "2010", "--to", "2019")
        if meetings and self.cli.has(cmd, "--summit"):
            ms = self.records("meeting")
            for m in ms:
                self.q(cmd, "--summit", m["id"])
            refs = [m["name"] for m in ms]
            refs += uniq(f"{m.get('place')} {m['date'][:4]}" for m in ms
                         if m.get("place") and isinstance(m.get("date"), str))
            refs += ["Bishkek 2025", "bishkek 2025", "БИШКЕК 2025", "Moscow", "Moscow 2009",
                     "no-such-meeting", "", "2025"]
            for r in uniq(refs):
                self.q(cmd, "--summit", r, formats=self.qf if r in refs[-8:] else ["table", "json"])
            for m in self.sample(ms, 10):
                self.q(cmd, "--summit", m["id"], "--sources")
        for k in kinds:
            for s in srcs:
                self.q(cmd, "--kind", k, *s)
        if topics and self.cli.has(cmd, "--topic"):
            docs = self.records("document")
            tops = uniq(t for d in docs for t in d.get("topics") or [] if isinstance(t, str))
            for t in tops:
                self.q(cmd, "--topic", t)
            parts = uniq(w for t in tops for w in re.split(r"[\s-]+", t) if len(w) > 3)
            for w in self.sample(parts, 20):
                self.q(cmd, "--topic", w[:-1])  # a part of a word
            for t in ["TERRORISM", "Terrorísm", "drugs", "no-such-topic", ""]:
                self.q(cmd, "--topic", t)
            self.q(cmd, "--topic", "terrorism", "--topic", "drugs")
            self.q(cmd, "--topic", "terrorism", "--topic", "extremism", "--org", "sco")
        if in_force and self.cli.has(cmd, "--in-force-on"):
            docs = self.records("document")
            bounds = [d.get(k) for d in docs for k in ("valid_from", "valid_to", "in_force")]
            dates = uniq(x for b in bounds for x in around(b) if parse_date(x)[0] == "day")
            dates += ["today", "2025", "2025-02-30", "2025-11"]
            for d in uniq(dates):
                self.q(cmd, "--in-force-on", d)
            for k in ("strategy", "plan", "programme"):
                self.q(cmd, "--kind", k, "--in-force-on", "2027-01-01")

    def summits(self):
        self.listing("summits")

    def docs(self):
        self.listing("docs", meetings=True, kinds=self.cli.values("docs", "--kind"),
                     topics=True, in_force=True)
        if self.ok("docs", "--summit", "--kind"):
            self.q("docs", "--summit", "csc-2025-bishkek", "--kind", "strategy")

    def decisions(self):
        self.listing("decisions", meetings=True, kinds=self.cli.values("decisions", "--kind"))

    def sources(self):
        if not self.ok("sources"):
            return self.missing.append("sources")
        # --kind values are in generic(); nothing more to cross

    def search(self):
        if not self.ok("search"):
            return self.missing.append("search")
        qs = []
        for kind in ("person", "organization", "post", "body", "state", "operation"):
            for r in self.records(kind):
                qs += self.names(r)
        persons = self.records("person")
        surnames = uniq(p["name"].split()[-1] for p in persons if p.get("name"))
        qs += surnames
        docs = self.records("document")
        qs += [d["title"] for d in self.sample(docs, 25)]
        aliases = [n for d in docs for n in self.names(d)[1:]]
        qs += self.sample(aliases, 40)
        cjk = [n for d in docs for n in self.names(d) if re.search("[\u4e00-\u9fff]", n)]
        qs += [n[:4] for n in self.sample(cjk, 15)] + [n[-6:] for n in self.sample(cjk, 10)]
        words = uniq(w for d in docs for w in re.findall(r"\w{4,}", d.get("title", "")))
        qs += self.sample(words, 60)
        for d in self.sample(docs, 25):
            ws = re.findall(r"\w{3,}", d.get("title", ""))
            if len(ws) >= 2:
                qs.append(" ".join(self.sample(ws, 2)[::-1]))  # out of order
        qs += [t for d in docs for t in d.get("topics") or []][:30]
        for w in self.sample(surnames + words, 50):  # misspellings
            if len(w) >= 5:
                i = len(w) // 2
                qs += [w[:i] + w[i + 1:], w[:i] + w[i + 1] + w[i] + w[i + 2:], w[:-2]]
        for s in self.sample(surnames, 20):  # transliteration variants
            qs.append(s.replace("y", "i").replace("kh", "h").replace("Kh", "H"))
        qs += ["russia slogan", "operation channel", "anti drug strategy", "antidrug",
               "anti-drug", "Масадыков", "Канал", "ОДКБ", "шос", "上海合作组织", "张德广",
               "Bordiuzha", "a", "2025", "-", "", "   ", "x" * 300, "csc-2025-bishkek",
               "SECRETARY GENERAL", "Díaz", "Diaz", "nazarbáyev", "zzzzqqq"]
        qs = uniq(qs)
        for s in qs:
            self.q("search", s)
        opts, bad = [], []
        if self.cli.has("search", "--limit"):
            opts += [["--limit", n] for n in ("0", "1", "5", "1000")]
            bad += [["--limit", "-1"], ["--limit", "x"]]
        if self.cli.has("search", "--org"):
            opts += [["--org", o] for o in self.org_refs()[:6]]
            bad += [["--org", "nato"]]
        if self.cli.has("search", "--sources"):
            opts += [["--sources"], ["--sources", "--limit", "3"]]
        for n, s in enumerate(self.sample(qs, 25)):
            for o in opts + (bad if n < 3 else []):
                self.q("search", s, *o)
        self.q("search", "anti", "drug", "strategy")
        self.q("search", "operation", "channel", "--limit", "2")

    def timeline(self):
        if not self.ok("timeline"):
            return self.missing.append("timeline")
        orgs = [None] + [o["id"] for o in self.records("organization")]
        ys = years_of(self.all_dates())
        lo, hi = (ys[0], ys[-1]) if ys else (2000, 2026)
        rs = [()] + [("--from", str(y), "--to", str(y)) for y in range(lo, hi + 2)]
        rs += [("--from", str(y), "--to", str(y + 9)) for y in range(lo - lo % 10, hi, 10)]
        rs += [("--from", str(y)) for y in range(lo, hi + 1, 4)]
        rs += [("--to", str(y)) for y in range(lo, hi + 1, 5)]
        ms = self.records("meeting")
        for m in self.sample(ms, 15):
            for d in around(m.get("date"))[:1]:
                rs.append(("--from", d, "--to", m["date"]))
        rs += [("--from", "2025-11-01", "--to", "2026-01-31"), ("--from", "2003-06-01"),
               ("--from", "2030", "--to", "2020"), ("--from", "2025-02-30"), ("--from", "today")]
        for org in orgs:
            oa = ["--org", org] if org else []
            for r in rs if org is None else rs[:: 4]:
                self.q("timeline", *oa, *r)
        if self.cli.has("timeline", "--chart"):
            widths = [[]] + [["--width", w] for w in ("40", "60", "80", "100", "120", "200", "39")]
            ascii_ = [[]] + ([["--ascii"]] if self.cli.has("timeline", "--ascii") else [])
            for org in orgs:
                oa = ["--org", org] if org else []
                for w in widths:
                    for a in ascii_:
                        self.q("timeline", "--chart", *oa, *w, *a,
                               formats=self.qf if not w or w[1] == "80" else ["table"])
                for r in (("--from", "2015", "--to", "2020"), ("--from", "2025"), ("--to", "2005")):
                    self.q("timeline", "--chart", *oa, *r, formats=["table", "json"])

    def check(self):
        if not self.ok("check"):
            return self.missing.append("check")
        self.q("check", self.data_dir)
        self.q("check", self.export_json)
        self.q("check", os.path.join(self.scratch, "empty-dir"))
        self.q("check", os.path.join(self.scratch, "empty.toml"))
        self.q("check", os.path.join(self.scratch, "no-such-path"))
        for f in self.qf:
            self.add("check", "--data", self.data_dir, "check", *fmt_args(f))
        t = self.tests_dir
        if not t:
            return
        fx = os.path.join(t, "fixtures")
        paths = []
        for base in (fx, os.path.join(t, "bad-input")):
            if os.path.isdir(base):
                for name in sorted(os.listdir(base)):
                    paths.append(os.path.join(base, name))
        for p in paths:
            self.q("check", p)
        for i, p in enumerate(self.files_under(os.path.join(t, "corpus"))):
            self.q("check", p, formats=["table", "json"] if i % 4 == 0 else ["table"])
        for i, p in enumerate(self.files_under(os.path.join(t, "fuzz-regressions", "load"))):
            self.q("check", p, formats=["table", "json"])

    def files_under(self, d):
        out = []
        for root, dirs, files in os.walk(d):
            dirs.sort()
            out += [os.path.join(root, f) for f in sorted(files)]
        return out

    def parse_inputs(self):
        """The fuzz regression texts for the parsers, as arguments."""
        if not self.tests_dir:
            return
        for p in self.files_under(os.path.join(self.tests_dir, "fuzz-regressions", "parse")):
            with open(p, "rb") as f:
                raw = f.read()
            if b"\0" in raw or len(raw) > 2000:
                continue
            text = os.fsdecode(raw)
            if self.ok("holder", "--on"):
                self.add("holder", "holder", "secretary-general", "--on", text)
            if self.ok("docs", "--in-force-on"):
                self.add("docs", "docs", "--in-force-on", text)
            if self.ok("show"):
                self.add("show", "show", text)
            if self.ok("search"):
                self.add("search", "search", text)
            if self.ok("timeline", "--from"):
                self.add("timeline", "timeline", "--from", text)

    def errors(self):
        """Error cases, byte for byte."""
        cases = [
            ("holder", "holder", "secretary-general", "--on", "2025-02-30"),
            ("holder", "holder", "secretary-general", "--on", "2025-13-01"),
            ("holder", "holder", "secretary-general", "--on", "2024-02-29"),
            ("holder", "holder", "secretary-general", "--on", "2023-02-29"),
            ("holder", "holder", "secretary-general", "--on", "0000-01-01"),
            ("holder", "holder", "secretary-general", "--on", "9999-12-31"),
            ("holder", "holder", "secretary-general", "--on", "10000"),
            ("holder", "holder", "secretary-general", "--on", ""),
            ("holder", "holder", "secretary-general", "--on", "yesterday"),
            ("holder", "holder", "secretary-general", "--on", "2025-2-3"),
            ("holder", "holder", "secretary-general", "--on", " 2025"),
            ("holder", "holder", "secretary-general", "--on", "2019-06-01", "--on", "2020-01-01"),
            ("holder", "holder"),
            ("holder", "holder", ""),
            ("holder", "holder", "a", "b"),
            ("show", "show"),
            ("show", "show", "no-such-id"),
            ("show", "show", "a", "b"),
            ("search", "search"),
            ("chair", "chair", "--on", "2025-02-30"),
            ("chair", "chair", "--org", "no-such-org"),
            ("members", "members", "--on", "2025-00"),
            ("members", "members", "--org", ""),
            ("docs", "docs", "--summit", ""),
            ("docs", "docs", "--kind", ""),
            ("docs", "docs", "--in-force-on", "2025-02-30"),
            ("summits", "summits", "--from"),
            ("timeline", "timeline", "--width", "abc"),
            ("timeline", "timeline", "--width", "40"),
            ("schema", "schema", "no-such-command"),
            ("completions", "completions"),
            ("export", "export", "--output"),
            ("export", "--format", "sqlite", "export"),
            ("export", "--format", "csv", "export"),
        ]
        for group, *argv in cases:
            if group in self.cli.commands:
                self.add(group, *argv)
        for cmd in self.cli.commands:
            for bad in (("--data", os.path.join(self.scratch, "no-such-path")),
                        ("--data", os.path.join(self.scratch, "empty.toml")),
                        ("--data", os.path.join(self.scratch, "empty-dir"))):
                self.add(cmd, *bad, cmd)

    def completion_requests(self):
        """The callbacks the completion scripts make (dynamic candidates)."""
        lines = [["summit-kb", ""], ["summit-kb", "ho"], ["summit-kb", "show", "taal"],
                 ["summit-kb", "show", "csc-2"], ["summit-kb", "docs", "--su"],
                 ["summit-kb", "docs", "--summit", "csc-2"], ["summit-kb", "holder", "s"],
                 ["summit-kb", "terms", ""], ["summit-kb", "chair", "--org", ""],
                 ["summit-kb", "--format", ""], ["summit-kb", "docs", "--kind", "s"],
                 ["summit-kb", "show", ""]]
        for shell in ("bash", "zsh", "fish"):
            for words in lines:
                env = [("SUMMIT_KB_COMPLETE", shell),
                       ("_CLAP_COMPLETE_INDEX", str(len(words) - 1)),
                       ("_CLAP_COMPLETE_COMP_TYPE", "9"), ("_CLAP_COMPLETE_SPACE", "false"),
                       ("_CLAP_IFS", "\n")]
                self.add("completions", "--", *words, env=env)
        self.add("completions", "--", "summit-kb", "show", "", env=[("SUMMIT_KB_COMPLETE", "nosh")])
        self.add("completions", "show", "csto", env=[("SUMMIT_KB_COMPLETE", "bash")])

    def exports(self):
        if not self.ok("export"):
            return self.missing.append("export")
        out = self.cli.has("export", "--output")
        for data in ([], ["--data", self.data_dir], ["--data", self.export_json]):
            for f in self.cli.formats:
                self.add("export", *data, "--format", f, "export")
                if out:
                    name = f"out.{f}"
                    self.add("export", *data, "--format", f, "export", "--output", name,
                             output=name)
            self.add("export", *data, "export")
            if out:
                self.add("export", *data, "export", "-o", "kb.json", output="kb.json")
                self.add("export", *data, "export", "--output", "-")
        if out:
            self.add("export", "export", "--output", "no-such-dir/out.json",
                     output="no-such-dir/out.json")
            self.add("export", "--format", "sqlite", "export", "--output", "-")

    def variants(self):
        """Samples of the embedded-dataset invocations run another way."""
        plain = [i for i in self.invs if not i.env and not i.pty and not i.output
                 and "--data" not in i.argv and i.group in self.cli.commands]
        by = {}
        for i in plain:
            by.setdefault(i.group, []).append(i)

        def stratified(total, minimum, pred=lambda i: True):
            picked = []
            pool = {g: [i for i in v if pred(i)] for g, v in by.items()}
            n = sum(len(v) for v in pool.values()) or 1
            for g, v in pool.items():
                k = min(len(v), max(minimum, round(total * len(v) / n)))
                picked += self.sample(v, k)
            return picked

        for i in stratified(700, 12):
            self.add(i.group, "--data", self.data_dir, *i.argv)
        for i in stratified(90, 3):
            self.add(i.group, "--data", self.export_json, *i.argv)
        table = lambda i: "--format" not in i.argv and "--help" not in i.argv
        for i in stratified(100, 3, table):
            for cols in (80, 120):
                self.add(i.group, *i.argv, pty=cols)
        for i in stratified(12, 1, lambda i: "csv" in i.argv or "markdown" in i.argv):
            self.add(i.group, *i.argv, pty=80)
        if self.ok("timeline", "--chart"):
            for cols in (80, 120, 200):
                self.add("timeline", "timeline", "--chart", pty=cols)
                self.add("timeline", "timeline", "--chart", "--ascii", pty=cols)
                self.add("timeline", "timeline", "--chart", "--width", "100", pty=cols)
        for i in stratified(60, 2, table):
            self.add(i.group, "--color", "always", *i.argv)
        for i in stratified(12, 1, table):
            self.add(i.group, "--color", "always", *i.argv, pty=80)

    def all(self):
        self.generic()
        for g in (self.examples, self.show, self.holder, self.terms, self.chair, self.members, self.summits,
                  self.docs, self.decisions, self.sources, self.search, self.timeline,
                  self.check, self.parse_inputs, self.errors, self.completion_requests):
            g()
        self.variants()
        self.exports()
        seen, out = set(), []
        for i in self.invs:
            key = (i.argv, i.env, i.pty, i.output)
            if key not in seen:
                seen.add(key)
                out.append(i)
        return out


# --------------------------------------------------------------------------


def discover(old, scratch, data_dir):
    env = base_env(os.path.join(scratch, "home"))
    os.makedirs(env["HOME"], exist_ok=True)

    def run(*args):
        p = subprocess.run([PROG, *args], executable=old, env=env, cwd=scratch,
                           capture_output=True, timeout=60)
        return p

    top = run("--help")
    if top.returncode != 0:
        sys.exit(f"error: {old} --help failed (exit {top.returncode}): {top.stderr.decode()}")
    text = top.stdout.decode("utf-8", "replace")
    commands = Cli(text, {}).commands
    sub = {c: run(c, "--help").stdout.decode("utf-8", "replace") for c in commands}
    cli = Cli(text, sub)
    export_json = os.path.join(scratch, "dataset.json")
    p = run("export", "--format", "json", "--output", export_json)
    if p.returncode != 0 or not os.path.isfile(export_json):
        sys.exit(f"error: {old} export --format json failed: {p.stderr.decode()}")
    with open(export_json, encoding="utf-8") as f:
        ds = json.load(f)
    os.makedirs(os.path.join(scratch, "empty-dir"), exist_ok=True)
    open(os.path.join(scratch, "empty.toml"), "w").close()
    tests = os.path.normpath(os.path.join(data_dir, os.pardir, "tests"))
    tests = tests if os.path.isdir(tests) else None
    return cli, ds, export_json, tests


def main():
    ap = argparse.ArgumentParser(
        description="Run the same invocations through two builds of summit-kb and compare "
        "stdout, stderr and exit codes byte for byte.",
        epilog="See the docstring at the top of this file for details.",
    )
    ap.add_argument("old", help="the reference binary")
    ap.add_argument("new", help="the binary under test")
    ap.add_argument("data", nargs="?", default="data",
                    help="the dataset directory for the --data runs (default: data)")
    ap.add_argument("--declared", metavar="FILE",
                    help="declared differences: SUBSTRING<TAB>REASON a line")
    ap.add_argument("--jobs", type=int, default=2, metavar="N",
                    help="invocations run at once (default 2)")
    ap.add_argument("--list", action="store_true", help="print the invocations, run nothing")
    ap.add_argument("--only", action="append", metavar="SUBSTRING",
                    help="keep the invocations whose command line contains it (repeatable)")
    ap.add_argument("--show", type=int, default=20, metavar="N",
                    help="differences shown in full (default 20)")
    args = ap.parse_args()

    old, new = os.path.abspath(args.old), os.path.abspath(args.new)
    for b in (old, new):
        if not (os.path.isfile(b) and os.access(b, os.X_OK)):
            ap.error(f"{b} is not an executable file")
    data_dir = os.path.abspath(args.data)
    if not os.path.isdir(data_dir) and not os.path.isfile(data_dir):
        ap.error(f"dataset {args.data} not found (give the data directory as the third argument)")
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")
    decls = read_declared(args.declared) if args.declared else []

    def terminated(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminated)
    scratch = tempfile.mkdtemp(prefix="summit-kb-differential-")
    try:
        t0 = time.monotonic()
        shown = args.data.rstrip(os.sep) or data_dir
        DISPLAY[:] = [(scratch, "$SCRATCH"), (data_dir, shown)]
        cli, ds, export_json, tests = discover(old, scratch, data_dir)
        if tests:
            DISPLAY.append((tests, os.path.join(shown, os.pardir, "tests")))
        gen = Gen(cli, ds, data_dir, export_json, scratch, tests)
        invs = gen.all()
        for m in gen.missing:
            print(f"warning: {old} has no `{m}` command; its cases are skipped", file=sys.stderr)
        if args.only:
            invs = [i for i in invs if any(s in i.label() for s in args.only)]
        if args.list:
            for i in invs:
                print(i.label() + (f"  [file {i.output} compared]" if i.output else ""))
            print(f"{len(invs)} invocations", file=sys.stderr)
            return 0
        return run_all(args, old, new, scratch, invs, decls, t0)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_all(args, old, new, scratch, invs, decls, t0):
    runner = Runner(old, new, scratch)
    progress = sys.stderr.isatty()
    differing = []  # (index, inv, old result, new result); the rest is dropped
    exits = {}  # the old binary's exit statuses, to show what was exercised

    def task(inv):
        """The old exit status, and both results only when they differ (the
        outputs of tens of thousands of runs are not kept)."""
        try:
            o, nw = runner.compare(inv)
        except Exception as e:  # a failure of the harness is a difference too
            o = {"exit": "not run", "harness error": f"{e!r}\n".encode()}
            nw = {"exit": "not run", "harness error": b""}
        return o["exit"], ((o, nw) if differs(o, nw) else None)

    ex = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
    try:
        futs = {ex.submit(task, inv): n for n, inv in enumerate(invs)}
        for done, fut in enumerate(concurrent.futures.as_completed(futs), 1):
            n = futs.pop(fut)
            code, diff = fut.result()
            exits[code] = exits.get(code, 0) + 1
            if diff:
                differing.append((n, invs[n], *diff))
            if progress and done % 500 == 0:
                print(f"\r{done}/{len(invs)}", end="", file=sys.stderr, flush=True)
    finally:
        # On an interruption, only the runs under way are waited for.
        ex.shutdown(wait=True, cancel_futures=True)
    if progress:
        print("\r" + " " * 20 + "\r", end="", file=sys.stderr)
    elapsed = time.monotonic() - t0

    undeclared, declared = [], []
    for _, inv, o, nw in sorted(differing, key=lambda x: x[0]):
        label = inv.label()
        d = next((d for d in decls if d[0] in label), None)
        if d:
            d[2] += 1
            declared.append((inv, o, nw, d[1]))
        else:
            undeclared.append((inv, o, nw))

    counts = {}
    for i in invs:
        counts[i.group] = counts.get(i.group, 0) + 1
    ndiff = len(undeclared) + len(declared)
    print(f"summit-kb differential test\n  old: {old}\n  new: {new}")
    print(f"{len(invs)} invocations: {len(invs) - ndiff} identical, {ndiff} differ"
          f" ({len(undeclared)} undeclared, {len(declared)} declared)")
    print("old exit statuses: " + ", ".join(f"{c}: {k}" for c, k in sorted(exits.items())))
    print("by command: " + ", ".join(f"{g} {c}" for g, c in
                                      sorted(counts.items(), key=lambda x: -x[1])))
    print(f"settings: embedded dataset, --data {args.data}, --data an exported JSON file, "
          f"pseudo-terminals (80/120 columns), --color always; env TZ=UTC NO_COLOR=1 "
          f"LC_ALL=C.UTF-8; timeout {TIMEOUT:g} s; {args.jobs} jobs")
    if any(i.output for i in invs):
        print("note: SQLite exports are compared as the text of Python's sqlite3 iterdump(), "
              "not byte for byte (their page layout may legitimately vary); every other "
              "exported file byte for byte")
    print(f"run time: {elapsed:.1f} s")

    def block(title, items, with_reason):
        print(f"\n{title}")
        for k, item in enumerate(items[: args.show], 1):
            inv, o, nw = item[:3]
            print(describe(k, inv, o, nw, item[3] if with_reason else None), end="")
        if len(items) > args.show:
            print(f"... and {len(items) - args.show} more (--show N shows more; "
                  f"--only SUBSTRING narrows)")

    if undeclared:
        block(f"DIFFERENCES ({len(undeclared)}):", undeclared, False)
    if declared:
        block(f"Declared differences ({len(declared)}, not failures):", declared, True)
    unused = [d for d in decls if d[2] == 0]
    if unused:
        print("\nDeclared but not seen (no differing invocation matched):")
        for sub, reason, _ in unused:
            print(f"  {sub!r}: {reason}")
    return 1 if undeclared else 0


if __name__ == "__main__":
    sys.exit(main())
