#!/usr/bin/python3
"""Differential fixture generator: Twisted 22.4 Deferred as the oracle for Torsion's Deferred.

Regenerate the committed fixture (from the repository root) with:

    /usr/bin/python3 src/test/python/deferred_differential.py --seed 1 --count 2000 \
        > src/test/resources/dev/torsion/internet/defer/differential.txt

The output is deterministic for a given seed and count. It reads only Twisted (the installed
22.4); DeferredDifferentialTest.java replays the same text against dev.torsion Deferred.

Fixture format (one block per scenario, '#' lines are comments):

    scenario <n>
    d <i> <canceller>           one line per Deferred: '-' (none), 'noop', 'cb <v>', 'eb <tag>'
    > <op>                      the program, in order
    < <event>                   the expected trace, in order
    end

Ops (top level):
    callback <i> <v> | errback <i> <tag> | pause <i> | unpause <i> | cancel <i> | chain <i> <j>
    obs <i> | cb|eb|both <i> #<n> <action> [| <nested op>]
Actions (what callback #n does with its input x, after recording '#<n> <x>'):
    add <k>      return num(x) + k, where num is x for an int and 0 otherwise (None, a Failure)
    raise <tag>  raise TagError(tag)
    ret <j>      return Deferred j (never the Deferred the callback is attached to)
    pass         return x unchanged (a Failure stays a Failure)
    reraise      re-raise x's exception if x is a Failure, else return x
    trap <t> <k> x a Failure tagged t: return k; another Failure: re-raise it; a value: return x
A nested op runs inside the callback before the action; it is any top-level op except chain,
and a nested cb/eb/both carries no nested op of its own. 'unpause' only acts when the
Deferred holds a pause of the user's own (paused minus the one held while waiting on another
Deferred); otherwise it records 'skip'. This keeps callbacks from ever receiving a Deferred.
Events:
    #<n> <x>        callback n ran with input x (int, None, F:<tag>)
    k<i>            the canceller of Deferred i ran
    ! <tag>         the op (or nested op) just started raised an exception with that tag
    skip            a guarded unpause did nothing
    obs <i> <state> state: '-' unfired, else c1 p<paused> and the result (value, F:<tag>,
                    W<j> when waiting on Deferred j); '=' instead of 'obs' at the end.
Tags: E1..E3 (TagError), Cancelled, AlreadyCalled.

Excluded on purpose (see docs/decisions.md): a callback returning its own Deferred (Twisted
warns and deadlocks; Torsion fails the chain, decision 5); Failure identity (an errback that
re-raises keeps its Failure in Torsion, decision 3) is not observable in this trace, which
records tags only; unhandled-error reporting depends on gc and is not recorded.
"""

import argparse
import random
import sys

from twisted.internet import defer
from twisted.logger import globalLogBeginner
from twisted.python.failure import Failure

TAGS = ["E1", "E2", "E3"]
TRAP_TAGS = TAGS + ["Cancelled", "AlreadyCalled"]


class TagError(Exception):
    def __init__(self, tag):
        super().__init__(tag)
        self.tag = tag


def tag_of_exc(e):
    if isinstance(e, TagError):
        return e.tag
    if isinstance(e, defer.CancelledError):
        return "Cancelled"
    if isinstance(e, defer.AlreadyCalledError):
        return "AlreadyCalled"
    return type(e).__name__


# ---------------------------------------------------------------------------------------------
# Interpreter: runs a scenario's text against Twisted and returns the trace.


class Runner:
    def __init__(self, dlines):
        self.events = []
        self.ds = []
        for spec in dlines:
            self.ds.append(defer.Deferred(self.make_canceller(len(self.ds), spec)))

    def make_canceller(self, i, spec):
        if spec == ["-"]:
            return None

        def canceller(d):
            self.events.append("k%d" % i)
            if spec[0] == "cb":
                d.callback(int(spec[1]))
            elif spec[0] == "eb":
                d.errback(TagError(spec[1]))

        return canceller

    def fmt(self, x):
        if x is None:
            return "None"
        if isinstance(x, bool):
            raise AssertionError("bool value")
        if isinstance(x, int):
            return str(x)
        if isinstance(x, Failure):
            return "F:" + tag_of_exc(x.value)
        if isinstance(x, defer.Deferred):
            return "D%d" % self.ds.index(x)
        raise AssertionError("unprintable %r" % (x,))

    def state(self, d):
        if not d.called:
            return "-"
        if isinstance(d.result, defer.Deferred):
            res = "W%d" % self.ds.index(d.result)
        else:
            res = self.fmt(d.result)
        return "c1 p%d %s" % (d.paused, res)

    def user_pauses(self, d):
        waiting = 1 if d.called and isinstance(d.result, defer.Deferred) else 0
        return d.paused - waiting

    def make_callback(self, n, action, nested):
        def cb(x):
            self.events.append("#%d %s" % (n, self.fmt(x)))
            if nested is not None:
                self.run_op(nested)
            kind = action[0]
            if kind == "add":
                return (x if isinstance(x, int) else 0) + int(action[1])
            if kind == "raise":
                raise TagError(action[1])
            if kind == "ret":
                return self.ds[int(action[1])]
            if kind == "pass":
                return x
            if kind == "reraise":
                if isinstance(x, Failure):
                    x.raiseException()
                return x
            if kind == "trap":
                if isinstance(x, Failure):
                    if tag_of_exc(x.value) == action[1]:
                        return int(action[2])
                    x.raiseException()
                return x
            raise AssertionError(action)

        return cb

    def run_op(self, tokens):
        try:
            self.op(tokens)
        except Exception as e:
            self.events.append("! " + tag_of_exc(e))

    def op(self, t):
        name = t[0]
        d = self.ds[int(t[1])]
        if name == "callback":
            d.callback(None if t[2] == "None" else int(t[2]))
        elif name == "errback":
            d.errback(TagError(t[2]))
        elif name == "pause":
            d.pause()
        elif name == "unpause":
            if self.user_pauses(d) > 0:
                d.unpause()
            else:
                self.events.append("skip")
        elif name == "cancel":
            d.cancel()
        elif name == "chain":
            d.chainDeferred(self.ds[int(t[2])])
        elif name == "obs":
            self.events.append("obs %s %s" % (t[1], self.state(d)))
        elif name in ("cb", "eb", "both"):
            n = int(t[2][1:])
            rest = t[3:]
            nested = None
            if "|" in rest:
                k = rest.index("|")
                rest, nested = rest[:k], rest[k + 1:]
            fn = self.make_callback(n, rest, nested)
            if name == "cb":
                d.addCallback(fn)
            elif name == "eb":
                d.addErrback(fn)
            else:
                d.addBoth(fn)
        else:
            raise AssertionError(t)

    def finish(self):
        for i, d in enumerate(self.ds):
            self.events.append("= %d %s" % (i, self.state(d)))
        return self.events


# ---------------------------------------------------------------------------------------------
# Generator


class Gen:
    def __init__(self, rnd, nd):
        self.rnd = rnd
        self.nd = nd
        self.next_cb = 1

    def other(self, i):
        return self.rnd.choice([j for j in range(self.nd) if j != i])

    def action(self, kind, owner):
        r = self.rnd
        if kind == "cb":
            choices = ["add", "add", "raise", "ret", "pass"]
        elif kind == "eb":
            choices = ["trap", "trap", "reraise", "raise", "add", "ret", "pass"]
        else:
            choices = ["add", "raise", "ret", "pass", "reraise", "trap"]
        a = r.choice(choices)
        if a == "add":
            return ["add", str(r.randint(1, 9))]
        if a == "raise":
            return ["raise", r.choice(TAGS)]
        if a == "ret":
            return ["ret", str(self.other(owner))]
        if a == "trap":
            return ["trap", r.choice(TRAP_TAGS), str(r.randint(10, 99))]
        return [a]

    def add_op(self, allow_nested):
        r = self.rnd
        i = r.randrange(self.nd)
        kind = r.choice(["cb", "cb", "eb", "both"])
        n = self.next_cb
        self.next_cb += 1
        toks = [kind, str(i), "#%d" % n] + self.action(kind, i)
        if allow_nested and r.random() < 0.3:
            toks += ["|"] + self.simple_op(nested=True)
        return toks

    def simple_op(self, nested=False):
        r = self.rnd
        i = r.randrange(self.nd)
        w = r.random()
        if nested and w < 0.25:
            return self.add_op(allow_nested=False)
        if w < 0.45:
            v = "None" if r.random() < 0.1 else str(r.randint(1, 9))
            return ["callback", str(i), v]
        if w < 0.6:
            return ["errback", str(i), r.choice(TAGS)]
        if w < 0.7:
            return ["pause", str(i)]
        if w < 0.8:
            return ["unpause", str(i)]
        if w < 0.9:
            return ["cancel", str(i)]
        return ["obs", str(i)]

    def scenario(self):
        r = self.rnd
        dlines = []
        for _ in range(self.nd):
            c = r.choice(["-", "-", "noop", "cb", "eb"])
            if c == "cb":
                dlines.append(["cb", str(r.randint(1, 9))])
            elif c == "eb":
                dlines.append(["eb", r.choice(TAGS)])
            else:
                dlines.append([c])
        ops = []
        for _ in range(r.randint(3, 12)):
            w = r.random()
            if w < 0.5:
                ops.append(self.add_op(allow_nested=True))
            elif w < 0.58:
                i = r.randrange(self.nd)
                ops.append(["chain", str(i), str(self.other(i))])
            else:
                ops.append(self.simple_op())
        # Fire most Deferreds at the end so that the chains built above run.
        for i in range(self.nd):
            if r.random() < 0.7:
                ops.append(["callback", str(i), str(r.randint(1, 9))] if r.random() < 0.75
                           else ["errback", str(i), r.choice(TAGS)])
            if r.random() < 0.2:
                ops.append(["unpause", str(i)])
        return dlines, ops


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=2000)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    # Unhandled errors are reported at gc time; they are not part of the trace, so drop them.
    globalLogBeginner.beginLoggingTo([lambda event: None], redirectStandardIO=False)
    out = sys.stdout
    out.write("# Generated by src/test/python/deferred_differential.py --seed %d --count %d\n"
              % (args.seed, args.count))
    out.write("# Oracle: Twisted 22.4 twisted.internet.defer.Deferred. Do not edit by hand.\n")
    for n in range(args.count):
        gen = Gen(rnd, rnd.randint(2, 5))
        dlines, ops = gen.scenario()
        runner = Runner(dlines)
        for op in ops:
            runner.run_op(op)
        events = runner.finish()
        out.write("scenario %d\n" % n)
        for i, spec in enumerate(dlines):
            out.write("d %d %s\n" % (i, " ".join(spec)))
        for op in ops:
            out.write("> %s\n" % " ".join(op))
        for e in events:
            out.write("< %s\n" % e)
        out.write("end\n")


if __name__ == "__main__":
    main()
