#!/usr/bin/python3
"""Differential oracle: Twisted 22.4's protocols.basic parsers, fed byte chunks, print events.

Run by dev.torsion.protocols.basic.BasicDifferentialTest (one process per batch of cases) with
/usr/bin/python3, which has python3-twisted. Reads cases from stdin, one JSON object a line:

    {"id": 7, "proto": "line", "max": 12, "delim": "0d0a", "chunks": ["6869", "0d0a", ""]}

proto is one of line, lineonly, netstring, int8, int16, int32; "delim" (hex) is used by the
line protocols only; "keep" (optional, line only): lineLengthExceeded records and keeps the
connection open instead of closing it; "chunks" (hex) are fed to dataReceived in order.
Prints one JSON line per case, in input order, with no spaces:

    {"id":7,"events":[["line","6869"],["rest","","0"]]}

Events, in the order they happen (bytes as lowercase hex, numbers as decimal strings):
    ["line", hex]                 lineReceived
    ["raw", hex]                  rawDataReceived
    ["string", hex]               stringReceived
    ["lineLengthExceeded", hex]   lineLengthExceeded (the default then closes the connection)
    ["lengthLimitExceeded", n]    lengthLimitExceeded (likewise)
    ["lose"]                      transport.loseConnection() was called (each call)
    ["pause"] / ["resume"]        the protocol paused its transport / the driver resumed it
    ["cleared", hex]              what clearLineBuffer() returned inside lineReceived
    ["error"]                     an exception escaped dataReceived (feeding stops)
    ["rest", hex, size]           at the end: line: clearLineBuffer(); lineonly: the partial
                                  line's size (hex empty); int*: recvd
    ["broken", 0|1]               at the end, netstring only: brokenPeer

Every receiver runs the same script on each line or string it receives:
    CLOSE -> transport.loseConnection(); PAUSE -> pauseProducing() (line, int*; not while the
    transport is disconnecting); RAW -> setRawMode() (line); CLEAR -> clearLineBuffer() (line).
In raw mode, data holding "~" switches back: setLineMode(the bytes after the first "~").
Feeding stops once the transport is disconnecting, as a real transport stops reading after
loseConnection(). Before each chunk (and at the end) a paused protocol is resumed, at most
1000 times a case.

One deliberate normalisation, for a Twisted quirk Torsion does not copy: Twisted's netstring
length pattern ends in "$", which also matches before a final newline, so digits followed by
"\\n" at the end of the buffered bytes wait for more data instead of failing at once. Torsion
fails at once. No event can come between the two moments, so where a case ends in that state
the driver emits the failure Torsion gives (["lose"], then brokenPeer 1) and counts the case on
stderr ("netstring-newline-quirk N").
"""

import json
import re
import sys

from twisted.internet.testing import StringTransport
from twisted.protocols import basic

MAX_RESUMES = 1000


class Recorder:
    def __init__(self):
        self.events = []

    def add(self, *event):
        self.events.append(list(event))


class RecordingTransport(StringTransport):
    def __init__(self, recorder):
        StringTransport.__init__(self)
        self.recorder = recorder

    def loseConnection(self):
        self.recorder.add("lose")
        StringTransport.loseConnection(self)


def script(protocol, payload, pauseable, line_protocol):
    if payload == b"CLOSE":
        protocol.transport.loseConnection()
    elif payload == b"PAUSE" and pauseable and not protocol.transport.disconnecting:
        protocol.ev.add("pause")
        protocol.pauseProducing()
    elif payload == b"RAW" and line_protocol:
        protocol.setRawMode()
    elif payload == b"CLEAR" and line_protocol:
        protocol.ev.add("cleared", protocol.clearLineBuffer().hex())


class Line(basic.LineReceiver):
    def lineReceived(self, line):
        self.ev.add("line", line.hex())
        script(self, line, True, True)

    def rawDataReceived(self, data):
        self.ev.add("raw", data.hex())
        at = data.find(b"~")
        if at >= 0:
            self.setLineMode(data[at + 1:])

    def lineLengthExceeded(self, line):
        self.ev.add("lineLengthExceeded", line.hex())
        if not self.keep:
            return basic.LineReceiver.lineLengthExceeded(self, line)

    def rest(self):
        left = self.clearLineBuffer()
        self.ev.add("rest", left.hex(), str(len(left)))


class LineOnly(basic.LineOnlyReceiver):
    def lineReceived(self, line):
        self.ev.add("line", line.hex())
        script(self, line, False, False)

    def lineLengthExceeded(self, line):
        self.ev.add("lineLengthExceeded", line.hex())
        return basic.LineOnlyReceiver.lineLengthExceeded(self, line)

    def rest(self):
        self.ev.add("rest", "", str(len(self._buffer)))


class Netstring(basic.NetstringReceiver):
    def stringReceived(self, string):
        self.ev.add("string", string.hex())
        script(self, string, False, False)

    def rest(self):
        self.ev.add("broken", str(self.brokenPeer))


def int_n(base):
    class IntN(base):
        def stringReceived(self, string):
            self.ev.add("string", string.hex())
            script(self, string, True, False)

        def lengthLimitExceeded(self, length):
            self.ev.add("lengthLimitExceeded", str(length))
            return base.lengthLimitExceeded(self, length)

        def rest(self):
            left = self.recvd
            self.ev.add("rest", left.hex(), str(len(left)))

    return IntN


PROTOCOLS = {
    "line": Line,
    "lineonly": LineOnly,
    "netstring": Netstring,
    "int8": int_n(basic.Int8StringReceiver),
    "int16": int_n(basic.Int16StringReceiver),
    "int32": int_n(basic.Int32StringReceiver),
}

NEWLINE_QUIRK = re.compile(br"(0|[1-9]\d*)\n\Z")


def in_newline_quirk(protocol):
    return (isinstance(protocol, Netstring) and not protocol.brokenPeer
            and protocol._state == protocol._PARSING_LENGTH
            and NEWLINE_QUIRK.match(protocol._remainingData) is not None)


def resume_if_paused(protocol, budget):
    while getattr(protocol, "paused", False) and budget[0] > 0:
        if protocol.transport.disconnecting:
            return
        budget[0] -= 1
        protocol.ev.add("resume")
        protocol.resumeProducing()


def run_case(case):
    recorder = Recorder()
    protocol = PROTOCOLS[case["proto"]]()
    protocol.ev = recorder
    protocol.MAX_LENGTH = case["max"]
    protocol.keep = case.get("keep", False)
    if "delim" in case:
        protocol.delimiter = bytes.fromhex(case["delim"])
    protocol.makeConnection(RecordingTransport(recorder))
    budget = [MAX_RESUMES]
    quirk = False
    try:
        for chunk in case["chunks"]:
            resume_if_paused(protocol, budget)
            if protocol.transport.disconnecting:
                break
            protocol.dataReceived(bytes.fromhex(chunk))
        resume_if_paused(protocol, budget)
    except Exception:
        recorder.add("error")
    else:
        if in_newline_quirk(protocol) and not protocol.transport.disconnecting:
            quirk = True
            recorder.add("lose")
            protocol.brokenPeer = 1
        protocol.rest()
    return {"id": case["id"], "events": recorder.events}, quirk


def main():
    quirks = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        result, quirk = run_case(json.loads(line))
        quirks += quirk
        sys.stdout.write(json.dumps(result, separators=(",", ":")) + "\n")
    sys.stdout.flush()
    sys.stderr.write("netstring-newline-quirk %d\n" % quirks)


if __name__ == "__main__":
    main()
