package dev.torsion.internet.interfaces;

import org.jspecify.annotations.Nullable;

/**
 * A descriptor that wants to know when it can be written: give it to
 * {@link IReactorFDSet#addWriter}, and remove it once nothing waits to be written, or it is
 * called on every turn.
 *
 * <p><b>Threading.</b> Called on the reactor thread.
 *
 * <p><b>Re-entrancy.</b> {@code doWrite} may add and remove readers and writers, itself
 * included.
 *
 * <p><b>Errors.</b> Return the reason instead of throwing; an exception thrown is logged and
 * then treated as the returned reason.
 *
 * @twisted twisted.internet.interfaces.IWriteDescriptor
 */
public interface IWriteDescriptor extends IFileDescriptor {
  /**
   * Called, level-triggered, on every reactor turn while the descriptor is writable: write what
   * waits without blocking. When the same object is also a ready reader, {@code doRead} runs
   * first, and {@code doWrite} only if {@code doRead} returned null.
   *
   * @return null to go on; a reason to stop: the descriptor is then removed as reader and
   *     writer and {@link #connectionLost} is called with the reason
   * @twisted twisted.internet.interfaces.IWriteDescriptor.doWrite
   */
  @Nullable Throwable doWrite();
}
