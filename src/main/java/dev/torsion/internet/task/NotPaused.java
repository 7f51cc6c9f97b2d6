package dev.torsion.internet.task;

/**
 * {@link CooperativeTask#resume()} was called more times than {@link CooperativeTask#pause()}.
 *
 * @twisted twisted.internet.task.NotPaused
 */
public final class NotPaused extends SchedulerError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public NotPaused() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public NotPaused(String message) {
    super(message);
  }
}
