package dev.torsion.internet.task;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** {@link Task#reactExitCode} on a real NIO reactor, passed explicitly, bounded in time. */
public class ReactNioTest {
  private static final long BOUND_MS = 20_000;

  private static Reactor nio() {
    return Reactors.provider("nio").create();
  }

  @Test(timeOut = BOUND_MS)
  public void runsTheReactorUntilMainsDeferredFiresThenReturnsZero() {
    Reactor reactor = nio();
    List<String> seen = new ArrayList<>();
    int code = Task.reactExitCode((Reactor r, List<String> argv) -> {
      seen.add("main running=" + r.running());
      Deferred<String> d = new Deferred<>();
      r.callLater(0.02, () -> d.callback("done"));
      return d.addCallback(result -> {
        seen.add(result + " running=" + r.running());
        return null;
      });
    }, List.of("x"), reactor);
    assertEquals(code, 0);
    assertEquals(seen, List.of("main running=false", "done running=true"));
    assertFalse(reactor.running(), "react stops the reactor");
  }

  @Test(timeOut = BOUND_MS)
  public void aFailureIsLoggedAndExitsOne() {
    Reactor reactor = nio();
    List<String> reports = new ArrayList<>();
    UnhandledErrors.Observer previous =
        UnhandledErrors.setObserver((failure, report) -> reports.add(report));
    int code;
    try {
      code = Task.reactExitCode((Reactor r, List<String> argv) -> Task.deferLater(r, 0.01, () -> {
        throw new IllegalStateException("boom");
      }), List.of(), reactor);
    } finally {
      UnhandledErrors.setObserver(previous);
    }
    assertEquals(code, 1);
    assertEquals(reports.size(), 1, reports.toString());
    assertTrue(reports.get(0).startsWith("main function encountered error"), reports.get(0));
  }

  @Test(timeOut = BOUND_MS)
  public void aSystemExitFailurePicksTheCode() {
    int code = Task.reactExitCode(
        (Reactor r, List<String> argv) -> Defer.fail(new SystemExit(5)), List.of(), nio());
    assertEquals(code, 5);
  }

  @Test(timeOut = BOUND_MS)
  public void aLoopingCallOnTheRealReactorRunsUntilStopped() {
    Reactor reactor = nio();
    int[] calls = {0};
    LoopingCall[] lc = new LoopingCall[1];
    lc[0] = new LoopingCall(reactor, () -> {
      if (++calls[0] == 5) {
        lc[0].stop();
      }
    });
    int code = Task.reactExitCode((Reactor r, List<String> argv) -> lc[0].start(0.001),
        List.of(), reactor);
    assertEquals(code, 0);
    assertEquals(calls[0], 5);
  }
}
