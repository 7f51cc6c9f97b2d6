package dev.torsion.internet.task;

/**
 * The task's iterator was exhausted: thrown by {@link CooperativeTask#pause()} and
 * {@link CooperativeTask#stop()} afterwards.
 *
 * @twisted twisted.internet.task.TaskDone
 */
public final class TaskDone extends TaskFinished {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public TaskDone() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public TaskDone(String message) {
    super(message);
  }
}
