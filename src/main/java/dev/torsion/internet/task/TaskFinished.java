package dev.torsion.internet.task;

/**
 * The base of the errors a {@link CooperativeTask} raises once it has finished for good: exhausted
 * ({@link TaskDone}), stopped ({@link TaskStopped}) or failed ({@link TaskFailed}).
 *
 * @twisted twisted.internet.task.TaskFinished
 */
public class TaskFinished extends SchedulerError {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public TaskFinished() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public TaskFinished(String message) {
    super(message);
  }
}
