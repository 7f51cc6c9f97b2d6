package dev.torsion.internet.uring;

import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IFileDescriptor;
import dev.torsion.internet.interfaces.IReactorFDSet;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import dev.torsion.python.failure.Failure;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link IReactorFDSet} on io_uring: readiness through ring polls ({@link UringWatch}), one
 * watch per descriptor number. The contract is on the interface; two differences from the
 * readiness reactors: a descriptor the kernel refuses to poll (a closed one: EBADF) is not
 * refused by {@code addReader} but ended with {@code connectionLost} on the next turn, since
 * the poll's submission is checked only when the ring runs it; and a regular file is always
 * ready, as poll(2) reports it, where epoll refuses it.
 */
final class UringFdSet implements IReactorFDSet {
  private final UringBackend backend;
  private final Map<IReadDescriptor, UringWatch> readers = new LinkedHashMap<>();
  private final Map<IWriteDescriptor, UringWatch> writers = new LinkedHashMap<>();
  private final Map<Integer, UringWatch> watches = new HashMap<>();

  UringFdSet(UringBackend backend) {
    this.backend = backend;
  }

  @Override
  public void addReader(IReadDescriptor reader) {
    if (readers.containsKey(reader)) {
      return;
    }
    UringWatch w = watchFor(reader);
    IReadDescriptor old = w.reader;
    if (old != null) {
      readers.remove(old);
    }
    w.reader = reader;
    readers.put(reader, w);
    update(w, () -> {
      readers.remove(reader);
      w.reader = old;
      if (old != null) {
        readers.put(old, w);
      }
    });
  }

  @Override
  public void addWriter(IWriteDescriptor writer) {
    if (writers.containsKey(writer)) {
      return;
    }
    UringWatch w = watchFor(writer);
    IWriteDescriptor old = w.writer;
    if (old != null) {
      writers.remove(old);
    }
    w.writer = writer;
    writers.put(writer, w);
    update(w, () -> {
      writers.remove(writer);
      w.writer = old;
      if (old != null) {
        writers.put(old, w);
      }
    });
  }

  @Override
  public void removeReader(IReadDescriptor reader) {
    UringWatch w = readers.remove(reader);
    if (w != null) {
      w.reader = null;
      update(w, null);
    }
  }

  @Override
  public void removeWriter(IWriteDescriptor writer) {
    UringWatch w = writers.remove(writer);
    if (w != null) {
      w.writer = null;
      update(w, null);
    }
  }

  @Override
  public List<IFileDescriptor> removeAll() {
    Set<IFileDescriptor> removed = new LinkedHashSet<>(readers.keySet());
    removed.addAll(writers.keySet());
    for (IReadDescriptor r : new ArrayList<>(readers.keySet())) {
      removeReader(r);
    }
    for (IWriteDescriptor w : new ArrayList<>(writers.keySet())) {
      removeWriter(w);
    }
    return new ArrayList<>(removed);
  }

  @Override
  public List<IReadDescriptor> getReaders() {
    return new ArrayList<>(readers.keySet());
  }

  @Override
  public List<IWriteDescriptor> getWriters() {
    return new ArrayList<>(writers.keySet());
  }

  /** Twisted's {@code disconnectAll} for watched descriptors, at reactor shutdown. */
  void disconnectAll() {
    for (IFileDescriptor f : removeAll()) {
      lost(f, new ConnectionLost("the reactor shut down"));
    }
  }

  /**
   * Twisted's {@code _disconnectSelectable}: removes the descriptor as reader and writer, then
   * tells each distinct object removed, and the one that ended it, {@code connectionLost}.
   */
  void disconnect(UringWatch w, IFileDescriptor selectable, Throwable why) {
    Set<IFileDescriptor> told = new LinkedHashSet<>();
    told.add(selectable);
    IReadDescriptor r = w.reader;
    IWriteDescriptor wr = w.writer;
    if (r != null) {
      told.add(r);
      removeReader(r);
    }
    if (wr != null) {
      told.add(wr);
      removeWriter(wr);
    }
    for (IFileDescriptor f : told) {
      lost(f, why);
    }
  }

  private static void lost(IFileDescriptor f, Throwable why) {
    try {
      f.connectionLost(new Failure(why));
    } catch (RuntimeException | Error e) {
      UringBackend.LOG.error("unhandled error in connectionLost of {}", f.logPrefix(), e);
    }
  }

  private UringWatch watchFor(IFileDescriptor f) {
    backend.checkOpenState();
    int fd = f.fileno();
    if (fd < 0) {
      throw new IllegalArgumentException(f.logPrefix() + " has no descriptor (fileno " + fd
          + ")");
    }
    UringWatch w = watches.get(fd);
    if (w != null) {
      return w;
    }
    UringHandle own = backend.handleOf(fd);
    if (own != null) {
      throw new IllegalArgumentException("descriptor " + fd + " belongs to the reactor's " + own);
    }
    w = new UringWatch(backend, this, fd);
    watches.put(fd, w);
    return w;
  }

  /** Arms or cancels {@code w}'s polls; closes it once idle. Undoes the maps on a refusal. */
  private void update(UringWatch w, @Nullable Runnable undo) {
    UncheckedIOException refused = null;
    if (!w.idle()) {
      try {
        w.update();
        return;
      } catch (UncheckedIOException e) {
        if (undo != null) {
          undo.run();
        }
        refused = e;
        if (!w.idle()) {
          throw e;
        }
      }
    }
    watches.remove(w.fd, w);
    w.beginClose();
    if (refused != null) {
      throw refused;
    }
  }

  @Override
  public String toString() {
    return "UringFdSet(" + readers.size() + " readers, " + writers.size() + " writers)";
  }
}
