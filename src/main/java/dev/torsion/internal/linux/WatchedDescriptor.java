package dev.torsion.internal.linux;

/**
 * A descriptor number watched for {@code IReactorFDSet}: its reader and writer slots,
 * registered with the event source like a socket, with its own token. The descriptor is the
 * user's: it is never closed here.
 */
final class WatchedDescriptor extends Descriptor implements FdSetCore.Watch {
  private final NativeFdSet owner;
  private final WatchSlots slots;

  WatchedDescriptor(ReadinessBackend backend, NativeFdSet owner, int fd) {
    super(backend, fd);
    this.owner = owner;
    this.slots = new WatchSlots(fd);
  }

  @Override
  public WatchSlots slots() {
    return slots;
  }

  /** The interest the present reader and writer need. */
  int wanted() {
    return (slots.reader != null ? READ : 0) | (slots.writer != null ? WRITE : 0);
  }

  @Override
  void ready(boolean readable, boolean writable) {
    owner.dispatch(this, readable, writable, false);
  }

  @Override
  void ready(boolean readable, boolean writable, boolean hungUp) {
    owner.dispatch(this, readable, writable, hungUp);
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
