package dev.torsion.internet.task;

/**
 * The task's iterator threw (or a Deferred it returned failed): thrown by
 * {@link CooperativeTask#pause()} and {@link CooperativeTask#stop()} afterwards; the
 * {@link CooperativeTask#whenDone()} Deferreds fail with the iterator's own error, not this.
 *
 * @twisted twisted.internet.task.TaskFailed
 */
public final class TaskFailed extends TaskFinished {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public TaskFailed() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public TaskFailed(String message) {
    super(message);
  }
}
