package dev.torsion.internet.task;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** {@link Task#reactExitCode} against a {@link FakeReactor}, as Twisted's ReactTests. */
public class ReactTest {
  static final class ExpectedException extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** What one react call left behind. */
  static final class Outcome {
    final int code;
    final List<Failure> logged;
    final List<String> reports;

    Outcome(int code, List<Failure> logged, List<String> reports) {
      this.code = code;
      this.logged = logged;
      this.reports = reports;
    }

    long loggedOf(Class<? extends Throwable> type) {
      return logged.stream().filter(f -> f.check(type) != null).count();
    }
  }

  static Outcome react(FakeReactor reactor, Task.Main<FakeReactor> main, String... argv) {
    List<Failure> logged = new ArrayList<>();
    List<String> reports = new ArrayList<>();
    UnhandledErrors.Observer previous = UnhandledErrors.setObserver((failure, report) -> {
      logged.add(failure);
      reports.add(report);
    });
    try {
      return new Outcome(Task.reactExitCode(main, List.of(argv), reactor), logged, reports);
    } finally {
      UnhandledErrors.setObserver(previous);
    }
  }

  /** twisted.test.test_task.ReactTests.test_runsUntilAsyncCallback */
  @Test
  public void runsUntilAsyncCallback() {
    List<Boolean> timePassed = new ArrayList<>();
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      Deferred<Void> finished = new Deferred<>();
      reactor.callLater(1, () -> timePassed.add(true));
      reactor.callLater(2, () -> finished.callback(null));
      return finished;
    });
    assertEquals(out.code, 0);
    assertEquals(timePassed, List.of(true));
    assertEquals(r.seconds(), 2.0);
    assertEquals(r.stopCalls, 1);
  }

  /** twisted.test.test_task.ReactTests.test_runsUntilSyncCallback */
  @Test
  public void runsUntilSyncCallback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> Defer.succeed(null));
    assertEquals(out.code, 0);
    assertEquals(r.seconds(), 0.0);
    assertEquals(r.stopCalls, 1);
  }

  /** twisted.test.test_task.ReactTests.test_runsUntilAsyncErrback */
  @Test
  public void runsUntilAsyncErrback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      Deferred<Void> finished = new Deferred<>();
      reactor.callLater(1, () -> finished.errback(new ExpectedException()));
      return finished;
    });
    assertEquals(out.code, 1);
    assertEquals(out.loggedOf(ExpectedException.class), 1);
    assertEquals(out.logged.size(), 1);
    assertTrue(out.reports.get(0).startsWith("main function encountered error"),
        out.reports.get(0));
  }

  /** twisted.test.test_task.ReactTests.test_runsUntilSyncErrback */
  @Test
  public void runsUntilSyncErrback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> Defer.fail(new ExpectedException()));
    assertEquals(out.code, 1);
    assertEquals(r.seconds(), 0.0);
    assertEquals(out.loggedOf(ExpectedException.class), 1);
  }

  /** twisted.test.test_task.ReactTests.test_singleStopCallback */
  @Test
  public void singleStopCallback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      reactor.callLater(1, reactor::stop);
      Deferred<Void> finished = new Deferred<>();
      reactor.addSystemEventTrigger("during", "shutdown", () -> finished.callback(null));
      return finished;
    });
    assertEquals(r.seconds(), 1.0);
    assertEquals(out.code, 0);
    assertEquals(r.stopCalls, 1);
  }

  /** twisted.test.test_task.ReactTests.test_singleStopErrback */
  @Test
  public void singleStopErrback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      reactor.callLater(1, reactor::stop);
      Deferred<Void> finished = new Deferred<>();
      reactor.addSystemEventTrigger("during", "shutdown",
          () -> finished.errback(new ExpectedException()));
      return finished;
    });
    assertEquals(out.code, 1);
    assertEquals(r.seconds(), 1.0);
    assertEquals(out.loggedOf(ExpectedException.class), 1);
    assertEquals(r.stopCalls, 1);
  }

  /** twisted.test.test_task.ReactTests.test_arguments */
  @Test
  public void passesArguments() {
    List<String> args = new ArrayList<>();
    Outcome out = react(new FakeReactor(), (reactor, argv) -> {
      args.addAll(argv);
      return Defer.succeed(null);
    }, "1", "2", "3");
    assertEquals(out.code, 0);
    assertEquals(args, List.of("1", "2", "3"));
  }

  /** twisted.test.test_task.ReactTests.test_exitWithDefinedCode */
  @Test
  public void exitsWithSystemExitCode() {
    Outcome out = react(new FakeReactor(), (reactor, argv) -> Defer.fail(new SystemExit(23)));
    assertEquals(out.code, 23);
    assertEquals(out.logged, List.of());
  }

  /** twisted.test.test_task.ReactTests.test_synchronousStop */
  @Test
  public void reactorStoppedJustBeforeTheDeferredFires() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      Deferred<Void> d = new Deferred<>();
      reactor.callWhenRunning(() -> {
        reactor.stop();
        d.callback(null);
      });
      return d;
    });
    assertEquals(out.code, 0);
    assertEquals(out.logged, List.of());
  }

  /** twisted.test.test_task.ReactTests.test_asynchronousStop */
  @Test
  public void reactorStoppedWhileTheDeferredNeverFires() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      reactor.callLater(1, reactor::stop);
      return new Deferred<Void>();
    });
    assertEquals(out.code, 0);
    assertEquals(r.seconds(), 1.0);
  }

  @Test
  public void mainIsCalledBeforeTheReactorRuns() {
    List<Boolean> runningWhenCalled = new ArrayList<>();
    react(new FakeReactor(), (reactor, argv) -> {
      runningWhenCalled.add(reactor.running());
      return Defer.succeed(null);
    });
    assertEquals(runningWhenCalled, List.of(false));
  }

  @Test
  public void mainThrowingIsAFailure() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      throw new ExpectedException();
    });
    assertEquals(out.code, 1);
    assertEquals(out.loggedOf(ExpectedException.class), 1);
    assertEquals(r.stopCalls, 1);
  }

  @Test
  public void mainThrowingSystemExitGivesItsCode() {
    Outcome out = react(new FakeReactor(), (reactor, argv) -> {
      throw new SystemExit(7);
    });
    assertEquals(out.code, 7);
    assertEquals(out.logged, List.of());
  }

  @Test
  public void mainReturningNullIsAFailure() {
    Outcome out = react(new FakeReactor(), (reactor, argv) -> null);
    assertEquals(out.code, 1);
    assertEquals(out.loggedOf(NullPointerException.class), 1);
  }

  @Test
  public void systemExitCarriesItsCode() {
    SystemExit exit = new SystemExit(3);
    assertEquals(exit.code(), 3);
    assertEquals(exit.getMessage(), "exit status 3");
  }
}
