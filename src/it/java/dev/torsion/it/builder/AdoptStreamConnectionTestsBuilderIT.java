package dev.torsion.it.builder;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.it.support.MyServerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Twisted's {@code AdoptStreamConnectionTestsBuilder}: server transports made by
 * {@code adoptStreamConnection}.
 *
 * <p>Twisted takes a connection away from its first server transport and adopts the
 * descriptor; Java cannot detach a channel from a transport, so the connection is accepted
 * from a plain {@link ServerSocketChannel} and adopted from there.
 */
@Requires(Facet.ADOPTION)
public class AdoptStreamConnectionTestsBuilderIT extends TransportTestsBase {
  @Override
  protected Deferred<Connected> connectedClientAndServer(Reactor reactor, String iface) {
    MyServerFactory server = new MyServerFactory();
    MyClientFactory client = new MyClientFactory();
    ServerSocketChannel listener;
    int portNumber;
    try {
      listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(InetAddress.getByName(iface), 0), 1);
      listener.configureBlocking(false);
      portNumber = ((InetSocketAddress) listener.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Deferred<Connected> d = wire(reactor, server, client, portNumber);
    reactor.connectTCP(iface, portNumber, client);
    acceptThenAdopt(reactor, listener, server, 0);
    return d;
  }

  /** Polls the plain listener once a millisecond (bounded) and adopts what it accepts. */
  private void acceptThenAdopt(Reactor reactor, ServerSocketChannel listener,
      MyServerFactory server, int tries) {
    try {
      SocketChannel accepted = listener.accept();
      if (accepted != null) {
        listener.close();
        accepted.configureBlocking(false);
        reactor.adoptStreamConnection(accepted, server);
      } else if (tries < 10_000) {
        reactor.callLater(0.001, () -> acceptThenAdopt(reactor, listener, server, tries + 1));
      } else {
        listener.close();
        record(new AssertionError("nothing to accept after 10,000 polls"));
        stopQuietly(reactor);
      }
    } catch (IOException e) {
      record(e);
      stopQuietly(reactor);
    }
  }
}
