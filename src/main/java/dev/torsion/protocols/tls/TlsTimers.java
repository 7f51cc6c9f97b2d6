package dev.torsion.protocols.tls;

import dev.torsion.internet.interfaces.IDelayedCall;
import org.jspecify.annotations.Nullable;

/** The two timers of one TLS connection, on the factory's clock: handshake and close. */
final class TlsTimers {
  private final TLSMemoryBIOFactory factory;
  private @Nullable IDelayedCall handshake;
  private @Nullable IDelayedCall close;

  TlsTimers(TLSMemoryBIOFactory factory) {
    this.factory = factory;
  }

  void startHandshake(Runnable onTimeout) {
    double t = factory.handshakeTimeout();
    if (t > 0) {
      handshake = factory.clock().callLater(t, () -> {
        handshake = null;
        onTimeout.run();
      });
    }
  }

  void handshakeDone() {
    cancel(handshake);
    handshake = null;
  }

  /** Starts the close timer unless it runs already or the timeout is 0 (wait forever). */
  void startClose(Runnable onTimeout) {
    double t = factory.closeTimeout();
    if (close == null && t > 0) {
      close = factory.clock().callLater(t, () -> {
        close = null;
        onTimeout.run();
      });
    }
  }

  void cancelAll() {
    handshakeDone();
    cancel(close);
    close = null;
  }

  private static void cancel(@Nullable IDelayedCall call) {
    if (call != null && call.active()) {
      call.cancel();
    }
  }
}
