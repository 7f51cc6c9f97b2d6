package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import java.util.Objects;

/**
 * Connects to a UNIX domain socket file through {@code connectUNIX}.
 *
 * <p><b>Errors.</b> The Deferred {@link #connect} returns fails with the connection error the
 * reactor reports ({@code ConnectionRefusedError}, {@code ConnectError} for a missing file,
 * {@code BadFileError} for a failed PID check, {@code TimeoutError}), with what
 * {@code connectUNIX} throws, with what the factory's {@code buildProtocol} throws, or with
 * {@link dev.torsion.internet.error.NoProtocol} when it returns null. Cancelled before
 * connecting, it stops the attempt and fails with
 * {@link dev.torsion.internet.error.ConnectingCancelledError} naming the socket file.
 *
 * @twisted twisted.internet.endpoints.UNIXClientEndpoint
 */
public final class UNIXClientEndpoint implements IStreamClientEndpoint {
  private final IReactorUNIX reactor;
  private final String path;
  private final double timeout;
  private final boolean checkPID;

  /**
   * An endpoint with a 30 second timeout and no PID check.
   *
   * @param reactor the reactor to connect with
   * @param path the server's socket file
   */
  public UNIXClientEndpoint(IReactorUNIX reactor, String path) {
    this(reactor, path, 30, false);
  }

  /**
   * An endpoint.
   *
   * @param reactor the reactor to connect with
   * @param path the server's socket file
   * @param timeout seconds to wait for the connection before failing it
   * @param checkPID whether to fail unless a live process holds {@code path + ".lock"}
   */
  public UNIXClientEndpoint(IReactorUNIX reactor, String path, double timeout,
      boolean checkPID) {
    this.reactor = Objects.requireNonNull(reactor, "reactor");
    this.path = Objects.requireNonNull(path, "path");
    this.timeout = timeout;
    this.checkPID = checkPID;
  }

  @Override
  public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
    try {
      WrappingFactory wf = new WrappingFactory(protocolFactory);
      reactor.connectUNIX(path, wf, timeout, checkPID);
      return wf.onConnection;
    } catch (RuntimeException | Error e) {
      return Defer.fail(e);
    }
  }

  /**
   * The server's socket file.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * The connection timeout.
   *
   * @return seconds
   */
  public double timeout() {
    return timeout;
  }

  /**
   * Whether the server's lock file is checked first.
   *
   * @return true to check it
   */
  public boolean checkPID() {
    return checkPID;
  }

  @Override
  public String toString() {
    return "<UNIXClientEndpoint path=" + path + " timeout=" + timeout + " checkPID="
        + checkPID + ">";
  }
}
