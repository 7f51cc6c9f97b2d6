package dev.torsion.internet.defer;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;
import static org.testng.Assert.fail;

import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** Firing a {@link Deferred} twice, with and without debug mode. */
public class AlreadyCalledTest {
  private boolean wasDebugging;

  @BeforeMethod
  public void debugOn() {
    wasDebugging = Deferred.getDebugging();
    Deferred.setDebugging(true);
  }

  @AfterMethod(alwaysRun = true)
  public void restoreDebugging() {
    Deferred.setDebugging(wasDebugging);
  }

  private static Deferred<String> withCallbacks() {
    Deferred<String> d = new Deferred<>();
    d.<@Nullable Object>addCallbacks(r -> null, f -> null);
    return d;
  }

  private static void callOne(Deferred<String> d) {
    d.callback("hello");
  }

  private static void callTwo(Deferred<String> d) {
    d.callback("twice");
  }

  private static void errOne(Deferred<String> d) {
    d.errback(new Failure(new RuntimeException()));
  }

  private static void errTwo(Deferred<String> d) {
    d.errback(new Failure(new RuntimeException()));
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testAlreadyCalled_CC */
  @Test
  public void callbackAfterCallback() {
    Deferred<String> d = withCallbacks();
    callOne(d);
    assertThrows(AlreadyCalledError.class, () -> callTwo(d));
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testAlreadyCalled_CE */
  @Test
  public void errbackAfterCallback() {
    Deferred<String> d = withCallbacks();
    callOne(d);
    assertThrows(AlreadyCalledError.class, () -> errTwo(d));
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testAlreadyCalled_EE */
  @Test
  public void errbackAfterErrback() {
    Deferred<String> d = withCallbacks();
    errOne(d);
    assertThrows(AlreadyCalledError.class, () -> errTwo(d));
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testAlreadyCalled_EC */
  @Test
  public void callbackAfterErrback() {
    Deferred<String> d = withCallbacks();
    errOne(d);
    assertThrows(AlreadyCalledError.class, () -> callTwo(d));
  }

  /** How many lines of the {@code kind} block (C or I) show a frame of {@code method}. */
  private static int count(String kind, String method, String[] lines) {
    int n = 0;
    for (String line : lines) {
      if (line.startsWith(" " + kind + ":") && line.contains("." + method + "(")) {
        n++;
      }
    }
    return n;
  }

  /**
   * The creator block shows the test that made the Deferred and none of the firing helpers; the
   * invoker block shows the first firing helper and not the second.
   */
  private static void check(AlreadyCalledError e, String caller, String invoker1,
      String invoker2) {
    String message = e.getMessage();
    assertTrue(message != null && message.startsWith("\n"), String.valueOf(message));
    String[] lines = message.split("\n");
    assertEquals(count("C", caller, lines), 1, message);
    for (String helper : List.of("callOne", "callTwo", "errOne", "errTwo")) {
      assertEquals(count("C", helper, lines), 0, message);
    }
    assertEquals(count("I", invoker1, lines), 1, message);
    assertEquals(count("I", invoker2, lines), 0, message);
    assertTrue(message.contains(" C: Deferred was created"), message);
    assertTrue(message.contains(" I: First Invoker was"), message);
    // Frames inside Deferred are left out: each block starts at the caller's code.
    assertEquals(count("C", "<init>", lines), 0, message);
    assertEquals(count("I", "callback", lines) + count("I", "errback", lines), 0, message);
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testAlreadyCalledDebug_CC */
  @Test
  public void alreadyCalledDebugCC() {
    Deferred<String> d = withCallbacks();
    callOne(d);
    try {
      callTwo(d);
      fail("second callback failed to raise AlreadyCalledError");
    } catch (AlreadyCalledError e) {
      check(e, "alreadyCalledDebugCC", "callOne", "callTwo");
    }
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testAlreadyCalledDebug_CE */
  @Test
  public void alreadyCalledDebugCE() {
    Deferred<String> d = withCallbacks();
    callOne(d);
    try {
      errTwo(d);
      fail("second errback failed to raise AlreadyCalledError");
    } catch (AlreadyCalledError e) {
      check(e, "alreadyCalledDebugCE", "callOne", "errTwo");
    }
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testAlreadyCalledDebug_EC */
  @Test
  public void alreadyCalledDebugEC() {
    Deferred<String> d = withCallbacks();
    errOne(d);
    try {
      callTwo(d);
      fail("second callback failed to raise AlreadyCalledError");
    } catch (AlreadyCalledError e) {
      check(e, "alreadyCalledDebugEC", "errOne", "callTwo");
    }
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testAlreadyCalledDebug_EE */
  @Test
  public void alreadyCalledDebugEE() {
    Deferred<String> d = withCallbacks();
    errOne(d);
    try {
      errTwo(d);
      fail("second errback failed to raise AlreadyCalledError");
    } catch (AlreadyCalledError e) {
      check(e, "alreadyCalledDebugEE", "errOne", "errTwo");
    }
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testNoDebugging */
  @Test
  public void noDebuggingMeansNoMessage() {
    Deferred.setDebugging(false);
    Deferred<String> d = withCallbacks();
    callOne(d);
    try {
      callTwo(d);
      fail("second callback failed to raise AlreadyCalledError");
    } catch (AlreadyCalledError e) {
      assertNull(e.getMessage());
    }
  }

  /** twisted.test.test_defer.AlreadyCalledTests.testSwitchDebugging */
  @Test
  public void debugModeMayFlipAroundALiveDeferred() {
    List<String> ran = new ArrayList<>();
    Deferred.setDebugging(false);
    Deferred<@Nullable Object> d = new Deferred<>();
    d.addBoth(ign -> ran.add("first"));
    Deferred.setDebugging(true);
    d.callback(null);

    Deferred.setDebugging(false);
    Deferred<@Nullable Object> d2 = new Deferred<>();
    d2.callback(null);
    Deferred.setDebugging(true);
    d2.addBoth(ign -> ran.add("second"));
    assertEquals(ran, List.of("first", "second"));
  }

  /** As Twisted: a Deferred made with debug off and fired with it on shows only its invoker. */
  @Test
  public void createdBeforeDebugOnShowsOnlyTheInvoker() {
    Deferred.setDebugging(false);
    Deferred<String> d = withCallbacks();
    Deferred.setDebugging(true);
    callOne(d);
    AlreadyCalledError e = expectThrows(AlreadyCalledError.class, () -> callTwo(d));
    String[] lines = e.getMessage().split("\n");
    assertEquals(count("I", "callOne", lines), 1, e.getMessage());
    assertTrue(!e.getMessage().contains(" C:"), e.getMessage());
  }

  /** As Twisted: debug off at the second fire means a plain error, whatever was recorded. */
  @Test
  public void debugOffAtTheSecondFireMeansNoMessage() {
    Deferred<String> d = withCallbacks();
    callOne(d);
    Deferred.setDebugging(false);
    AlreadyCalledError e = expectThrows(AlreadyCalledError.class, () -> callTwo(d));
    assertNull(e.getMessage());
  }
}
