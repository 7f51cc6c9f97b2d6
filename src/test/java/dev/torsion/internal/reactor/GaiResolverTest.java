package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.HostnameAddress;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IReactorFromThreads;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.python.threadpool.ThreadPool;
import dev.torsion.trial.SynchronousTestCase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** The default resolver, over a fake reactor whose thread calls the test runs by hand. */
public class GaiResolverTest extends SynchronousTestCase {
  /** Queues thread calls for the test to run, as Twisted's test_base.FakeReactor does. */
  static final class FakeReactor implements IReactorFromThreads {
    final BlockingQueue<Runnable> calls = new LinkedBlockingQueue<>();

    @Override
    public void callFromThread(Runnable callable) {
      calls.add(callable);
    }

    void runThreadCall() throws InterruptedException {
      Runnable r = calls.poll(10, TimeUnit.SECONDS);
      assertNotNull(r, "no thread call within 10 s");
      r.run();
    }
  }

  /** Records what a resolution reports, as text. */
  static final class Recorder implements IResolutionReceiver {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<IAddress> addresses = Collections.synchronizedList(new ArrayList<>());
    IHostResolution resolution;

    @Override
    public void resolutionBegan(IHostResolution resolutionInProgress) {
      resolution = resolutionInProgress;
      events.add("began " + resolutionInProgress.name());
    }

    @Override
    public void addressResolved(IAddress address) {
      addresses.add(address);
      events.add(address.toString());
    }

    @Override
    public void resolutionComplete() {
      events.add("complete");
    }
  }

  private FakeReactor reactor = new FakeReactor();
  private List<String> lookedUp = new ArrayList<>();

  @BeforeMethod
  public void freshFakes() {
    reactor = new FakeReactor();
    lookedUp = Collections.synchronizedList(new ArrayList<>());
  }

  private ThreadPool startedPool() {
    ThreadPool pool = new ThreadPool(0, 4, "resolver-test");
    pool.start();
    addCleanup(() -> pool.stop());
    return pool;
  }

  private GaiResolver resolver(GaiResolver.Lookup lookup) {
    ThreadPool pool = startedPool();
    return new GaiResolver(reactor, () -> pool, host -> {
      lookedUp.add(host);
      return lookup.getAllByName(host);
    });
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByAddress(InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** twisted.internet.test.test_base.ThreadedResolverTests.test_success */
  @Test
  public void addressesFromThePoolReachTheReceiverThroughCallFromThread() throws Exception {
    IHostnameResolver r = resolver(host -> new InetAddress[] {ip("10.0.0.17"), ip("::1")});
    Recorder rec = new Recorder();
    IHostResolution res = r.resolveHostName(rec, "foo.bar.example.com", 80);
    assertEquals(res.name(), "foo.bar.example.com");
    assertEquals(rec.events, List.of("began foo.bar.example.com"));
    reactor.runThreadCall();
    assertEquals(lookedUp, List.of("foo.bar.example.com"));
    assertEquals(rec.addresses, List.of(new IPv4Address("TCP", "10.0.0.17", 80),
        new IPv6Address("TCP", "::1", 80)));
    assertEquals(rec.events.get(rec.events.size() - 1), "complete");
    assertEquals(rec.events.size(), 4);
    assertTrue(reactor.calls.isEmpty());
  }

  /** twisted.internet.test.test_base.ThreadedResolverTests.test_failure */
  @Test
  public void aFailedLookupCompletesWithNoAddresses() throws Exception {
    IHostnameResolver r = resolver(host -> {
      throw new UnknownHostException("ENOBUFS (this is a funny joke)");
    });
    Recorder rec = new Recorder();
    r.resolveHostName(rec, "some.name", 0);
    reactor.runThreadCall();
    assertEquals(rec.events, List.of("began some.name", "complete"));
    IHostnameResolver broken = resolver(host -> {
      throw new SecurityException("lookups forbidden");
    });
    Recorder rec2 = new Recorder();
    broken.resolveHostName(rec2, "other.name", 0);
    reactor.runThreadCall();
    assertEquals(rec2.events, List.of("began other.name", "complete"));
  }

  /** twisted.internet.test.test_base.ThreadedResolverTests.test_timeout */
  @Test
  public void cancelGivesUpOnALookupStillRunningAndIgnoresItsLateResult() throws Exception {
    CountDownLatch lookupRunning = new CountDownLatch(1);
    CountDownLatch finishLookup = new CountDownLatch(1);
    IHostnameResolver r = resolver(host -> {
      lookupRunning.countDown();
      try {
        finishLookup.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      return new InetAddress[] {ip("10.0.0.1")};
    });
    Recorder rec = new Recorder();
    IHostResolution res = r.resolveHostName(rec, "slow.example", 443);
    assertTrue(lookupRunning.await(10, TimeUnit.SECONDS));
    res.cancel();
    assertEquals(rec.events, List.of("began slow.example", "complete"));
    res.cancel();
    finishLookup.countDown();
    reactor.runThreadCall();
    assertEquals(rec.events, List.of("began slow.example", "complete"));
  }

  @Test
  public void cancelBeforeTheLookupStartsSkipsIt() throws Exception {
    ThreadPool pool = new ThreadPool(0, 1, "not-yet");
    addCleanup(() -> pool.stop());
    GaiResolver r = new GaiResolver(reactor, () -> pool, host -> {
      lookedUp.add(host);
      return new InetAddress[0];
    });
    Recorder rec = new Recorder();
    r.resolveHostName(rec, "queued.example", 0).cancel();
    assertEquals(rec.events, List.of("began queued.example", "complete"));
    pool.start();
    pool.stop();
    assertEquals(lookedUp, List.of());
    assertTrue(reactor.calls.isEmpty());
  }

  /** twisted.internet.test.test_base.ThreadedResolverTests.test_resolverGivenStr */
  @Test
  public void namesReachTheLookupIdnaEncoded() throws Exception {
    IHostnameResolver r = resolver(host -> new InetAddress[0]);
    Recorder rec = new Recorder();
    r.resolveHostName(rec, "example.example", 0);
    r.resolveHostName(rec, "example.example", 0);
    r.resolveHostName(rec, "v\u00e4\u00e4ntynyt.example", 0);
    r.resolveHostName(rec, "\u0440\u0444.example", 0);
    r.resolveHostName(rec, "xn----7sbb4ac0ad0be6cf.xn--p1ai", 0);
    for (int i = 0; i < 5; i++) {
      reactor.runThreadCall();
    }
    List<String> sorted = new ArrayList<>(lookedUp);
    Collections.sort(sorted);
    assertEquals(sorted, List.of("example.example", "example.example",
        "xn----7sbb4ac0ad0be6cf.xn--p1ai", "xn--p1ai.example", "xn--vntynyt-5waa.example"));
  }

  @Test
  public void literalAddressesResolveToThemselvesAtOnceWithoutThePool() {
    Supplier<ThreadPool> noPool = () -> {
      throw new AssertionError("the pool was asked for");
    };
    GaiResolver r = new GaiResolver(reactor, noPool, host -> {
      throw new AssertionError("looked up " + host);
    });
    Recorder rec = new Recorder();
    r.resolveHostName(rec, "127.0.0.1", 8080);
    r.resolveHostName(rec, "::1", 8080, null, "UDP");
    r.resolveHostName(rec, "0:0:0:0:0:0:0:1", 1);
    r.resolveHostName(rec, "", 1);
    assertEquals(rec.addresses, List.of(new IPv4Address("TCP", "127.0.0.1", 8080),
        new IPv6Address("UDP", "::1", 8080), new IPv6Address("TCP", "::1", 1)));
    assertEquals(rec.events.stream().filter("complete"::equals).count(), 4);
    assertTrue(reactor.calls.isEmpty());
  }

  @Test
  public void addressTypesAndTransportSemanticsShapeTheAddresses() throws Exception {
    IHostnameResolver r = resolver(host -> new InetAddress[] {ip("10.0.0.1"), ip("fe80::1"),
        ip("10.0.0.2")});
    Recorder v4 = new Recorder();
    r.resolveHostName(v4, "dual.example", 53, Set.of(IPv4Address.class), "UDP");
    reactor.runThreadCall();
    assertEquals(v4.addresses, List.of(new IPv4Address("UDP", "10.0.0.1", 53),
        new IPv4Address("UDP", "10.0.0.2", 53)));
    Recorder v6 = new Recorder();
    r.resolveHostName(v6, "dual.example", 53, Set.of(IPv6Address.class), "TCP");
    reactor.runThreadCall();
    assertEquals(v6.addresses, List.of(new IPv6Address("TCP", "fe80::1", 53)));
    Recorder none = new Recorder();
    r.resolveHostName(none, "::1", 53, Set.of(IPv4Address.class), "TCP");
    assertEquals(none.events, List.of("began ::1", "complete"));
  }

  @Test
  public void badArgumentsAreRefused() {
    IHostnameResolver r = resolver(host -> new InetAddress[0]);
    Recorder rec = new Recorder();
    assertThrows(IllegalArgumentException.class,
        () -> r.resolveHostName(rec, "a.example", 1, null, "SCTP"));
    assertThrows(IllegalArgumentException.class,
        () -> r.resolveHostName(rec, "a.example", 1, Set.of(HostnameAddress.class), "TCP"));
    assertThrows(IllegalArgumentException.class,
        () -> r.resolveHostName(rec, "a.example", 1, Set.of(), "TCP"));
    assertThrows(IllegalArgumentException.class, () -> r.resolveHostName(rec, "a.example", -1));
    assertThrows(IllegalArgumentException.class,
        () -> r.resolveHostName(rec, "a.example", 65536));
    assertEquals(rec.events, List.of());
    Recorder longName = new Recorder();
    r.resolveHostName(longName, "a".repeat(254), 1);
    assertEquals(longName.events.size(), 2);
    assertEquals(lookedUp, List.of());
  }

  /** twisted.test.test_internet.ResolveTests.testChildResolve */
  @Test
  public void theReactorResolvesLocalhostOnARunningReactor() {
    Reactor real = dev.torsion.internet.reactor.Reactors.provider("nio").create();
    addCleanup(() -> ((LoopCore) real).backend().close());
    List<Boolean> onReactorThread = new ArrayList<>();
    Object result = ReactorThreadPoolTest.runUntilFired(real, () -> {
      Deferred<List<IAddress>> done = new Deferred<>();
      List<IAddress> found = new ArrayList<>();
      real.nameResolver().resolveHostName(new IResolutionReceiver() {
        @Override
        public void resolutionBegan(IHostResolution resolutionInProgress) {
          onReactorThread.add(real.isInReactorThread());
        }

        @Override
        public void addressResolved(IAddress address) {
          onReactorThread.add(real.isInReactorThread());
          found.add(address);
        }

        @Override
        public void resolutionComplete() {
          onReactorThread.add(real.isInReactorThread());
          done.callback(found);
        }
      }, "localhost", 0, Set.of(IPv4Address.class), "TCP");
      return done;
    });
    assertTrue(((List<?>) result).contains(new IPv4Address("TCP", "127.0.0.1", 0)),
        String.valueOf(result));
    assertTrue(onReactorThread.stream().allMatch(b -> b), onReactorThread.toString());
  }
}
