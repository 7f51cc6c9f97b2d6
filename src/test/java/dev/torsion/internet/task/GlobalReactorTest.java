package dev.torsion.internet.task;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import org.testng.annotations.Test;

/**
 * The forms that default to the global reactor ({@code Reactors.current()}), each run by
 * {@link GlobalReactorProbe} in a JVM of its own, where the global reactor really runs.
 */
public class GlobalReactorTest {
  private static ChildJvm.Result probe(String... args) throws Exception {
    return ChildJvm.run(GlobalReactorProbe.class, args);
  }

  /** twisted.test.test_task.ReactTests.test_defaultReactor */
  @Test
  public void reactWithoutAReactorRunsMainOnTheGlobalReactorAndExitsZero() throws Exception {
    ChildJvm.Result r = probe("react", "a", "b");
    assertEquals(r.exitCode, 0, r.toString());
    assertTrue(r.output.contains("same=true argv=[a, b]"), r.toString());
  }

  /** twisted.test.test_task.ReactCoroutineFunctionTests.test_defaultReactor */
  @Test
  public void reactWithoutAReactorWaitsForAFutureBasedMain() throws Exception {
    ChildJvm.Result r = probe("reactFuture");
    assertEquals(r.exitCode, 0, r.toString());
    assertTrue(r.output.contains("same=true"), r.toString());
    assertTrue(r.output.contains("result=computed onReactor=true"), r.toString());
  }

  @Test
  public void reactWithoutAReactorExitsWithTheSystemExitCode() throws Exception {
    ChildJvm.Result r = probe("reactExit", "7");
    assertEquals(r.exitCode, 7, r.toString());
  }

  /** twisted.test.test_task.LoopTests.test_defaultClock */
  @Test
  public void loopingCallsDefaultClockIsTheGlobalReactor() throws Exception {
    ChildJvm.Result r = probe("loopingCall");
    assertEquals(r.exitCode, 0, r.toString());
    assertTrue(r.output.contains("defaultClock=true"), r.toString());
    assertTrue(r.output.contains("calls=3 sameLoop=true"), r.toString());
  }

  /** twisted.test.test_cooperator.AliasTests.test_cooperate */
  @Test
  public void cooperateRunsTheIteratorOnTheGlobalCooperator() throws Exception {
    ChildJvm.Result r = probe("cooperate");
    assertEquals(r.exitCode, 0, r.toString());
    assertTrue(r.output.contains("inTheCooperator=true"), r.toString());
    assertTrue(r.output.contains("result=yay"), r.toString());
    assertTrue(r.output.contains("coiterated=true"), r.toString());
  }
}
