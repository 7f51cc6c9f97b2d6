package dev.torsion.application.runner;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.application.runner.Fakes.Capture;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/** The runner's SLF4J provider: levels, the text and JSON records. */
public class TwistLoggingTest {
  private static final Instant T = Instant.parse("2026-11-27T09:30:00.123456Z");

  @AfterMethod
  public void restore() {
    TwistLogging.configure(Level.INFO, TwistLogging.Format.TEXT, System.err);
  }

  @Test
  public void textRecordsLookLikeTwistedsWithTheStackTrace() {
    String r = TwistLogger.format(TwistLogging.Format.TEXT, T, Level.WARN, "a.b.C", "main",
        "hello", new IllegalStateException("boom"));
    String[] lines = r.split("\\R");
    assertEquals(lines[0], "2026-11-27T09:30:00.123Z [a.b.C#warn] hello");
    assertEquals(lines[1], "java.lang.IllegalStateException: boom");
    assertTrue(r.endsWith(System.lineSeparator()));
  }

  @Test
  public void jsonRecordsAreOneEscapedObjectPerLine() {
    String r = TwistLogger.format(TwistLogging.Format.JSON, T, Level.INFO, "ns", "t\"1",
        "a \"quoted\"\nline\\ \u0001", null);
    assertEquals(r, "{\"log_time\":1795771800.123,\"log_level\":\"info\",\"log_namespace\":\"ns\","
        + "\"log_system\":\"t\\\"1\",\"message\":\"a \\\"quoted\\\"\\nline\\\\ \\u0001\"}"
        + System.lineSeparator());
  }

  @Test
  public void jsonRecordsCarryTheExceptionOnTheSameLine() {
    String r = TwistLogger.format(TwistLogging.Format.JSON, T, Level.ERROR, "ns", "main", "m",
        new RuntimeException("bad"));
    assertEquals(r.split("\\R").length, 1, r);
    assertTrue(r.contains("\"exception\":\"java.lang.RuntimeException: bad\\n"), r);
  }

  @Test
  public void eventsBelowTheLevelAreDropped() {
    Capture out = new Capture();
    TwistLogging.configure(Level.WARN, TwistLogging.Format.TEXT, out.stream);
    Logger log = new TwistLogging().getLoggerFactory().getLogger("x.Y");
    log.info("not shown");
    log.debug("not shown");
    log.warn("shown {} {}", 1, "two");
    log.error("also shown", new IllegalArgumentException("why"));
    assertEquals(out.lines().size() > 2, true, out.text());
    assertTrue(out.lines().get(0).endsWith("[x.Y#warn] shown 1 two"), out.text());
    assertTrue(out.lines().get(1).endsWith("[x.Y#error] also shown"), out.text());
    assertTrue(out.text().contains("java.lang.IllegalArgumentException: why"), out.text());
    assertEquals(log.isInfoEnabled(), false);
    assertEquals(log.isWarnEnabled(), true);
  }

  @Test
  public void aNewLevelAppliesToExistingLoggers() {
    Capture out = new Capture();
    TwistLogging.configure(Level.ERROR, TwistLogging.Format.JSON, out.stream);
    Logger log = new TwistLogging().getLoggerFactory().getLogger("z");
    log.info("dropped");
    TwistLogging.configure(Level.DEBUG, TwistLogging.Format.JSON, out.stream);
    log.debug("kept");
    assertEquals(out.lines().size(), 1, out.text());
    assertTrue(out.lines().get(0).contains("\"log_level\":\"debug\""), out.text());
  }

  @Test
  public void levelsAcceptSlf4jAndTwistedNames() {
    assertEquals(TwistLogging.level("TRACE"), Level.TRACE);
    assertEquals(TwistLogging.level("debug"), Level.DEBUG);
    assertEquals(TwistLogging.level("Info"), Level.INFO);
    assertEquals(TwistLogging.level("warn"), Level.WARN);
    assertEquals(TwistLogging.level("error"), Level.ERROR);
    assertEquals(TwistLogging.level("critical"), Level.ERROR);
    expectThrows(IllegalArgumentException.class, () -> TwistLogging.level("loud"));
  }
}
