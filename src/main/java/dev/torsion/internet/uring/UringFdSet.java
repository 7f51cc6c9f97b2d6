package dev.torsion.internet.uring;

import dev.torsion.internal.linux.FdSetCore;
import dev.torsion.internet.interfaces.IReactorFDSet;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link IReactorFDSet} on io_uring: readiness through ring polls ({@link UringWatch}), one
 * watch per descriptor number; the bookkeeping is {@link FdSetCore}'s. The contract is on the
 * interface; two differences from the readiness reactors: a descriptor the kernel refuses to
 * poll (a closed one: EBADF) is not refused by {@code addReader} but ended with
 * {@code connectionLost} on the next turn, since the poll's submission is checked only when the
 * ring runs it; and a regular file is always ready, as poll(2) reports it, where epoll refuses
 * it.
 */
final class UringFdSet extends FdSetCore<UringWatch> {
  private final UringBackend backend;
  // The ring keeps no table of numbers, so the set keeps its own.
  private final Map<Integer, UringWatch> byFd = new HashMap<>();

  UringFdSet(UringBackend backend) {
    super(UringBackend.LOG, backend::checkOpenState);
    this.backend = backend;
  }

  @Override
  protected UringWatch watchFor(int fd) {
    UringWatch w = byFd.get(fd);
    if (w != null) {
      return w;
    }
    UringHandle own = backend.handleOf(fd);
    if (own != null) {
      throw new IllegalArgumentException("descriptor " + fd + " belongs to the reactor's " + own);
    }
    w = new UringWatch(backend, fd);
    byFd.put(fd, w);
    return w;
  }

  @Override
  protected void arm(UringWatch w) {
    w.update();
  }

  @Override
  protected void release(UringWatch w) {
    byFd.remove(w.fd, w);
    w.beginClose();
  }

  @Override
  protected boolean watches(UringWatch w) {
    // A watch leaves the map and starts closing together, in release.
    return !w.closing();
  }
}
