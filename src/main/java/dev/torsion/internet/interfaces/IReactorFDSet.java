package dev.torsion.internet.interfaces;

import java.util.List;

/**
 * Watching arbitrary operating-system descriptors for readiness: the facet of a reactor that can
 * watch any descriptor number (epoll, poll, and uring through ring polls) that lets code outside
 * the reactor's own transports (a pipe, a device, an eventfd, a library's socket) be told when a
 * descriptor is readable or writable.
 *
 * <pre>{@code
 * IReactorFDSet fdSet = reactor.fdSet().orElseThrow();  // Twisted: IReactorFDSet.providedBy
 * fdSet.addReader(myPipeReader);
 * }</pre>
 *
 * <p>Readers and writers of the same descriptor coexist; adding an object already added is
 * ignored; removing one that is not there is ignored. A descriptor is watched level-triggered:
 * while it stays readable, {@code doRead} is called on every turn. When {@code doRead} or
 * {@code doWrite} returns a reason or throws, or the descriptor hangs up, the reactor removes
 * it as reader and writer and calls its {@code connectionLost} once (see
 * {@link IFileDescriptor#connectionLost}). At shutdown, every descriptor still watched is
 * removed and told {@code connectionLost(ConnectionLost)}, as Twisted's {@code disconnectAll}.
 *
 * <p><b>Threading.</b> Reactor thread only (before {@code run()} counts as the reactor thread).
 *
 * <p><b>Re-entrancy.</b> Every method may be called from {@code doRead}, {@code doWrite} and
 * {@code connectionLost}; a descriptor removed during a turn gets no further call in that turn.
 *
 * <p><b>Errors.</b> {@code addReader}/{@code addWriter} throw {@code IllegalArgumentException}
 * for a negative {@code fileno()} or a descriptor the reactor's own transports use, and
 * {@code java.io.UncheckedIOException} when the event source refuses the descriptor (epoll
 * refuses regular files and closed descriptors); {@code IllegalStateException} once the
 * reactor has stopped.
 *
 * <p><b>Differences from Twisted.</b>
 * <ul>
 *   <li>Not every reactor has it: {@code Reactor.fdSet()} is empty on {@code nio} (a
 *       {@code java.nio} selector takes channels, not descriptors) and {@code nio2}
 *       (completion-based), as Twisted's iocpreactor does not provide it.</li>
 *   <li>The reactor's own transports and ports, and its waker, are not descriptors here: they
 *       are not in {@link #getReaders()}/{@link #getWriters()} and {@link #removeAll()} leaves
 *       them alone (Twisted's removeAll also removes its transports).</li>
 *   <li>A reader and a writer of one descriptor number that are different objects are both
 *       kept (Twisted's epoll keeps the last one added for both) and both told
 *       {@code connectionLost} when the descriptor ends; adding a second, different reader of a
 *       number replaces the first.</li>
 *   <li>Twisted's half-close ({@code IHalfCloseableDescriptor.readConnectionLost}) is not
 *       offered: a hung-up reader ends whole.</li>
 * </ul>
 *
 * @twisted twisted.internet.interfaces.IReactorFDSet
 */
public interface IReactorFDSet {
  /**
   * Starts calling {@code reader.doRead()} whenever its descriptor is readable.
   *
   * @param reader the reader
   * @twisted twisted.internet.interfaces.IReactorFDSet.addReader
   */
  void addReader(IReadDescriptor reader);

  /**
   * Starts calling {@code writer.doWrite()} whenever its descriptor is writable.
   *
   * @param writer the writer
   * @twisted twisted.internet.interfaces.IReactorFDSet.addWriter
   */
  void addWriter(IWriteDescriptor writer);

  /**
   * Stops watching {@code reader} for reading; nothing if it is not watched.
   *
   * @param reader the reader
   * @twisted twisted.internet.interfaces.IReactorFDSet.removeReader
   */
  void removeReader(IReadDescriptor reader);

  /**
   * Stops watching {@code writer} for writing; nothing if it is not watched.
   *
   * @param writer the writer
   * @twisted twisted.internet.interfaces.IReactorFDSet.removeWriter
   */
  void removeWriter(IWriteDescriptor writer);

  /**
   * Removes every reader and writer, without calling {@code connectionLost}.
   *
   * @return the objects removed, each once (a reader that is also a writer appears once)
   * @twisted twisted.internet.interfaces.IReactorFDSet.removeAll
   */
  List<IFileDescriptor> removeAll();

  /**
   * The readers watched now.
   *
   * @return a copy, in the order they were added
   * @twisted twisted.internet.interfaces.IReactorFDSet.getReaders
   */
  List<IReadDescriptor> getReaders();

  /**
   * The writers watched now.
   *
   * @return a copy, in the order they were added
   * @twisted twisted.internet.interfaces.IReactorFDSet.getWriters
   */
  List<IWriteDescriptor> getWriters();
}
