package dev.torsion.internet.defer;

/**
 * {@link DeferredQueue#get} on a queue whose backlog of waiting getters is full.
 *
 * @twisted twisted.internet.defer.QueueUnderflow
 */
public class QueueUnderflow extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public QueueUnderflow() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public QueueUnderflow(String message) {
    super(message);
  }
}
