package dev.torsion.internet.task;

import static dev.torsion.internet.task.ReactTest.react;
import static org.testng.Assert.assertEquals;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.task.ReactTest.ExpectedException;
import dev.torsion.internet.task.ReactTest.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.testng.annotations.Test;

/**
 * {@link Task#reactExitCode} with a {@code main} written on CompletableFutures, Java's analogue
 * of Twisted's {@code async def main} (ReactCoroutineFunctionTests): the stage's outcome, wrapped
 * in CompletionExceptions or not, decides the exit status as a Deferred's would.
 */
public class ReactFutureTest {
  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_runsUntilAsyncCallback */
  @Test
  public void runsUntilAsyncCallback() {
    List<Boolean> timePassed = new ArrayList<>();
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      CompletableFuture<Void> finished = new CompletableFuture<>();
      reactor.callLater(1, () -> timePassed.add(true));
      reactor.callLater(2, () -> finished.complete(null));
      return Deferred.fromFuture(finished.thenApply(v -> v));
    });
    assertEquals(out.code, 0);
    assertEquals(timePassed, List.of(true));
    assertEquals(r.seconds(), 2.0);
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_runsUntilSyncCallback */
  @Test
  public void runsUntilSyncCallback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) ->
        Deferred.fromFuture(CompletableFuture.completedFuture(null)));
    assertEquals(out.code, 0);
    assertEquals(r.seconds(), 0.0);
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_runsUntilAsyncErrback */
  @Test
  public void runsUntilAsyncErrback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      CompletableFuture<Void> finished = new CompletableFuture<>();
      reactor.callLater(1, () -> finished.completeExceptionally(new ExpectedException()));
      return Deferred.fromFuture(finished.thenApply(v -> v));
    });
    assertEquals(out.code, 1);
    assertEquals(out.loggedOf(ExpectedException.class), 1);
    assertEquals(out.logged.size(), 1);
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_runsUntilSyncErrback */
  @Test
  public void runsUntilSyncErrback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) ->
        Deferred.fromFuture(CompletableFuture.failedFuture(new ExpectedException())));
    assertEquals(out.code, 1);
    assertEquals(r.seconds(), 0.0);
    assertEquals(out.loggedOf(ExpectedException.class), 1);
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_singleStopCallback */
  @Test
  public void singleStopCallback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      reactor.callLater(1, reactor::stop);
      CompletableFuture<Void> finished = new CompletableFuture<>();
      reactor.addSystemEventTrigger("during", "shutdown", () -> {
        finished.complete(null);
      });
      return Deferred.fromFuture(finished);
    });
    assertEquals(r.seconds(), 1.0);
    assertEquals(out.code, 0);
    assertEquals(r.stopCalls, 1);
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_singleStopErrback */
  @Test
  public void singleStopErrback() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      reactor.callLater(1, reactor::stop);
      CompletableFuture<Void> finished = new CompletableFuture<>();
      reactor.addSystemEventTrigger("during", "shutdown", () -> {
        finished.completeExceptionally(new ExpectedException());
      });
      return Deferred.fromFuture(finished.thenApply(v -> v));
    });
    assertEquals(out.code, 1);
    assertEquals(r.seconds(), 1.0);
    assertEquals(out.loggedOf(ExpectedException.class), 1);
    assertEquals(r.stopCalls, 1);
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_arguments */
  @Test
  public void passesArguments() {
    List<String> args = new ArrayList<>();
    Outcome out = react(new FakeReactor(), (reactor, argv) -> Deferred.fromFuture(
        CompletableFuture.runAsync(() -> args.addAll(argv), Runnable::run)), "1", "2", "3");
    assertEquals(out.code, 0);
    assertEquals(args, List.of("1", "2", "3"));
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_exitWithDefinedCode */
  @Test
  public void exitsWithSystemExitCode() {
    Outcome out = react(new FakeReactor(), (reactor, argv) -> Deferred.fromFuture(
        CompletableFuture.completedFuture(23).thenApply(code -> {
          throw new SystemExit(code);
        })));
    assertEquals(out.code, 23);
    assertEquals(out.logged, List.of());
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_synchronousStop */
  @Test
  public void reactorStoppedJustBeforeTheStageCompletes() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      CompletableFuture<Void> d = new CompletableFuture<>();
      reactor.callWhenRunning(() -> {
        reactor.stop();
        d.complete(null);
      });
      return Deferred.fromFuture(d);
    });
    assertEquals(out.code, 0);
    assertEquals(out.logged, List.of());
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_asynchronousStop */
  @Test
  public void reactorStoppedWhileTheStageNeverCompletes() {
    FakeReactor r = new FakeReactor();
    Outcome out = react(r, (reactor, argv) -> {
      reactor.callLater(1, reactor::stop);
      return Deferred.fromFuture(new CompletableFuture<Void>());
    });
    assertEquals(out.code, 0);
    assertEquals(r.seconds(), 1.0);
  }
}
