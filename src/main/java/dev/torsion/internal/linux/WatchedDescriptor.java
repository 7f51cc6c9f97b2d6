package dev.torsion.internal.linux;

/**
 * A descriptor number watched for {@code IReactorFDSet}: its reader and writer slots,
 * registered with the event source like a socket, with its own token. The descriptor is the
 * user's: it is never closed here.
 */
final class WatchedDescriptor extends Descriptor implements FdSetCore.Watch {
  // Initialised after Descriptor's constructor, so fd is already the number.
  private final WatchSlots slots = new WatchSlots(fd);

  WatchedDescriptor(ReadinessBackend backend, int fd) {
    super(backend, fd);
  }

  /** The interest the present reader and writer need. */
  int wanted() {
    return (slots.reader != null ? READ : 0) | (slots.writer != null ? WRITE : 0);
  }

  @Override
  void ready(boolean readable, boolean writable) {
    backend.fdSet().dispatch(this, readable, writable, false);
  }

  @Override
  void ready(boolean readable, boolean writable, boolean hungUp) {
    backend.fdSet().dispatch(this, readable, writable, hungUp);
  }

  @Override
  public WatchSlots slots() {
    return slots;
  }

  @Override
  void closeNow() {
    // The descriptor is the user's; the event source is closed right after this.
  }

  @Override
  public String toString() {
    return "WatchedDescriptor(" + slots + ")";
  }
}
