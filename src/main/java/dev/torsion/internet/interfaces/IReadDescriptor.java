package dev.torsion.internet.interfaces;

import org.jspecify.annotations.Nullable;

/**
 * A descriptor that wants to know when it is readable: give it to
 * {@link IReactorFDSet#addReader}.
 *
 * <pre>{@code
 * fdSet.addReader(new IReadDescriptor() {
 *   public int fileno() { return fd; }
 *   public Throwable doRead() { return readWhatIsThere(fd) < 0 ? new ConnectionDone() : null; }
 *   public void connectionLost(Failure reason) { close(fd); }
 * });
 * }</pre>
 *
 * <p><b>Threading.</b> Called on the reactor thread.
 *
 * <p><b>Re-entrancy.</b> {@code doRead} may add and remove readers and writers, itself included.
 *
 * <p><b>Errors.</b> Return the reason instead of throwing; an exception thrown is logged and
 * then treated as the returned reason.
 *
 * @twisted twisted.internet.interfaces.IReadDescriptor
 */
public interface IReadDescriptor extends IFileDescriptor {
  /**
   * Called, level-triggered, on every reactor turn while the descriptor is readable (or at end
   * of file): read what is there without blocking (the descriptor should be non-blocking). Data
   * left unread is reported again on the next turn.
   *
   * @return null to go on; a reason (such as {@code new ConnectionDone()} at end of file) to
   *     stop: the descriptor is then removed as reader and writer and
   *     {@link #connectionLost} is called with the reason
   * @twisted twisted.internet.interfaces.IReadDescriptor.doRead
   */
  @Nullable Throwable doRead();
}
