package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/** The reactor's DelayedCall on its own: ordering, identity, text, debug mode, its clock. */
public class ReactorDelayedCallTest {
  private static final ReactorDelayedCall.Scheduler NOOP = new ReactorDelayedCall.Scheduler() {
    @Override
    public void cancelled(ReactorDelayedCall call) {}

    @Override
    public void movedSooner(ReactorDelayedCall call) {}
  };

  /** A named callable, as Twisted's test uses a function called {@code nothing}. */
  private static final Runnable NOTHING = new Runnable() {
    @Override
    public void run() {}

    @Override
    public String toString() {
      return "nothing(3, A=5)";
    }
  };

  @AfterMethod(alwaysRun = true)
  public void debugOff() {
    ReactorDelayedCall.setDebug(false);
  }

  private static ReactorDelayedCall at(double seconds, double now) {
    return new ReactorDelayedCall((long) (seconds * 1e9), 0, NOTHING,
        () -> (long) (now * 1e9), NOOP);
  }

  private void checkLt() {
    ReactorDelayedCall zero = at(0, 0);
    ReactorDelayedCall one = at(1, 0);
    assertTrue(zero.compareTo(one) < 0);
    assertFalse(one.compareTo(zero) < 0);
    assertFalse(zero.compareTo(zero) < 0);
    assertFalse(one.compareTo(one) < 0);
  }

  private void checkLe() {
    ReactorDelayedCall zero = at(0, 0);
    ReactorDelayedCall one = at(1, 0);
    assertTrue(zero.compareTo(one) <= 0);
    assertFalse(one.compareTo(zero) <= 0);
    assertTrue(zero.compareTo(zero) <= 0);
    assertTrue(one.compareTo(one) <= 0);
  }

  private void checkGt() {
    ReactorDelayedCall zero = at(0, 0);
    ReactorDelayedCall one = at(1, 0);
    assertTrue(one.compareTo(zero) > 0);
    assertFalse(zero.compareTo(one) > 0);
    assertFalse(zero.compareTo(zero) > 0);
    assertFalse(one.compareTo(one) > 0);
  }

  private void checkGe() {
    ReactorDelayedCall zero = at(0, 0);
    ReactorDelayedCall one = at(1, 0);
    assertTrue(one.compareTo(zero) >= 0);
    assertFalse(zero.compareTo(one) >= 0);
    assertTrue(zero.compareTo(zero) >= 0);
    assertTrue(one.compareTo(one) >= 0);
  }

  private void checkEq() {
    ReactorDelayedCall zero = at(0, 0);
    ReactorDelayedCall one = at(1, 0);
    assertFalse(zero.equals(one));
    assertTrue(zero.equals(zero));
    assertTrue(one.equals(one));
    // Identity, not time: two calls at the same time are still different calls.
    assertFalse(at(1, 0).equals(one));
  }

  private void checkNe() {
    ReactorDelayedCall zero = at(0, 0);
    ReactorDelayedCall one = at(1, 0);
    assertTrue(!zero.equals(one));
    assertFalse(!zero.equals(zero));
    assertFalse(!one.equals(one));
  }

  private static String prefix(ReactorDelayedCall dc) {
    return "<DelayedCall 0x" + Integer.toHexString(System.identityHashCode(dc))
        + " [10.5s] called=0 cancelled=0 nothing(3, A=5)";
  }

  /** twisted.internet.test.test_base.DelayedCallNoDebugTests.test_str */
  @Test
  public void noDebugStr() {
    ReactorDelayedCall dc = at(12, 1.5);
    assertEquals(dc.toString(), prefix(dc) + ">");
  }

  /** twisted.internet.test.test_base.DelayedCallNoDebugTests.test_repr */
  @Test
  public void noDebugRepr() {
    ReactorDelayedCall dc = at(13, 1.6);
    assertEquals(dc.toString(), String.valueOf(dc));
    assertTrue(dc.toString().startsWith("<DelayedCall 0x"));
    assertFalse(dc.toString().contains("traceback at creation"));
  }

  /** twisted.internet.test.test_base.DelayedCallNoDebugTests.test_lt */
  @Test
  public void noDebugLt() {
    checkLt();
  }

  /** twisted.internet.test.test_base.DelayedCallNoDebugTests.test_le */
  @Test
  public void noDebugLe() {
    checkLe();
  }

  /** twisted.internet.test.test_base.DelayedCallNoDebugTests.test_gt */
  @Test
  public void noDebugGt() {
    checkGt();
  }

  /** twisted.internet.test.test_base.DelayedCallNoDebugTests.test_ge */
  @Test
  public void noDebugGe() {
    checkGe();
  }

  /** twisted.internet.test.test_base.DelayedCallNoDebugTests.test_eq */
  @Test
  public void noDebugEq() {
    checkEq();
  }

  /** twisted.internet.test.test_base.DelayedCallNoDebugTests.test_ne */
  @Test
  public void noDebugNe() {
    checkNe();
  }

  /** twisted.internet.test.test_base.DelayedCallDebugTests.test_str */
  @Test
  public void debugStr() {
    ReactorDelayedCall.setDebug(true);
    ReactorDelayedCall dc = at(12, 1.5);
    String text = dc.toString();
    assertTrue(text.startsWith(prefix(dc) + "\n\ntraceback at creation:"), text);
    // The creation stack starts at this test, not inside the loop core.
    assertTrue(Pattern.compile("at " + Pattern.quote(getClass().getName()) + "\\.at\\(")
        .matcher(text).find(), text);
  }

  /** twisted.internet.test.test_base.DelayedCallDebugTests.test_repr */
  @Test
  public void debugRepr() {
    ReactorDelayedCall.setDebug(true);
    ReactorDelayedCall dc = at(13, 1.6);
    assertEquals(dc.toString(), String.valueOf(dc));
    assertTrue(dc.toString().contains("traceback at creation"));
  }

  /** twisted.internet.test.test_base.DelayedCallDebugTests.test_lt */
  @Test
  public void debugLt() {
    ReactorDelayedCall.setDebug(true);
    checkLt();
  }

  /** twisted.internet.test.test_base.DelayedCallDebugTests.test_le */
  @Test
  public void debugLe() {
    ReactorDelayedCall.setDebug(true);
    checkLe();
  }

  /** twisted.internet.test.test_base.DelayedCallDebugTests.test_gt */
  @Test
  public void debugGt() {
    ReactorDelayedCall.setDebug(true);
    checkGt();
  }

  /** twisted.internet.test.test_base.DelayedCallDebugTests.test_ge */
  @Test
  public void debugGe() {
    ReactorDelayedCall.setDebug(true);
    checkGe();
  }

  /** twisted.internet.test.test_base.DelayedCallDebugTests.test_eq */
  @Test
  public void debugEq() {
    ReactorDelayedCall.setDebug(true);
    checkEq();
  }

  /** twisted.internet.test.test_base.DelayedCallDebugTests.test_ne */
  @Test
  public void debugNe() {
    ReactorDelayedCall.setDebug(true);
    checkNe();
  }

  /** In debug mode a cancelled call keeps describing what it was. */
  @Test
  public void debugCancelledKeepsItsText() {
    ReactorDelayedCall.setDebug(true);
    ReactorDelayedCall dc = at(12, 1.5);
    dc.cancel();
    assertTrue(dc.toString().startsWith(
        prefix(dc).replace("cancelled=0", "cancelled=1") + "\n\ntraceback"), dc.toString());
  }

  /** Without debug mode a cancelled call lets go of its callable. */
  @Test
  public void cancelledDropsCallable() {
    ReactorDelayedCall dc = at(12, 1.5);
    dc.cancel();
    assertFalse(dc.toString().contains("nothing"), dc.toString());
    assertTrue(dc.toString().contains("cancelled=1"), dc.toString());
  }

  /** twisted.test.test_internet.TimeTests.testDelayedCallSecondsOverride */
  @Test
  public void delayedCallSecondsOverride() {
    ReactorDelayedCall dc = new ReactorDelayedCall(5_000_000_000L, 0, () -> { },
        () -> 10_000_000_000L, NOOP);
    assertEquals(dc.getTime(), 5.0);
    assertEquals(dc.seconds(), 10.0);
    dc.reset(3);
    assertEquals(dc.getTime(), 13.0);
  }

  /** reset to a later time is lazy (no heap move); to an earlier one tells the heap. */
  @Test
  public void resetLaterIsLazyResetSoonerMoves() {
    AtomicLong moved = new AtomicLong();
    ReactorDelayedCall.Scheduler counting = new ReactorDelayedCall.Scheduler() {
      @Override
      public void cancelled(ReactorDelayedCall call) {}

      @Override
      public void movedSooner(ReactorDelayedCall call) {
        moved.incrementAndGet();
      }
    };
    ReactorDelayedCall dc = new ReactorDelayedCall(5_000_000_000L, 0, () -> { }, () -> 0L,
        counting);
    dc.reset(8);
    assertEquals(dc.getTime(), 8.0);
    assertEquals(moved.get(), 0);
    dc.delay(-6);
    assertEquals(dc.getTime(), 2.0);
    assertEquals(moved.get(), 1);
    dc.reset(1);
    assertEquals(dc.getTime(), 1.0);
    assertEquals(moved.get(), 2);
    assertNotEquals(dc.toString(), "");
  }
}
