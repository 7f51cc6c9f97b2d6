package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.error.BadFileError;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * An outgoing UNIX domain stream connection, as Twisted's {@code unix.Connector}: the
 * {@link StreamConnector} lifecycle without name resolution, with Twisted's optional check that
 * a live server holds the socket's PID lock file, and with retries while the server's accept
 * queue is full.
 */
public final class UnixConnector extends StreamConnector {
  /** The first wait before connecting again to a server whose accept queue is full. */
  private static final double FIRST_RETRY = 0.005;
  /** The longest such wait, in seconds. */
  private static final double MAX_RETRY = 0.5;

  private final Path path;
  private final boolean checkPID;

  /**
   * A connector, not yet connecting.
   *
   * @param core the reactor
   * @param path the server's socket file
   * @param factory the client factory
   * @param timeout seconds before an attempt fails with {@link TimeoutError}; 0 or less for none
   * @param checkPID whether to fail with {@link BadFileError} unless a live process holds
   *     {@code path + ".lock"}
   */
  public UnixConnector(LoopCore core, Path path, ClientFactory factory, double timeout,
      boolean checkPID) {
    super(core, factory, timeout);
    this.path = path;
    this.checkPID = checkPID;
  }

  @Override
  public IAddress getDestination() {
    return new UNIXAddress(path.toString());
  }

  @Override
  Attempt newAttempt() {
    return new UnixAttempt();
  }

  @Override
  StreamTransport newTransport(IoBackend.Stream s) {
    // A client socket is unbound: it has no name of its own, as Twisted's getHost says.
    return new StreamTransport(core, s, new UNIXAddress(null), getDestination(),
        StreamTransport.HIGH_WATER);
  }

  /** Checks the PID lock if asked, then connects, again later while the server is full. */
  private final class UnixAttempt extends Attempt {
    private double retryDelay;
    private @Nullable IDelayedCall retryCall;

    @Override
    void start() {
      try {
        if (checkPID && !PidLock.isLocked(Path.of(path + ".lock"))) {
          fail(new BadFileError("'" + path + "': no live server holds " + path + ".lock"));
          return;
        }
        connecting(core.backend().connectUNIX(UnixDomainSocketAddress.of(path), this));
      } catch (IOException e) {
        if (String.valueOf(e.getMessage()).contains("Resource temporarily unavailable")) {
          // EAGAIN: the server's accept queue is full. Twisted waits and tries again until its
          // timeout; an AF_UNIX connect is never left pending, so retry on a doubling timer.
          retryDelay = retryDelay == 0 ? FIRST_RETRY : Math.min(MAX_RETRY, retryDelay * 2);
          retryCall = core.callLater(retryDelay, this::startIfLive);
          return;
        }
        fail(SocketErrors.connectError(e));
      } catch (RuntimeException e) {
        fail(SocketErrors.connectError(e));
      }
    }

    @Override
    void cancelPending() {
      IDelayedCall r = retryCall;
      retryCall = null;
      if (r != null && r.active()) {
        r.cancel();
      }
    }
  }
}
