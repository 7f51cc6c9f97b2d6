package dev.torsion.internet.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internal.Config;
import dev.torsion.internet.error.ReactorAlreadyInstalledError;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * Startup selection: the precedence of DESIGN decision 4 on fake providers and injected
 * settings ({@link Reactors.Selector}), and the process's own {@link Reactors} on the real
 * class path, where the test-only {@link FakeUnsupportedReactorProvider} is registered.
 */
public class ReactorsTest {
  /** A provider whose reactors are proxies that only answer {@code toString()}. */
  static class FakeProvider implements ReactorProvider {
    final String name;
    final int preference;
    final @Nullable String cause;
    final AtomicInteger created = new AtomicInteger();

    FakeProvider(String name, int preference, @Nullable String cause) {
      this.name = name;
      this.preference = preference;
      this.cause = cause;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "fake " + name;
    }

    @Override
    public boolean isSupported() {
      return cause == null;
    }

    @Override
    public @Nullable String unavailabilityCause() {
      return cause;
    }

    @Override
    public int preference() {
      return preference;
    }

    @Override
    public Reactor create() {
      if (cause != null) {
        throw new UnsupportedOperationException(cause);
      }
      String label = "<" + name + " reactor " + created.incrementAndGet() + ">";
      return (Reactor) Proxy.newProxyInstance(Reactor.class.getClassLoader(),
          new Class<?>[] {Reactor.class}, (proxy, method, args) -> {
            switch (method.getName()) {
              case "toString":
                return label;
              case "hashCode":
                return System.identityHashCode(proxy);
              case "equals":
                return proxy == args[0];
              default:
                break;
            }
            throw new UnsupportedOperationException(method.getName());
          });
    }
  }

  private FakeProvider alpha;
  private FakeProvider beta;
  private FakeProvider gamma;
  private FakeProvider broken;

  @BeforeMethod
  public void freshProviders() {
    // TestNG shares one instance between the tests: each starts from providers that built none.
    alpha = new FakeProvider("alpha", 5, null);
    beta = new FakeProvider("beta", 10, null);
    gamma = new FakeProvider("gamma", 1, null);
    broken = new FakeProvider("broken", 50, "needs a kernel from 2099");
  }

  private static Reactors.Selector selector(Map<String, String> properties,
      Map<String, String> environment, ReactorProvider... providers) {
    List<ReactorProvider> list = List.of(providers);
    return new Reactors.Selector(() -> list, Config.Source.of(properties, environment));
  }

  private Reactors.Selector all(Map<String, String> properties, Map<String, String> env) {
    return selector(properties, env, alpha, beta, gamma, broken);
  }

  /** twisted.test.test_application.PluggableReactorTests.test_getPluginReactorTypes */
  @Test
  public void providersAreTheRegisteredOnes() {
    Reactors.Selector s = selector(Map.of(), Map.of(), gamma, alpha);
    assertEquals(s.providers(), List.of(alpha, gamma));
    assertEquals(s.providers().get(0).description(), "fake alpha");
  }

  /** twisted.test.test_application.PluggableReactorTests.test_installReactor */
  @Test
  public void installByNameBuildsWithThatProvider() {
    Reactors.Selector s = selector(Map.of(), Map.of(), alpha);
    s.install("alpha");
    assertEquals(alpha.created.get(), 1);
  }

  /** twisted.test.test_application.PluggableReactorTests.test_installReactorReturnsReactor */
  @Test
  public void installReturnsTheInstalledReactor() {
    Reactors.Selector s = selector(Map.of(), Map.of(), alpha);
    Reactor r = s.install("alpha");
    assertEquals(r.toString(), "<alpha reactor 1>");
    assertSame(s.installed(), r);
  }

  /** twisted.test.test_application.PluggableReactorTests.test_installReactorMultiplePlugins */
  @Test
  public void installByNameAmongSeveral() {
    Reactors.Selector s = selector(Map.of(), Map.of(), beta, gamma, alpha);
    assertEquals(s.install("gamma").toString(), "<gamma reactor 1>");
    assertEquals(alpha.created.get() + beta.created.get(), 0);
  }

  /** twisted.test.test_application.HelpReactorsTests.test_onlySupportedReactors */
  @Test
  public void listingOfOnlySupportedReactorsMentionsNoUnsupported() {
    String listing = selector(Map.of(), Map.of(), alpha, beta).listing();
    assertTrue(!listing.contains("unsupported"), listing);
    assertTrue(listing.contains("* beta     supported    fake beta\n"), listing);
  }

  @Test
  public void explicitInstallBeatsPropertyAndEnvironment() {
    Reactors.Selector s =
        all(Map.of("torsion.reactor", "beta"), Map.of("TORSION_REACTOR", "gamma"));
    Reactor r = s.install("alpha");
    assertEquals(r.toString(), "<alpha reactor 1>");
    assertSame(s.current(), r);
    assertEquals(beta.created.get() + gamma.created.get(), 0);
  }

  @Test
  public void propertyBeatsEnvironment() {
    Reactors.Selector s =
        all(Map.of("torsion.reactor", "gamma"), Map.of("TORSION_REACTOR", "alpha"));
    assertEquals(s.chosen().provider().name(), "gamma");
    assertEquals(s.chosen().how(), "system property torsion.reactor");
    assertEquals(s.current().toString(), "<gamma reactor 1>");
  }

  @Test
  public void environmentWhenNoProperty() {
    Reactors.Selector s = all(Map.of(), Map.of("TORSION_REACTOR", "alpha"));
    assertEquals(s.chosen().how(), "environment variable TORSION_REACTOR");
    assertEquals(s.current().toString(), "<alpha reactor 1>");
  }

  @Test
  public void blankPropertyCountsAsUnset() {
    Reactors.Selector s = all(Map.of("torsion.reactor", "  "), Map.of("TORSION_REACTOR", "gamma"));
    assertEquals(s.current().toString(), "<gamma reactor 1>");
  }

  @Test
  public void bestSupportedWhenNothingNamed() {
    // broken has the highest preference but cannot run; beta is the best that can.
    Reactors.Selector s = all(Map.of(), Map.of());
    assertEquals(s.chosen().provider().name(), "beta");
    assertEquals(s.chosen().how(), "the best supported reactor here");
    assertEquals(s.current().toString(), "<beta reactor 1>");
  }

  /** The registered providers, only those named, in the selector's order. */
  private static List<ReactorProvider> registered(Set<String> names) {
    List<ReactorProvider> found = new ArrayList<>();
    for (ReactorProvider p : Reactors.load(Reactors.class.getClassLoader())) {
      if (names.contains(p.name())) {
        found.add(p);
      }
    }
    return found;
  }

  /** As Twisted's default.py on Linux: epoll first, then poll, then the portable one. */
  @Test
  public void linuxDefaultIsEpollThenPollThenNio() {
    List<ReactorProvider> real = registered(Set.of("epoll", "poll", "nio"));
    Reactors.Selector s = new Reactors.Selector(() -> real, Config.Source.of(Map.of(), Map.of()));
    List<String> order = new ArrayList<>();
    s.providers().forEach(p -> order.add(p.name()));
    assertEquals(order, List.of("epoll", "poll", "nio"));
    if (System.getProperty("os.name").equals("Linux")) {
      assertNull(Reactors.whyUnsupported(s.providers().get(0)), "epoll runs on this Linux");
      assertEquals(s.chosen().provider().name(), "epoll");
    }
  }

  /** When the kernel refuses epoll, poll is the default; without both, nio. */
  @Test
  public void pollThenNioWhenEpollIsRefused() {
    List<ReactorProvider> real = registered(Set.of("poll", "nio"));
    List<ReactorProvider> withRefused = new ArrayList<>(real);
    withRefused.add(new FakeProvider("epoll", 30, "the kernel refuses epoll"));
    Reactors.Selector s = selector(Map.of(), Map.of(),
        withRefused.toArray(new ReactorProvider[0]));
    ReactorProvider poll = s.providers().get(1);
    assertEquals(poll.name(), "poll");
    assertEquals(s.chosen().provider().name(), poll.isSupported() ? "poll" : "nio");
    Reactors.Selector noNative = selector(Map.of(), Map.of(),
        new FakeProvider("epoll", 30, "no Linux"), new FakeProvider("poll", 20, "no Linux"),
        registered(Set.of("nio")).get(0));
    assertEquals(noNative.chosen().provider().name(), "nio");
  }

  @Test
  public void equalPreferenceGoesToTheFirstName() {
    FakeProvider zeta = new FakeProvider("zeta", 10, null);
    Reactors.Selector s = selector(Map.of(), Map.of(), zeta, beta);
    assertEquals(s.chosen().provider().name(), "beta");
    assertEquals(s.providers(), List.of(beta, zeta));
  }

  @Test
  public void providersAreListedByPreference() {
    assertEquals(all(Map.of(), Map.of()).providers(), List.of(broken, beta, alpha, gamma));
  }

  @Test
  public void unknownNameListsEveryProviderAndWhereTheNameCameFrom() {
    Reactors.Selector s = all(Map.of(), Map.of("TORSION_REACTOR", "epol"));
    NoSuchReactor e = expectThrows(NoSuchReactor.class, s::current);
    assertEquals(e.getMessage(), "no reactor called \"epol\" (from environment variable "
        + "TORSION_REACTOR); reactors here: broken (unsupported: needs a kernel from 2099), "
        + "beta (supported), alpha (supported), gamma (supported)");
    assertNull(s.installed());
  }

  /** twisted.test.test_application.PluggableReactorTests.test_installNonExistentReactor */
  @Test
  public void unknownNameInExplicitInstall() {
    Reactors.Selector s = all(Map.of(), Map.of());
    NoSuchReactor e = expectThrows(NoSuchReactor.class, () -> s.install("nope"));
    assertTrue(e.getMessage().startsWith("no reactor called \"nope\"; reactors here: broken"),
        e.getMessage());
    assertNull(s.installed());
  }

  @Test
  public void unsupportedNamedReactorIsAnErrorWithItsCauseNotAFallback() {
    Reactors.Selector s = all(Map.of("torsion.reactor", "broken"), Map.of());
    UnsupportedOperationException e =
        expectThrows(UnsupportedOperationException.class, s::current);
    assertTrue(e.getMessage().startsWith("reactor broken (from system property torsion.reactor)"
        + " cannot run on this machine: needs a kernel from 2099; reactors here:"),
        e.getMessage());
    assertNull(s.installed());
    assertEquals(beta.created.get(), 0);
  }

  /** twisted.test.test_application.PluggableReactorTests.test_installNotAvailableReactor */
  @Test
  public void unsupportedReactorExplicitly() {
    Reactors.Selector s = all(Map.of(), Map.of());
    UnsupportedOperationException e =
        expectThrows(UnsupportedOperationException.class, () -> s.install("broken"));
    assertTrue(e.getMessage().contains("needs a kernel from 2099"), e.getMessage());
    assertNull(s.installed());
  }

  @Test
  public void noSupportedReactorAtAll() {
    Reactors.Selector s = selector(Map.of(), Map.of(), broken);
    UnsupportedOperationException e =
        expectThrows(UnsupportedOperationException.class, s::current);
    assertEquals(e.getMessage(), "no reactor can run on this machine; reactors here: "
        + "broken (unsupported: needs a kernel from 2099)");
  }

  @Test
  public void noProvidersAtAll() {
    Reactors.Selector s = selector(Map.of(), Map.of());
    UnsupportedOperationException e =
        expectThrows(UnsupportedOperationException.class, s::current);
    assertTrue(e.getMessage().contains("no reactor providers on the class path"),
        e.getMessage());
  }

  /** twisted.internet.test.test_main.InstallReactorTests.test_alreadyInstalled */
  @Test
  public void installingTwiceIsAnError() {
    Reactors.Selector s = all(Map.of(), Map.of());
    Reactor first = s.install("alpha");
    ReactorAlreadyInstalledError e =
        expectThrows(ReactorAlreadyInstalledError.class, () -> s.install("beta"));
    assertEquals(e.getMessage(), "reactor already installed");
    assertThrows(ReactorAlreadyInstalledError.class, () -> s.install(beta.create()));
    assertSame(s.installed(), first);
    assertEquals(beta.created.get(), 1); // only the one built above to hand over
  }

  @Test
  public void installAfterCurrentIsAnError() {
    Reactors.Selector s = all(Map.of(), Map.of());
    s.current();
    assertThrows(ReactorAlreadyInstalledError.class, () -> s.install("alpha"));
  }

  /** twisted.internet.test.test_main.InstallReactorTests.test_installReactor */
  @Test
  public void installABuiltReactor() {
    Reactors.Selector s = all(Map.of(), Map.of());
    Reactor r = gamma.create();
    assertSame(s.install(r), r);
    assertSame(s.installed(), r);
    assertSame(s.current(), r);
    assertEquals(beta.created.get(), 0);
  }

  @Test
  public void nothingButCurrentInstalls() {
    Reactors.Selector s = all(Map.of("torsion.reactor", "alpha"), Map.of());
    s.providers();
    s.chosen();
    s.listing();
    assertNull(s.installed());
    assertEquals(alpha.created.get(), 0);
    Reactor r = s.current();
    assertSame(s.installed(), r);
    assertSame(s.current(), r);
    assertEquals(alpha.created.get(), 1);
  }

  @Test
  public void concurrentFirstCallsOfCurrentInstallOneReactor() throws Exception {
    Reactors.Selector s = all(Map.of(), Map.of());
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Reactor>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return s.current();
        }));
      }
      start.countDown();
      Set<Reactor> seen = new HashSet<>();
      for (Future<Reactor> f : results) {
        seen.add(f.get(10, TimeUnit.SECONDS));
      }
      assertEquals(seen.size(), 1);
      assertEquals(beta.created.get(), 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  public void listingShowsEveryProviderTheChoiceAndTheInstalledReactor() {
    Reactors.Selector s = all(Map.of(), Map.of("TORSION_REACTOR", "alpha"));
    assertEquals(s.listing(), String.join("\n",
        "  reactor  status       description",
        "  broken   unsupported  fake broken; unsupported: needs a kernel from 2099",
        "  beta     supported    fake beta",
        "* alpha    supported    fake alpha",
        "  gamma    supported    fake gamma",
        "chosen: alpha (environment variable TORSION_REACTOR)",
        "installed: none",
        ""));
    s.current();
    assertTrue(s.listing().endsWith("installed: <alpha reactor 1>\n"), s.listing());
  }

  @Test
  public void listingSaysWhyNothingCanBeChosen() {
    Reactors.Selector s = all(Map.of("torsion.reactor", "broken"), Map.of());
    String listing = s.listing();
    assertTrue(listing.contains("\nchosen: none: reactor broken (from system property "
        + "torsion.reactor) cannot run on this machine: needs a kernel from 2099"), listing);
  }

  @Test
  public void providerThatThrowsFromIsSupportedIsUnsupported() {
    FakeProvider throwing = new FakeProvider("throwing", 99, null) {
      @Override
      public boolean isSupported() {
        throw new IllegalStateException("probe failed");
      }
    };
    Reactors.Selector s = selector(Map.of(), Map.of(), throwing, gamma);
    assertEquals(s.chosen().provider().name(), "gamma");
    assertTrue(s.listing().contains(
        "throwing  unsupported  fake throwing; unsupported: isSupported() failed: "
            + "java.lang.IllegalStateException: probe failed"), s.listing());
  }

  @Test
  public void unsupportedProviderWithoutACauseStillGetsOne() {
    FakeProvider silent = new FakeProvider("silent", 1, null) {
      @Override
      public boolean isSupported() {
        return false;
      }
    };
    assertEquals(Reactors.whyUnsupported(silent), "no reason given by " + silent.getClass()
        .getName());
  }

  @Test
  public void unloadableProviderIsListedWithTheLoadersReason() throws IOException {
    Path dir = Files.createTempDirectory("torsion-services");
    Path services = dir.resolve("META-INF/services/" + ReactorProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, "dev.torsion.example.NoSuchProviderClass\n",
        StandardCharsets.UTF_8);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        ReactorsTest.class.getClassLoader())) {
      List<ReactorProvider> loaded = Reactors.load(loader);
      ReactorProvider bad = loaded.stream()
          .filter(p -> p.name().equals("(unloadable provider)")).findFirst().orElseThrow();
      assertTrue(Reactors.whyUnsupported(bad).contains("NoSuchProviderClass"),
          Reactors.whyUnsupported(bad));
      assertThrows(UnsupportedOperationException.class, bad::create);
      // The class path's own providers are still there.
      assertTrue(loaded.stream().anyMatch(p -> p.name().equals("nio")), loaded.toString());
    }
  }

  @Test
  public void theClassPathOffersNioAndListsTheUnsupportedTestDouble() {
    Reactor before = Reactors.installed();
    ReactorProvider nio = Reactors.provider("nio");
    assertNull(Reactors.whyUnsupported(nio));
    ReactorProvider fake = Reactors.provider("fake-unsupported");
    assertTrue(Reactors.providers().contains(fake));
    assertTrue(Reactors.listing().contains("  fake-unsupported  unsupported  test double "
        + "(src/test/resources); unsupported: " + FakeUnsupportedReactorProvider.CAUSE),
        Reactors.listing());
    UnsupportedOperationException e = expectThrows(UnsupportedOperationException.class,
        () -> Reactors.install("fake-unsupported"));
    assertTrue(e.getMessage().contains(FakeUnsupportedReactorProvider.CAUSE), e.getMessage());
    assertThrows(NoSuchReactor.class, () -> Reactors.provider("no-such-reactor"));
    assertSame(Reactors.installed(), before);
  }

  @Test
  public void theDefaultChoiceIsSupported() {
    // Whatever this JVM's settings name, the choice is never the unsupported test double.
    ReactorProvider chosen;
    try {
      chosen = Reactors.chosen();
    } catch (NoSuchReactor e) {
      throw new AssertionError("TORSION_REACTOR or torsion.reactor names no reactor", e);
    }
    assertNotNull(chosen);
    assertNull(Reactors.whyUnsupported(chosen));
  }
}
