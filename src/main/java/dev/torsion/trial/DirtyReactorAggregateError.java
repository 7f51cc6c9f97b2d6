package dev.torsion.trial;

import java.util.List;

/**
 * A {@link TestCase} test left the reactor unclean: timed calls still pending, or ports and
 * connections still open, after the test and its cleanups. The message names each of them:
 * <pre>
 * Reactor was unclean.
 * DelayedCalls:
 * &lt;DelayedCall ... &gt;
 * Selectables:
 * &lt;port or connection&gt;
 * </pre>
 * By the time it is thrown the calls are cancelled and the selectables closed, so the next test
 * starts clean.
 *
 * <p><b>Differences from Twisted.</b> The lists hold the leftovers' descriptions (their
 * {@code toString()}), not the objects, which are dead by then. Twisted's message adds a hint
 * about {@code DelayedCall.debug}, which Torsion's reactor calls do not have.
 *
 * @twisted twisted.trial.util.DirtyReactorAggregateError
 */
public final class DirtyReactorAggregateError extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** The descriptions of the pending calls. */
  private final List<String> delayedCalls;
  /** The descriptions of the open ports and connections. */
  private final List<String> selectables;

  /**
   * An error naming the leftovers.
   *
   * @param delayedCalls descriptions of the timed calls still pending
   * @param selectables descriptions of the ports and connections still open
   */
  public DirtyReactorAggregateError(List<String> delayedCalls, List<String> selectables) {
    super(message(delayedCalls, selectables));
    this.delayedCalls = List.copyOf(delayedCalls);
    this.selectables = List.copyOf(selectables);
  }

  private static String message(List<String> delayedCalls, List<String> selectables) {
    StringBuilder msg = new StringBuilder("Reactor was unclean.");
    if (!delayedCalls.isEmpty()) {
      msg.append("\nDelayedCalls:\n")
          .append(String.join("\n", delayedCalls));
    }
    if (!selectables.isEmpty()) {
      msg.append("\nSelectables:\n").append(String.join("\n", selectables));
    }
    return msg.toString();
  }

  /**
   * The timed calls that were still pending, as they described themselves.
   *
   * @return the descriptions, in the reactor's order
   * @twisted twisted.trial.util.DirtyReactorAggregateError.delayedCalls
   */
  public List<String> delayedCalls() {
    return delayedCalls;
  }

  /**
   * The ports and connections that were still open, as they described themselves.
   *
   * @return the descriptions, oldest first
   * @twisted twisted.trial.util.DirtyReactorAggregateError.selectables
   */
  public List<String> selectables() {
    return selectables;
  }
}
