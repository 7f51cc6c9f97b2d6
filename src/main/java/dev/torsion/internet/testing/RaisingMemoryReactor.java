package dev.torsion.internet.testing;

import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorSocket;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.protocol.ClientFactory;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * A reactor whose every listen fails with one exception and every connect with another: for
 * testing how code copes with {@code CannotListenError} or a refused connection raised at once.
 *
 * <pre>{@code
 * IReactorTCP reactor = new RaisingMemoryReactor(new CannotListenError("", 80, null), null);
 * }</pre>
 *
 * <p><b>Differences from Twisted.</b> Exceptions are unchecked ({@link RuntimeException}); a
 * method whose exception was not given throws {@link IllegalStateException} saying so, where
 * Twisted's raises {@code None} (itself a {@code TypeError}). As in Twisted, adopting a
 * connection raises the connect exception.
 *
 * @twisted twisted.internet.testing.RaisingMemoryReactor
 */
public final class RaisingMemoryReactor implements IReactorTCP, IReactorUNIX, IReactorSocket {
  private final @Nullable RuntimeException listenException;
  private final @Nullable RuntimeException connectException;

  /**
   * A reactor raising the given exceptions.
   *
   * @param listenException thrown by {@code listenTCP}, {@code listenUNIX} and
   *     {@code adoptStreamPort}, or null
   * @param connectException thrown by {@code connectTCP}, {@code connectUNIX} and
   *     {@code adoptStreamConnection}, or null
   */
  public RaisingMemoryReactor(@Nullable RuntimeException listenException,
      @Nullable RuntimeException connectException) {
    this.listenException = listenException;
    this.connectException = connectException;
  }

  private RuntimeException listenError() {
    RuntimeException e = listenException;
    return e != null ? e : new IllegalStateException("no listen exception was given");
  }

  private RuntimeException connectError() {
    RuntimeException e = connectException;
    return e != null ? e : new IllegalStateException("no connect exception was given");
  }

  /** Always throws the listen exception. */
  @Override
  public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
    throw listenError();
  }

  /** Always throws the connect exception. */
  @Override
  public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    throw connectError();
  }

  /** Always throws the listen exception. */
  @Override
  public IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog,
      int mode, boolean wantPID) {
    throw listenError();
  }

  /** Always throws the connect exception. */
  @Override
  public IConnector connectUNIX(String address, ClientFactory factory, double timeout,
      boolean checkPID) {
    throw connectError();
  }

  /** Always throws the listen exception. */
  @Override
  public IListeningPort adoptStreamPort(ServerSocketChannel channel, IProtocolFactory factory) {
    throw listenError();
  }

  /** Always throws the connect exception. */
  @Override
  public void adoptStreamConnection(SocketChannel channel, IProtocolFactory factory) {
    throw connectError();
  }
}
