package dev.torsion.trial;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * The conformance report on ids mapped to integration tests, which Failsafe runs once per
 * reactor: such an id passes only when its test passed on every reactor, a skip accepted only
 * with the reason the suite declares for that reactor. The fixtures, in
 * {@code src/test/resources/trial-compat/per-reactor/}, hold reports for two reactors: on nio
 * one test fails; on epoll one test is skipped for the facet epoll is declared to lack, one
 * for no declared reason, and one is absent.
 */
public class ReportPerReactorTest {
  private static final Path REPORT = Path.of("trial-compat", "report").toAbsolutePath();
  private static final Path FIXTURES =
      Path.of("src", "test", "resources", "trial-compat", "per-reactor").toAbsolutePath();
  private static final String ID = "twisted.internet.test.test_tcp.TCPTests_EPollReactorTests.";

  @Test
  public void judgesEachIdOnEveryReactorAndListsWhatFailsWhere() throws Exception {
    Run run = report("all.tsv");
    assertEquals(run.status, 1, run.output);
    // echo passed on both; adopt passed on nio and was skipped for a declared reason on epoll.
    assertLine(run, "twisted.internet.test.test_tcp +5 +5 +2 +0 +0 +40\\.0% +40\\.0%");
    assertLine(run, "twisted.test.test_defer +1 +1 +1 +0 +0 +100\\.0% +100\\.0%");
    assertLine(run, "twisted.internet.test.test_tcp: 5 ids mapped to integration tests, 2 passing"
        + " on every reactor");
    assertLine(run, "  epoll +2 +0 +2 +1  supported");
    assertLine(run, " +1  skipped: reactor epoll lacks ADOPTION: cannot take over an existing "
        + "socket");
    assertLine(run, " +1  skipped, NOT a declared reason: not today");
    assertLine(run, "  nio +4 +1 +0 +0  supported");
    List<String> problems = List.of(
        ID + "test_lazy: dev.x.it.EchoIT#lazy was skipped on epoll for a reason the suite does "
            + "not declare for it: not today",
        ID + "test_broken: dev.x.it.EchoIT#broken failed on nio",
        ID + "test_gone: dev.x.it.GoneIT#gone is absent from the epoll reports",
        "reactor epoll: 1 test was skipped although the reactor is not reported unsupported: "
            + "not today",
        "Problems (4):");
    for (String problem : problems) {
      assertTrue(run.output.contains(problem), problem + " in:\n" + run.output);
    }
    // The unit test is judged as before, and no module without integration tests gets a table.
    assertFalse(run.output.contains("test_unit"), run.output);
    assertFalse(run.output.contains("twisted.test.test_defer: "), run.output);
  }

  @Test
  public void oneReactorAloneWithDeclaredSkipsOnly() throws Exception {
    Run nio = report("passing.tsv", "--reactor", "nio");
    assertEquals(nio.status, 0, nio.output);
    assertLine(nio, "twisted.internet.test.test_tcp +5 +2 +2 +0 +3 +40\\.0% +40\\.0%");
    assertLine(nio, "  nio +2 +0 +0 +0  supported");
    // No epoll row; the paths in the header may contain "epoll" (a checkout named so).
    assertFalse(Pattern.compile("(?m)^\\s*epoll\\s").matcher(nio.output).find(), nio.output);
    assertTrue(nio.output.contains("No problems."), nio.output);
    // On epoll alone, adopt was only skipped (for its declared reason): it passed nowhere.
    Run epoll = report("passing.tsv", "--reactor", "epoll");
    assertEquals(epoll.status, 1, epoll.output);
    assertLine(epoll, "twisted.internet.test.test_tcp +5 +2 +1 +0 +3 +20\\.0% +20\\.0%");
    assertTrue(epoll.output.contains(ID + "test_adopt: dev.x.it.EchoIT#adopt passed on no "
        + "reactor (skipped on each)"), epoll.output);
    assertFalse(epoll.output.contains("  nio "), epoll.output);
  }

  @Test
  public void anUnknownReactorIsBadUsage() throws Exception {
    Run run = report("passing.tsv", "--reactor", "uring");
    assertEquals(run.status, 2, run.output);
    assertTrue(run.output.contains("no reports for --reactor uring in"), run.output);
  }

  private static void assertLine(Run run, String regex) {
    assertTrue(Pattern.compile("^" + regex + "$", Pattern.MULTILINE).matcher(run.output).find(),
        regex + " in:\n" + run.output);
  }

  /** What one run printed, and its exit status. */
  private record Run(int status, String output) {}

  private static Run report(String manifest, String... more) throws Exception {
    List<String> command = new ArrayList<>(List.of(REPORT.toString(),
        "--manifest", FIXTURES.resolve(manifest).toString(),
        "--ids", FIXTURES.resolve("ids.txt").toString(),
        "--reports", FIXTURES.resolve("reports/surefire").toString(),
        "--reports", FIXTURES.resolve("reports/failsafe").toString()));
    command.addAll(List.of(more));
    Path output = Files.createTempFile("torsion-report", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile());
      // The script compiles the report with this JDK's javac.
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("report did not finish within 120 s: " + command);
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
