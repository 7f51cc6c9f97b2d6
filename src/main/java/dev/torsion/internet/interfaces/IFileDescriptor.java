package dev.torsion.internet.interfaces;

import dev.torsion.python.failure.Failure;

/**
 * An operating-system file descriptor watched by a readiness reactor through
 * {@link IReactorFDSet}: the common half of {@link IReadDescriptor} and {@link IWriteDescriptor}.
 *
 * <p><b>Threading.</b> Every method is called on the reactor thread.
 *
 * <p><b>Lifecycle.</b> The descriptor belongs to the implementer: the reactor never opens,
 * closes or reads it, it only watches the number {@link #fileno()} gives when the descriptor is
 * added. Close it only after removing it ({@link IReactorFDSet#removeReader},
 * {@link IReactorFDSet#removeWriter}): a number closed while watched may be reused by the next
 * open, and is then watched by mistake. {@link #connectionLost} is called once per ending,
 * after the reactor has already removed the descriptor as reader and writer.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code fileno()} may return any object with a
 * {@code fileno}; here it is the {@code int} itself, a real descriptor on the epoll and poll
 * reactors. {@link #logPrefix()} defaults to the class name.
 *
 * @twisted twisted.internet.interfaces.IFileDescriptor
 */
public interface IFileDescriptor extends ILoggingContext {
  /**
   * The descriptor number to watch. Called when the descriptor is added, and again before each
   * {@code doRead}/{@code doWrite}: -1 then means the descriptor was closed, and it is removed
   * with {@code connectionLost(ConnectionFdescWentAway)}.
   *
   * @return the descriptor, or -1 once closed
   * @twisted twisted.internet.interfaces.IFileDescriptor.fileno
   */
  int fileno();

  /**
   * Called when the reactor stops watching the descriptor because it ended: a
   * {@code doRead}/{@code doWrite} returned a reason or threw, the descriptor hung up
   * ({@code ConnectionDone} if it was being read, else {@code ConnectionLost}), its
   * {@code fileno()} became -1, or the reactor shut down ({@code ConnectionLost}). Not called by
   * {@code removeReader}, {@code removeWriter} or {@code removeAll}. An exception thrown here is
   * logged and dropped.
   *
   * @param reason why; a {@code ConnectionDone} failure for a clean end
   * @twisted twisted.internet.interfaces.IFileDescriptor.connectionLost
   */
  void connectionLost(Failure reason);

  @Override
  default String logPrefix() {
    return getClass().getSimpleName();
  }
}
