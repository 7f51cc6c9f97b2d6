package dev.torsion.it.builder;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;

/**
 * Twisted's {@code TCPFDPortTestsBuilder}: ports adopted with {@code adoptStreamPort} (Twisted
 * adopts a listening descriptor; Java, a {@code ServerSocketChannel}).
 */
@Requires(Facet.ADOPTION)
public class TCPFDPortTestsBuilderIT extends TcpPortTestsBase {
  @Override
  protected IListeningPort getListeningPort(Reactor reactor, IProtocolFactory factory, int port,
      String iface) {
    boolean v6 = iface.contains(":");
    try {
      ServerSocketChannel ch = ServerSocketChannel.open(
          v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
      ch.bind(iface.isEmpty() ? new InetSocketAddress(port)
          : new InetSocketAddress(InetAddress.getByName(iface), port), 3);
      ch.configureBlocking(false);
      return reactor.adoptStreamPort(ch, factory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected boolean adopting() {
    return true;
  }
}
