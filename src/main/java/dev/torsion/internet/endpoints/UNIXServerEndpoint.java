package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import java.util.Objects;

/**
 * Listens on a UNIX domain socket file through {@code listenUNIX}.
 *
 * <p><b>Errors.</b> What {@code listenUNIX} throws, such as
 * {@link dev.torsion.internet.error.CannotListenError} when the file exists or the lock is
 * held, fails the Deferred {@link #listen} returns.
 *
 * @twisted twisted.internet.endpoints.UNIXServerEndpoint
 */
public final class UNIXServerEndpoint implements IStreamServerEndpoint {
  private final IReactorUNIX reactor;
  private final String address;
  private final int backlog;
  private final int mode;
  private final boolean wantPID;

  /**
   * An endpoint with backlog 50, mode {@code 0666} and no lock file.
   *
   * @param reactor the reactor to listen with
   * @param address the socket file to create
   */
  public UNIXServerEndpoint(IReactorUNIX reactor, String address) {
    this(reactor, address, 50, 0666, false);
  }

  /**
   * An endpoint.
   *
   * @param reactor the reactor to listen with
   * @param address the socket file to create
   * @param backlog the size of the accept queue
   * @param mode the socket file's permission bits, such as {@code 0660}
   * @param wantPID whether to hold the lock file {@code address + ".lock"} while listening
   */
  public UNIXServerEndpoint(IReactorUNIX reactor, String address, int backlog, int mode,
      boolean wantPID) {
    this.reactor = Objects.requireNonNull(reactor, "reactor");
    this.address = Objects.requireNonNull(address, "address");
    this.backlog = backlog;
    this.mode = mode;
    this.wantPID = wantPID;
  }

  @Override
  public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
    return Defer.execute(() -> reactor.listenUNIX(address, protocolFactory, backlog, mode,
        wantPID));
  }

  /**
   * The socket file.
   *
   * @return the path
   */
  public String address() {
    return address;
  }

  /**
   * The size of the accept queue.
   *
   * @return the backlog
   */
  public int backlog() {
    return backlog;
  }

  /**
   * The socket file's permission bits.
   *
   * @return the mode
   */
  public int mode() {
    return mode;
  }

  /**
   * Whether a lock file is held while listening.
   *
   * @return true to hold one
   */
  public boolean wantPID() {
    return wantPID;
  }

  @Override
  public String toString() {
    return "<UNIXServerEndpoint address=" + address + " backlog=" + backlog + " mode=0"
        + Integer.toOctalString(mode) + " wantPID=" + wantPID + ">";
  }
}
