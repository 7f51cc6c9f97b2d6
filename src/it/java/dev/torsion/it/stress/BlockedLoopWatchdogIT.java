package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.it.builder.ChildJvm;
import dev.torsion.it.builder.TcpBuilder;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The blocked-loop watchdog ({@code -Dtorsion.blockedLoopWarningMs}): a callback that holds the
 * loop thread past the limit gets a warning naming the blocked thread, with its stack showing
 * the blocking method; without the property, nothing is said. Run in child JVMs, since the
 * property is read when a reactor is built.
 */
public class BlockedLoopWatchdogIT extends TcpBuilder {
  /** With a 100 ms limit, a 600 ms callback is reported with its stack. */
  @Test
  public void watchdogWarnsWithTheBlockedStack() {
    ChildJvm.Result r = ChildJvm.run(0, List.of("-Dtorsion.blockedLoopWarningMs=100"),
        BlockedLoopWatchdogMain.class, 60);
    assertEquals(r.exitCode(), 0, r.output());
    assertTrue(r.output().contains("RESULT done"), r.output());
    assertTrue(r.output().contains("blocked for"), "no watchdog warning:\n" + r.output());
    assertTrue(r.output().contains("spinForMillis"), "the stack is not the blocked one:\n"
        + r.output());
  }

  /** Off by default: the same callback is not reported. */
  @Test
  public void watchdogIsOffByDefault() {
    ChildJvm.Result r = ChildJvm.run(0, List.of(), BlockedLoopWatchdogMain.class, 60);
    assertEquals(r.exitCode(), 0, r.output());
    assertTrue(r.output().contains("RESULT done"), r.output());
    assertFalse(r.output().contains("blocked for"), r.output());
  }
}
