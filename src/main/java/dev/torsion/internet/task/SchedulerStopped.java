package dev.torsion.internet.task;

/**
 * The {@link Cooperator} was stopped: a task it was running, or a task added after the stop, fails
 * with this, and a task stopped this way throws it from {@link CooperativeTask#pause()} and
 * {@link CooperativeTask#stop()}.
 *
 * @twisted twisted.internet.task.SchedulerStopped
 */
public final class SchedulerStopped extends SchedulerError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public SchedulerStopped() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public SchedulerStopped(String message) {
    super(message);
  }
}
