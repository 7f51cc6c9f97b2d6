package dev.torsion.internal.linux;

/**
 * One socket of a {@link ReadinessBackend}: its descriptor, its interest, and what it does when
 * the event source reports it ready.
 */
public abstract class Descriptor {
  /** Interest in readability (or waiting connections). */
  public static final int READ = 1;
  /** Interest in writability (or a finished connect). */
  public static final int WRITE = 2;

  final ReadinessBackend backend;
  final int fd;
  /** Tells this registration from an earlier one of the same (closed and reused) number. */
  private final int token;
  private int interest;
  /** Where an event source that keeps an array (poll) holds this descriptor; -1 if nowhere. */
  private int slot = -1;

  Descriptor(ReadinessBackend backend, int fd) {
    this.backend = backend;
    this.fd = fd;
    this.token = backend.nextToken();
  }

  /**
   * The descriptor number.
   *
   * @return the number
   */
  public final int fd() {
    return fd;
  }

  /**
   * A number told with every event of this registration, never 0.
   *
   * @return the token
   */
  public final int token() {
    return token;
  }

  /**
   * The current interest, as {@link #READ} and {@link #WRITE} bits.
   *
   * @return the interest
   */
  public final int interest() {
    return interest;
  }

  /**
   * The event source's array index for this descriptor.
   *
   * @return the index, -1 if none
   */
  public final int slot() {
    return slot;
  }

  /**
   * Records the event source's array index.
   *
   * @param index the index, -1 for none
   */
  public final void slot(int index) {
    slot = index;
  }

  /** Changes the interest if it differs; 0 removes the descriptor from the event source. */
  final void setInterest(int ops) {
    if (ops != interest) {
      backend.changeInterest(this, ops);
      interest = ops;
    }
  }

  /** Leaves the event source just before the backend closes the descriptor. */
  final void closing() {
    if (interest != 0) {
      backend.closing(this);
      interest = 0;
    }
  }

  /**
   * Called from the backend's dispatch when the event source reports the descriptor.
   *
   * @param readable readable, at end of stream, or in error
   * @param writable writable, or in error
   */
  abstract void ready(boolean readable, boolean writable);

  /**
   * Called from the backend's dispatch with the hang-up told apart; a socket treats a hang-up
   * or an error as both readable and writable, so its read or send meets it.
   *
   * @param readable readable, or at end of stream
   * @param writable writable
   * @param hungUp hung up or in error
   */
  void ready(boolean readable, boolean writable, boolean hungUp) {
    ready(readable || hungUp, writable || hungUp);
  }

  /** Closes the socket now, without any event, as at backend shutdown. */
  abstract void closeNow();
}
