package dev.torsion.bench.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A load-generator connection speaking TLS through a client {@link SSLEngine} over the
 * non-blocking socket of {@link LoadLoop}: bytes read are unwrapped, handshake messages and
 * application data are wrapped into one outgoing buffer that is written as the socket takes it.
 * Delegated tasks run inline (the load generator has one thread and one CPU). Subclasses say
 * what to do with application data, what to send, and what to do when the handshake ends.
 */
abstract class TlsConn extends LoadLoop.Conn {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  SSLEngine engine;
  private ByteBuffer netIn;
  private ByteBuffer netOut;
  private ByteBuffer appIn;
  private int packet;
  boolean handshaken;
  /** After {@link #closeAndDrain}: the engine is done; the socket is only drained to its end. */
  boolean draining;
  private boolean outputShut;

  /** Takes a fresh engine for a new connection and starts its handshake. */
  final void begin(SSLEngine e) throws IOException {
    engine = e;
    packet = e.getSession().getPacketBufferSize();
    if (netIn == null) {
      netIn = ByteBuffer.allocate(packet * 2);
      netOut = ByteBuffer.allocate(packet * 4);
      appIn = ByteBuffer.allocate(e.getSession().getApplicationBufferSize());
    }
    netIn.clear();
    netOut.clear();
    appIn.clear();
    handshaken = false;
    draining = false;
    outputShut = false;
    e.beginHandshake();
  }

  /** Application bytes arrived (a readable buffer, consumed by the call). */
  abstract void received(ByteBuffer data);

  /** Wraps application data while there is some to send; true if anything was wrapped. */
  boolean produce() throws IOException {
    return false;
  }

  /** The handshake finished (the client's Finished is wrapped). */
  abstract void handshakeDone() throws IOException;

  /** Reads what the socket has; false at the end of the stream. */
  final boolean readNet() throws IOException {
    int n = ch.read(netIn);
    return n >= 0;
  }

  /**
   * Runs the engine until it can go no further without the network: tasks, handshake wraps,
   * unwraps of what was read, the subclass's application data; then writes what it can and
   * sets the interest to match.
   */
  final void drive() throws IOException {
    for (int guard = 0; guard < 10_000; guard++) {
      if (draining) {
        return;
      }
      SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
      if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
        Runnable t;
        while ((t = engine.getDelegatedTask()) != null) {
          t.run();
        }
        continue;
      }
      if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
        if (!room()) {
          break;
        }
        finished(wrap(EMPTY));
        continue;
      }
      boolean progress = unwrap();
      if (handshaken) {
        progress |= produce();
      }
      if (!progress) {
        break;
      }
    }
    flush();
    interest(SelectionKey.OP_READ | (netOut.position() > 0 ? SelectionKey.OP_WRITE : 0));
  }

  private boolean unwrap() throws IOException {
    if (netIn.position() == 0) {
      return false;
    }
    netIn.flip();
    SSLEngineResult r;
    try {
      r = engine.unwrap(netIn, appIn);
    } finally {
      netIn.compact();
    }
    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      throw new SSLException("TLS: application buffer too small for a record");
    }
    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
      throw new SSLException("TLS: the server closed the session (close_notify)");
    }
    if (appIn.position() > 0) {
      appIn.flip();
      received(appIn);
      appIn.clear();
    }
    finished(r);
    return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
  }

  /** Wraps {@code src} into the outgoing buffer, which must have room for a record. */
  final SSLEngineResult wrap(ByteBuffer src) throws IOException {
    SSLEngineResult r = engine.wrap(src, netOut);
    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      throw new SSLException("TLS: outgoing buffer too small for a record");
    }
    return r;
  }

  /** True when the outgoing buffer can take a whole record, after writing if need be. */
  final boolean room() throws IOException {
    if (netOut.remaining() >= packet) {
      return true;
    }
    flush();
    return netOut.remaining() >= packet;
  }

  /** Writes what the socket takes; true when nothing is left to write. */
  final boolean flush() throws IOException {
    if (netOut.position() == 0) {
      return true;
    }
    netOut.flip();
    try {
      ch.write(netOut);
    } finally {
      netOut.compact();
    }
    return netOut.position() == 0;
  }

  /**
   * Ends the session from this side: close_notify, then the write side of the socket; what
   * the server still sends (a session ticket, its close_notify) is read and dropped until its
   * end of stream, so the close is an orderly one (a close with unread bytes would be a reset).
   */
  final void closeAndDrain() throws IOException {
    draining = true;
    engine.closeOutbound();
    while (!engine.isOutboundDone() && room()) {
      wrap(EMPTY);
    }
    drainStep(false);
  }

  /**
   * One step of draining: writes the rest of close_notify, then shuts the write side, and reads
   * and drops what arrives.
   *
   * @return true once the server's end of stream was read
   */
  final boolean drainStep(boolean readable) throws IOException {
    if (!outputShut && flush()) {
      outputShut = true;
      ch.shutdownOutput();
    }
    boolean end = false;
    if (readable) {
      netIn.clear();
      end = ch.read(netIn) < 0;
      netIn.clear();
    }
    interest(SelectionKey.OP_READ | (netOut.position() > 0 ? SelectionKey.OP_WRITE : 0));
    return end;
  }

  private void finished(SSLEngineResult r) throws IOException {
    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED && !handshaken) {
      handshaken = true;
      TlsSetup.checkNegotiated(engine);
      handshakeDone();
    }
  }
}
