package dev.torsion.internet.interfaces;

import dev.torsion.internet.protocol.ClientFactory;

/**
 * UNIX domain stream sockets: listening on a socket file and connecting to one. The transports
 * are the TCP ones' twins (buffering, producers, {@code loseWriteConnection} half-close,
 * {@code connectionLost} once); their addresses are
 * {@link dev.torsion.internet.address.UNIXAddress}es: a server connection's {@code getHost()}
 * is the socket file and its {@code getPeer()} is unnamed ({@code UNIXAddress(None)}; the
 * factory's {@code buildProtocol} is given {@code UNIXAddress('')}, as Twisted's); a client
 * connection's {@code getPeer()} is the socket file and its {@code getHost()} unnamed.
 *
 * <p><b>Threading.</b> Reactor thread only (before {@code run()} counts as the reactor thread).
 *
 * <p><b>Lifecycle.</b> {@code listenUNIX} creates the socket file, which must not exist (a file
 * left behind by a dead server makes it fail with "Address already in use", unless
 * {@code wantPID} finds that server's lock stale); {@code stopListening()}, and reactor
 * shutdown, remove it and release the lock. A client's attempt starts on the next reactor turn,
 * so {@code connectUNIX} itself never reports a connect error.
 *
 * <p><b>Errors.</b> {@code listenUNIX} throws {@code CannotListenError} when the file cannot be
 * bound (it exists, its directory does not, or the path is longer than the system's limit,
 * 107 bytes on Linux). A failed {@code connectUNIX} reaches
 * {@code clientConnectionFailed}: {@code ConnectionRefusedError} when the file exists but no
 * one listens, {@code ConnectError} ("No such file or directory") when it does not exist,
 * {@code BadFileError} for a failed PID check, {@code TimeoutError} after the timeout. A
 * reactor that has stopped refuses both at once: {@code CannotListenError} and
 * {@code ConnectError}, each caused by a {@code ReactorNotRunning} ("reactor stopped").
 *
 * <p><b>Differences from Twisted.</b>
 * <ul>
 *   <li>The address is a path {@code String}, not bytes. Linux's abstract namespace (a name
 *       starting with a NUL) is not reachable through the JDK and is refused with
 *       {@code IllegalArgumentException}.</li>
 *   <li>{@code mode} is applied with {@code Files.setPosixFilePermissions} after the bind, as
 *       Twisted's {@code os.chmod}; only the nine permission bits count.</li>
 *   <li>{@code wantPID} and {@code checkPID} use Twisted's lock file format (a symbolic link
 *       {@code <path>.lock} naming the owner's process id), so Twisted and Torsion processes
 *       see each other's locks.</li>
 *   <li>The factory is started after a successful bind; Twisted starts it first and leaves it
 *       started when the bind fails.</li>
 *   <li>When the server's accept queue is full, Twisted waits for the socket to become
 *       writable; here the connect is tried again on a doubling timer (5 ms to 0.5 s) until it
 *       succeeds or the timeout fires. A server connection's {@code getPeer()} stays unnamed
 *       even when the client bound its socket to a name (Twisted reports that name).</li>
 *   <li>The transports still answer {@code ITCPTransport}, but TCP options
 *       ({@code setTcpNoDelay}, {@code setTcpKeepAlive} and their getters) throw
 *       {@code UnsupportedOperationException} on them (Twisted's UNIX transport raises
 *       {@code OSError}). Passing descriptors ({@code IUNIXTransport.sendFileDescriptor}) and
 *       UNIX datagram sockets ({@code IReactorUNIXDatagram}) are not provided.</li>
 * </ul>
 *
 * @twisted twisted.internet.interfaces.IReactorUNIX
 */
public interface IReactorUNIX {
  /**
   * Listens for connections on a UNIX domain socket file; each gets a protocol from
   * {@code factory}.
   *
   * @param address the socket file to create, such as {@code "/tmp/app/sock"}
   * @param factory builds a protocol per connection
   * @param backlog the accept queue length
   * @param mode the file's permission bits, as an octal number such as {@code 0666}
   * @param wantPID whether to hold the lock file {@code address + ".lock"} while listening:
   *     listening fails if a live process holds it, and a stale one (its process gone) is
   *     taken over, removing the socket file left behind
   * @return the port, already listening; {@code getHost()} is the socket file
   * @throws dev.torsion.internet.error.CannotListenError if the file cannot be bound, the
   *     lock is held, or the reactor has stopped
   * @throws IllegalArgumentException if {@code address} is empty or in the abstract namespace
   * @twisted twisted.internet.interfaces.IReactorUNIX.listenUNIX
   */
  IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog, int mode,
      boolean wantPID);

  /**
   * Listens with Twisted's defaults: a backlog of 50, mode {@code 0666}, no lock file.
   *
   * @param address the socket file to create
   * @param factory builds a protocol per connection
   * @return the port, already listening
   * @twisted twisted.internet.interfaces.IReactorUNIX.listenUNIX
   */
  default IListeningPort listenUNIX(String address, IProtocolFactory factory) {
    return listenUNIX(address, factory, 50, 0666, false);
  }

  /**
   * Connects to a UNIX domain socket server. The factory hears {@code startedConnecting}, then
   * builds the protocol when the connection is made, or hears {@code clientConnectionFailed}.
   *
   * @param address the server's socket file
   * @param factory the client factory
   * @param timeout seconds before the attempt fails with {@code TimeoutError}; 0 or less (or
   *     infinite) for none
   * @param checkPID whether to fail with {@code BadFileError} unless a live process holds the
   *     lock file {@code address + ".lock"} (see {@code listenUNIX}'s {@code wantPID})
   * @return the connector
   * @throws dev.torsion.internet.error.ConnectError if the reactor has stopped
   * @throws IllegalArgumentException if {@code address} is empty or in the abstract namespace
   * @twisted twisted.internet.interfaces.IReactorUNIX.connectUNIX
   */
  IConnector connectUNIX(String address, ClientFactory factory, double timeout,
      boolean checkPID);

  /**
   * Connects with a 30-second timeout and no PID check.
   *
   * @param address the server's socket file
   * @param factory the client factory
   * @return the connector
   * @twisted twisted.internet.interfaces.IReactorUNIX.connectUNIX
   */
  default IConnector connectUNIX(String address, ClientFactory factory) {
    return connectUNIX(address, factory, 30, false);
  }
}
