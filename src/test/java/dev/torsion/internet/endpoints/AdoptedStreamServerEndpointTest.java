package dev.torsion.internet.endpoints;

import static dev.torsion.internet.endpoints.HostnameEndpointTest.factory;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.failure;
import static dev.torsion.internet.endpoints.HostnameEndpointTest.results;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.error.AlreadyListened;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.RaisingMemoryReactor;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.testng.annotations.Test;

public class AdoptedStreamServerEndpointTest {
  /** twisted.internet.test.test_endpoints.AdoptedStreamServerEndpointTests.test_endpointListenSuccess */
  @Test
  public void listenAdoptsTheChannel() throws IOException {
    try (ServerSocketChannel channel = ServerSocketChannel.open()) {
      MemoryReactor reactor = new MemoryReactor();
      Factory f = factory();
      List<Object> got = results(new AdoptedStreamServerEndpoint(reactor, channel).listen(f));
      assertEquals(((IListeningPort) got.get(0)).getHost(),
          new IPv4Address("TCP", "0.0.0.0", 1234));
      assertEquals(reactor.adoptedPorts(), List.of(new MemoryReactor.AdoptedPort(channel, f)));
      assertTrue(channel.isOpen(), "the reactor owns it now");
    }
  }

  /** twisted.internet.test.test_endpoints.AdoptedStreamServerEndpointTests.test_endpointListenFailure */
  @Test
  public void listenFailureFailsTheDeferredAndClosesTheChannel() throws IOException {
    try (ServerSocketChannel channel = ServerSocketChannel.open()) {
      CannotListenError e = new CannotListenError("refused");
      List<Object> got = results(new AdoptedStreamServerEndpoint(
          new RaisingMemoryReactor(e, null), channel).listen(factory()));
      assertSame(failure(got), e);
      assertFalse(channel.isOpen(), "no one else will close it");
    }
  }

  /** twisted.internet.test.test_endpoints.AdoptedStreamServerEndpointTests.test_endpointListenNonDefaultArgs */
  @Test
  public void listenPassesTheFactoryThrough() throws IOException {
    try (ServerSocketChannel channel = ServerSocketChannel.open()) {
      MemoryReactor reactor = new MemoryReactor();
      Factory f = factory();
      new AdoptedStreamServerEndpoint(reactor, channel).listen(f);
      assertSame(reactor.adoptedPorts().get(0).factory(), f);
      assertSame(reactor.adoptedPorts().get(0).channel(), channel);
    }
  }

  /** twisted.internet.test.test_endpoints.AdoptedStreamServerEndpointTests.test_singleUse */
  @Test
  public void singleUse() throws IOException {
    try (ServerSocketChannel channel = ServerSocketChannel.open()) {
      MemoryReactor reactor = new MemoryReactor();
      AdoptedStreamServerEndpoint ep = new AdoptedStreamServerEndpoint(reactor, channel);
      ep.listen(factory());
      assertTrue(failure(results(ep.listen(factory()))) instanceof AlreadyListened);
      assertEquals(reactor.adoptedPorts().size(), 1);
    }
  }

  /** twisted.internet.test.test_endpoints.AdoptedStreamServerEndpointTests.test_descriptionNonBlocking */
  @Test
  public void channelMadeNonBlocking() throws IOException {
    try (ServerSocketChannel channel = ServerSocketChannel.open()) {
      assertTrue(channel.isBlocking());
      new AdoptedStreamServerEndpoint(new MemoryReactor(), channel).listen(factory());
      assertFalse(channel.isBlocking());
    }
  }

  @Test
  public void closedChannelFailsListen() throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.close();
    MemoryReactor reactor = new MemoryReactor();
    Throwable e = failure(results(new AdoptedStreamServerEndpoint(reactor, channel)
        .listen(factory())));
    assertTrue(e instanceof IOException, e.toString());
    assertEquals(reactor.adoptedPorts(), List.of());
  }
}
