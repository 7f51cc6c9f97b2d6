package dev.torsion.protocols.tls;

import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import java.io.IOException;

/**
 * How a {@link TLSMemoryBIOProtocol} closes: our close_notify (sent once, nothing after it),
 * the peer's close_notify, the TLS half-close (Twisted #5341), and the bounded wait for the
 * peer's answer before the transport is closed anyway (Twisted #7926).
 */
final class TlsShutdown {
  private final TLSMemoryBIOProtocol tls;
  private final TlsTimers timers;
  private boolean writeClosed; // our close_notify is sent
  private boolean writeClosePending; // half-close asked while writes wait
  private boolean readClosed; // the peer's close_notify arrived

  TlsShutdown(TLSMemoryBIOProtocol tls, TlsTimers timers) {
    this.tls = tls;
    this.timers = timers;
  }

  boolean writeClosed() {
    return writeClosed;
  }

  boolean writeClosePending() {
    return writeClosePending;
  }

  boolean readClosed() {
    return readClosed;
  }

  /** A half-close was asked for; it happens when the pending writes are sent. */
  void requestWriteClose() {
    writeClosePending = true;
  }

  /** The peer's close_notify arrived: a half-closeable application may go on writing. */
  void peerClosedWriting() {
    readClosed = true;
    if (!writeClosed && tls.wrappedProtocol() instanceof IHalfCloseableProtocol h) {
      h.readConnectionLost();
      return;
    }
    shutdown();
  }

  /** Sends close_notify (once), then closes the transport if the peer has closed too. */
  void shutdown() {
    if (tls.lost()) {
      return;
    }
    sendCloseNotify();
    if (tls.lost()) {
      return;
    }
    if (readClosed) {
      finish();
    } else {
      timers.startClose(this::finish);
    }
  }

  private void sendCloseNotify() {
    if (writeClosed) {
      return;
    }
    writeClosed = true;
    try {
      tls.engine().sendCloseNotify();
    } catch (IOException | RuntimeException e) {
      tls.tlsFailed(e);
      return;
    }
    tls.flushOutput();
    tls.engine().discardOutput();
  }

  /** Closes the transport: the TLS conversation is over. */
  void finish() {
    if (tls.lost()) {
      return;
    }
    tls.markLost();
    tls.transport().loseConnection();
  }

  /** Half-closes: close_notify now, reading goes on. */
  void closeWriting() {
    writeClosePending = false;
    sendCloseNotify();
    if (tls.lost()) {
      return;
    }
    if (readClosed) {
      finish();
    } else if (tls.wrappedProtocol() instanceof IHalfCloseableProtocol h) {
      h.writeConnectionLost();
    }
  }
}
