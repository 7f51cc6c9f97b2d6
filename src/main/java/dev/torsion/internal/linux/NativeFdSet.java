package dev.torsion.internal.linux;

import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IFileDescriptor;
import dev.torsion.internet.interfaces.IReactorFDSet;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import dev.torsion.python.failure.Failure;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IReactorFDSet} over a {@link ReadinessBackend}: each watched number is one
 * {@link WatchedDescriptor} in the backend's table and event source, beside the sockets, with
 * its own registration token and level-triggered interest (READ while it has a reader, WRITE
 * while it has a writer, removed from the source when it has neither). The contract is on the
 * interface.
 */
public final class NativeFdSet implements IReactorFDSet {
  private static final Logger LOG = LoggerFactory.getLogger(NativeFdSet.class);

  private final ReadinessBackend backend;
  private final Map<IReadDescriptor, WatchedDescriptor> readers = new LinkedHashMap<>();
  private final Map<IWriteDescriptor, WatchedDescriptor> writers = new LinkedHashMap<>();

  NativeFdSet(ReadinessBackend backend) {
    this.backend = backend;
  }

  @Override
  public void addReader(IReadDescriptor reader) {
    if (readers.containsKey(reader)) {
      return;
    }
    WatchedDescriptor d = entryFor(reader);
    IReadDescriptor old = d.reader;
    if (old != null) {
      readers.remove(old);
    }
    d.reader = reader;
    readers.put(reader, d);
    update(d, () -> {
      readers.remove(reader);
      d.reader = old;
      if (old != null) {
        readers.put(old, d);
      }
    });
  }

  @Override
  public void addWriter(IWriteDescriptor writer) {
    if (writers.containsKey(writer)) {
      return;
    }
    WatchedDescriptor d = entryFor(writer);
    IWriteDescriptor old = d.writer;
    if (old != null) {
      writers.remove(old);
    }
    d.writer = writer;
    writers.put(writer, d);
    update(d, () -> {
      writers.remove(writer);
      d.writer = old;
      if (old != null) {
        writers.put(old, d);
      }
    });
  }

  @Override
  public void removeReader(IReadDescriptor reader) {
    WatchedDescriptor d = readers.remove(reader);
    if (d != null) {
      d.reader = null;
      update(d, null);
    }
  }

  @Override
  public void removeWriter(IWriteDescriptor writer) {
    WatchedDescriptor d = writers.remove(writer);
    if (d != null) {
      d.writer = null;
      update(d, null);
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
  public void disconnectAll() {
    for (IFileDescriptor f : removeAll()) {
      lost(f, new ConnectionLost("the reactor shut down"));
    }
  }

  /** Whether {@code d} still watches its number (a callback may have removed it). */
  boolean watches(WatchedDescriptor d) {
    return backend.lookup(d.fd) == d;
  }

  /**
   * Twisted's {@code _disconnectSelectable}: removes the descriptor as reader and writer, then
   * tells each distinct object removed, and the one that ended it, {@code connectionLost}.
   */
  void disconnect(WatchedDescriptor d, IFileDescriptor selectable, Throwable why) {
    Set<IFileDescriptor> told = new LinkedHashSet<>();
    told.add(selectable);
    IReadDescriptor r = d.reader;
    IWriteDescriptor w = d.writer;
    if (r != null) {
      told.add(r);
      removeReader(r);
    }
    if (w != null) {
      told.add(w);
      removeWriter(w);
    }
    for (IFileDescriptor f : told) {
      lost(f, why);
    }
  }

  private static void lost(IFileDescriptor f, Throwable why) {
    try {
      f.connectionLost(new Failure(why));
    } catch (RuntimeException | Error e) {
      LOG.error("unhandled error in connectionLost of {}", f.logPrefix(), e);
    }
  }

  /** The entry for {@code f}'s number, made if new. */
  private WatchedDescriptor entryFor(IFileDescriptor f) {
    backend.checkOpenState();
    int fd = f.fileno();
    if (fd < 0) {
      throw new IllegalArgumentException(f.logPrefix() + " has no descriptor (fileno " + fd
          + ")");
    }
    Descriptor present = backend.lookup(fd);
    if (present == null) {
      WatchedDescriptor d = new WatchedDescriptor(backend, this, fd);
      backend.opened(d);
      return d;
    }
    if (present instanceof WatchedDescriptor d) {
      return d;
    }
    throw new IllegalArgumentException("descriptor " + fd + " belongs to the reactor's " + present);
  }

  /**
   * Gives the event source {@code d}'s new interest, and drops {@code d} once it has no reader
   * and no writer. If the source refuses a new interest, {@code undo} restores the maps.
   */
  private void update(WatchedDescriptor d, @Nullable Runnable undo) {
    int wanted = d.wanted();
    try {
      if (wanted == 0) {
        backend.forget(d, false);
      } else {
        d.setInterest(wanted);
      }
    } catch (UncheckedIOException e) {
      if (wanted == 0) {
        // Removing a number already closed: the kernel dropped it from the source itself.
        return;
      }
      if (undo != null) {
        undo.run();
      }
      if (d.wanted() == 0) {
        backend.forget(d, false);
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "NativeFdSet(" + readers.size() + " readers, " + writers.size() + " writers)";
  }
}
