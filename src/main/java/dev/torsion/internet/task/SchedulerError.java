package dev.torsion.internet.task;

/**
 * The base of the errors a {@link Cooperator} or a {@link CooperativeTask} raises when asked to
 * do something its state forbids. Catch this to handle them all.
 *
 * @twisted twisted.internet.task.SchedulerError
 */
public class SchedulerError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public SchedulerError() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public SchedulerError(String message) {
    super(message);
  }
}
