package dev.torsion.internet.endpoints;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import dev.torsion.internet.testing.MemoryReactor;
import dev.torsion.internet.testing.MemoryReactorClock;
import dev.torsion.python.failure.Failure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class SimpleHostnameResolverTest {
  // TestNG shares one instance between the methods: each starts from fresh ones.
  private List<String> calls = new ArrayList<>();
  private Deferred<List<InetSocketAddress>> returns = new Deferred<>();
  private final SimpleHostnameResolver.NameResolution fake = (host, port) -> {
    calls.add(host + ":" + port);
    return returns;
  };
  private List<Object> events = new ArrayList<>();

  @BeforeMethod
  public void setUp() {
    calls = new ArrayList<>();
    returns = new Deferred<>();
    events = new ArrayList<>();
  }

  private final IResolutionReceiver receiver = new IResolutionReceiver() {
    @Override
    public void resolutionBegan(IHostResolution resolutionInProgress) {
      events.add("began " + resolutionInProgress.name());
    }

    @Override
    public void addressResolved(IAddress address) {
      events.add(address);
    }

    @Override
    public void resolutionComplete() {
      events.add("complete");
    }
  };

  /** twisted.internet.test.test_endpoints.SimpleHostnameResolverTests.test_resolveNameFailure */
  @Test
  public void failureIsLoggedWithNameAndCompletesEmpty() {
    List<String> logged = new ArrayList<>();
    SimpleHostnameResolver resolver = new SimpleHostnameResolver(fake,
        (name, f) -> logged.add(name + " " + f.value().getMessage()));
    resolver.resolveHostName(receiver, "example.com", 0);
    assertEquals(events, List.of("began example.com"));
    returns.errback(new UnknownHostException("nope"));
    assertEquals(logged, List.of("example.com nope"));
    assertEquals(events, List.of("began example.com", "complete"));
  }

  /** twisted.internet.test.test_endpoints.SimpleHostnameResolverTests.test_resolveNameDelivers */
  @Test
  public void addressesDeliveredBeforeComplete() throws Exception {
    SimpleHostnameResolver resolver = new SimpleHostnameResolver(fake, (n, f) -> {});
    IHostResolution r = resolver.resolveHostName(receiver, "example.com", 80);
    assertEquals(r.name(), "example.com");
    assertEquals(calls, List.of("example.com:80"));
    returns.callback(List.of(
        new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 80),
        new InetSocketAddress(InetAddress.getByName("1:2::3:4"), 80)));
    assertEquals(events, List.of("began example.com", new IPv4Address("TCP", "1.2.3.4", 80),
        new IPv6Address("TCP", "1:2::3:4", 80), "complete"));
  }

  @Test
  public void cancelCompletesAtOnceAndDropsLateResults() throws Exception {
    SimpleHostnameResolver resolver = new SimpleHostnameResolver(fake, (n, f) -> {});
    IHostResolution r = resolver.resolveHostName(receiver, "example.com", 80);
    r.cancel();
    r.cancel();
    returns.callback(List.of(new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 80)));
    assertEquals(events, List.of("began example.com", "complete"));
  }

  @Test
  public void throwingResolutionIsLoggedAndCompletes() {
    List<Failure> logged = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    SimpleHostnameResolver resolver = new SimpleHostnameResolver((h, p) -> {
      throw boom;
    }, (n, f) -> logged.add(f));
    resolver.resolveHostName(receiver, "example.com", 80);
    assertSame(logged.get(0).value(), boom);
    assertEquals(events, List.of("began example.com", "complete"));
  }

  @Test
  public void reactorResolverPreferredElseThreadPoolElseRefused() {
    ResolvingReactor resolving = new ResolvingReactor();
    assertSame(SimpleHostnameResolver.forReactor(resolving), resolving.nameResolver());
    assertTrue(SimpleHostnameResolver.forReactor(new MemoryReactorClock())
        instanceof SimpleHostnameResolver);
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
        () -> SimpleHostnameResolver.forReactor(new MemoryReactor()));
    assertTrue(e.getMessage().contains("cannot resolve host names"), e.getMessage());
  }
}
