package dev.torsion.internal.linux;

import dev.torsion.internet.interfaces.IReactorFDSet;
import java.io.UncheckedIOException;
import org.slf4j.LoggerFactory;

/**
 * {@link IReactorFDSet} over a {@link ReadinessBackend}: each watched number is one
 * {@link WatchedDescriptor} in the backend's table and event source, beside the sockets, with
 * its own registration token and level-triggered interest (READ while it has a reader, WRITE
 * while it has a writer, removed from the source when it has neither). The bookkeeping is
 * {@link FdSetCore}'s; the contract is on the interface.
 */
public final class NativeFdSet extends FdSetCore<WatchedDescriptor> {
  private final ReadinessBackend backend;

  NativeFdSet(ReadinessBackend backend) {
    super(LoggerFactory.getLogger(NativeFdSet.class), backend::checkOpenState);
    this.backend = backend;
  }

  @Override
  protected WatchedDescriptor watchFor(int fd) {
    Descriptor present = backend.lookup(fd);
    if (present == null) {
      WatchedDescriptor d = new WatchedDescriptor(backend, fd);
      backend.opened(d);
      return d;
    }
    if (present instanceof WatchedDescriptor d) {
      return d;
    }
    throw new IllegalArgumentException("descriptor " + fd + " belongs to the reactor's " + present);
  }

  @Override
  protected void arm(WatchedDescriptor d) {
    d.setInterest(d.wanted());
  }

  @Override
  protected void release(WatchedDescriptor d) {
    try {
      backend.forget(d, false);
    } catch (UncheckedIOException e) {
      // Removing a number already closed: the kernel dropped it from the source itself.
    }
  }

  @Override
  protected boolean watches(WatchedDescriptor d) {
    return backend.lookup(d.fd) == d;
  }
}
