package dev.torsion.it;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;

import dev.torsion.internet.reactor.FakeUnsupportedReactorProvider;
import dev.torsion.internet.reactor.NoSuchReactor;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.testng.ITestResult;
import org.testng.TestListenerAdapter;
import org.testng.TestNG;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * The integration suite's base, run by a nested TestNG on a small sample suite: an unsupported
 * reactor's tests are skipped, each with the reactor's name and cause, and none of their code
 * runs; a supported one's run; an unknown name fails them. The status file Failsafe's report
 * directory gets is checked too.
 */
public class ReactorBuilderTest {
  /** What the sample ran, in order. */
  static final List<String> RAN = new ArrayList<>();

  /** A sample integration test. */
  public static class Sample extends ReactorBuilder {
    /** For TestNG. */
    public Sample() {}

    @BeforeClass
    public void setUpClass() {
      RAN.add("setUpClass");
    }

    @BeforeMethod
    public void setUp() {
      RAN.add("setUp " + reactorName());
      buildReactor();
    }

    @Test
    public void one() {
      RAN.add("one");
    }

    @Test
    public void two() {
      RAN.add("two");
    }
  }

  /** A sample whose tests need facets some reactors lack. */
  @Requires(Facet.UNIX_SOCKETS)
  public static class NeedsFacets extends ReactorBuilder {
    /** For TestNG. */
    public NeedsFacets() {}

    @Test
    public void unix() {
      RAN.add("unix " + reactorName());
    }

    @Test
    @Requires(Facet.ADOPTION)
    public void unixAndAdoption() {
      RAN.add("unixAndAdoption " + reactorName());
    }
  }

  private @Nullable ReactorStatus saved;
  private Path dir;

  @BeforeMethod
  public void setUp() throws IOException {
    RAN.clear();
    dir = Files.createTempDirectory("torsion-it-reports");
    saved = ReactorStatus.replace(null);
  }

  @AfterMethod(alwaysRun = true)
  public void restore() {
    ReactorStatus.replace(saved);
  }

  private TestListenerAdapter runSample(@Nullable String reactor) {
    return run(reactor, Sample.class);
  }

  private TestListenerAdapter run(@Nullable String reactor, Class<?> sample) {
    ReactorStatus.replace(ReactorStatus.detect(reactor, dir.toString()));
    TestNG testng = new TestNG(false);
    testng.setTestClasses(new Class<?>[] {sample});
    testng.setVerbose(0);
    TestListenerAdapter results = new TestListenerAdapter();
    testng.addListener(results);
    testng.run();
    return results;
  }

  private static TreeMap<String, String> byName(List<ITestResult> results) {
    TreeMap<String, String> out = new TreeMap<>();
    for (ITestResult r : results) {
      Throwable t = r.getThrowable();
      out.put(r.getName(), t == null ? "" : t.getMessage());
    }
    return out;
  }

  private Properties status() throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve(ReactorStatus.FILE))) {
      p.load(in);
    }
    return p;
  }

  @Test
  public void unsupportedReactorSkipsEveryTestWithItsNameAndCause() throws IOException {
    TestListenerAdapter results = runSample("fake-unsupported");
    String why = "reactor fake-unsupported is unsupported on this machine: "
        + FakeUnsupportedReactorProvider.CAUSE;
    TreeMap<String, String> expected = new TreeMap<>();
    expected.put("one", why);
    expected.put("two", why);
    assertEquals(byName(results.getSkippedTests()), expected);
    assertEquals(results.getPassedTests().size() + results.getFailedTests().size(), 0);
    assertEquals(results.getConfigurationFailures().size()
        + results.getConfigurationSkips().size(), 0);
    assertEquals(RAN, List.of(), "no test or set-up code ran");
    Properties p = status();
    assertEquals(p.getProperty("reactor"), "fake-unsupported");
    assertEquals(p.getProperty("supported"), "false");
    assertEquals(p.getProperty("cause"), FakeUnsupportedReactorProvider.CAUSE);
  }

  @Test
  public void aReactorLackingAFacetSkipsTheTestsNeedingItWithTheWrittenReason()
      throws IOException {
    TestListenerAdapter results = run("nio2", NeedsFacets.class);
    String why = "reactor nio2 lacks UNIX_SOCKETS: " + Facet.UNIX_SOCKETS.lackedBy("nio2");
    TreeMap<String, String> expected = new TreeMap<>();
    expected.put("unix", why);
    // The method's own facets are checked first.
    expected.put("unixAndAdoption", "reactor nio2 lacks ADOPTION: "
        + Facet.ADOPTION.lackedBy("nio2"));
    assertEquals(byName(results.getSkippedTests()), expected);
    assertEquals(RAN, List.of(), "no test code ran");
    // trial-compat/report sanctions exactly these skips from the status file.
    Properties p = status();
    assertEquals(p.getProperty("lacks.UNIX_SOCKETS"), Facet.UNIX_SOCKETS.lackedBy("nio2"));
    assertEquals(p.getProperty("lacks.ADOPTION"), Facet.ADOPTION.lackedBy("nio2"));
  }

  @Test
  public void aReactorWithTheFacetsRunsTheTestsNeedingThem() throws IOException {
    TestListenerAdapter results = run("nio", NeedsFacets.class);
    assertEquals(results.getPassedTests().size(), 2);
    assertEquals(results.getSkippedTests().size() + results.getFailedTests().size(), 0);
    assertEquals(new java.util.TreeSet<>(RAN),
        new java.util.TreeSet<>(List.of("unix nio", "unixAndAdoption nio")));
    // nio lacks only IReactorFDSet, which these tests do not need.
    assertEquals(status().stringPropertyNames().stream().filter(k -> k.startsWith("lacks."))
        .toList(), List.of("lacks.FDSET"), "nio lacks only FDSET");
  }

  @Test
  public void supportedReactorRunsEveryTest() throws IOException {
    TestListenerAdapter results = runSample("nio");
    assertEquals(byName(results.getPassedTests()).keySet(), List.of("one", "two").stream()
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    assertEquals(results.getSkippedTests().size() + results.getFailedTests().size(), 0);
    assertEquals(RAN, List.of("setUpClass", "setUp nio", "one", "setUp nio", "two"));
    assertEquals(status().getProperty("supported"), "true");
    assertEquals(status().getProperty("reactor"), "nio");
  }

  @Test
  public void unknownReactorFailsRatherThanSkips() throws IOException {
    TestListenerAdapter results = runSample("no-such-reactor");
    assertEquals(results.getPassedTests().size() + results.getSkippedTests().size()
        + results.getConfigurationSkips().size(), 0);
    List<ITestResult> failed = new ArrayList<>(results.getFailedTests());
    failed.addAll(results.getConfigurationFailures());
    assertEquals(failed.isEmpty(), false);
    for (ITestResult r : failed) {
      Throwable cause = r.getThrowable().getCause();
      assertNotNull(cause, String.valueOf(r.getThrowable()));
      assertEquals(cause.getClass(), NoSuchReactor.class);
    }
    Properties p = status();
    assertEquals(p.getProperty("supported"), "false");
    assertEquals(p.getProperty("cause").startsWith("no reactor called \"no-such-reactor\""), true);
  }
}
