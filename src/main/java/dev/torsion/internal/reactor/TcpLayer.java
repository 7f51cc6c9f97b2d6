package dev.torsion.internal.reactor;

import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.reactor.IoBackend;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/** TCP ports and connectors over a backend. (Skeleton: the TCP work of issue 3 fills it.) */
public final class TcpLayer {
  private final LoopCore core;
  private final IoBackend backend;

  TcpLayer(LoopCore core, IoBackend backend) {
    this.core = core;
    this.backend = backend;
  }

  IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
    throw new UnsupportedOperationException("TCP not yet built: " + core + " " + backend);
  }

  IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
      @Nullable InetSocketAddress bindAddress) {
    throw new UnsupportedOperationException("TCP not yet built");
  }

  IListeningPort adoptStreamPort(java.nio.channels.ServerSocketChannel channel,
      IProtocolFactory factory) {
    throw new UnsupportedOperationException("TCP not yet built");
  }

  void adoptStreamConnection(java.nio.channels.SocketChannel channel, IProtocolFactory factory) {
    throw new UnsupportedOperationException("TCP not yet built");
  }
}
