package dev.torsion.internet.defer;

/**
 * {@link DeferredQueue#put} on a queue already holding its maximum size.
 *
 * @twisted twisted.internet.defer.QueueOverflow
 */
public class QueueOverflow extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with no message. */
  public QueueOverflow() {
    super();
  }

  /**
   * Creates the error.
   *
   * @param message what happened
   */
  public QueueOverflow(String message) {
    super(message);
  }
}
