package dev.torsion.internet.interfaces;

import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Adopting sockets opened elsewhere (inherited from a parent process, handed over by a
 * launcher, or opened with options the reactor does not offer).
 *
 * <p><b>Differences from Twisted.</b> Twisted adopts raw file descriptors plus an address
 * family; Java has no portable descriptor type, so these take the JDK's channels. The reactor
 * owns the channel from then on and closes it. An adopted connection's transport is named
 * {@code <Protocol #adopted>}.
 *
 * @twisted twisted.internet.interfaces.IReactorSocket
 */
public interface IReactorSocket {
  /**
   * Listens on an already bound and listening server socket.
   *
   * @param channel the listening socket; the reactor takes it over
   * @param factory builds a protocol per connection
   * @return the port, already listening
   * @twisted twisted.internet.interfaces.IReactorSocket.adoptStreamPort
   */
  IListeningPort adoptStreamPort(ServerSocketChannel channel, IProtocolFactory factory);

  /**
   * Serves an already connected socket with a protocol from {@code factory}.
   *
   * @param channel the connected socket; the reactor takes it over
   * @param factory builds the protocol
   * @twisted twisted.internet.interfaces.IReactorSocket.adoptStreamConnection
   */
  void adoptStreamConnection(SocketChannel channel, IProtocolFactory factory);
}
