package dev.torsion.internet.task;

/**
 * The task was stopped with {@link CooperativeTask#stop()}: its {@link CooperativeTask#whenDone()}
 * Deferreds fail with this, and {@code pause()} and {@code stop()} throw it afterwards.
 *
 * @twisted twisted.internet.task.TaskStopped
 */
public final class TaskStopped extends TaskFinished {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public TaskStopped() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public TaskStopped(String message) {
    super(message);
  }
}
