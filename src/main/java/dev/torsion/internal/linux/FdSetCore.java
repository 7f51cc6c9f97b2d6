package dev.torsion.internal.linux;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionFdescWentAway;
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
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The {@link IReactorFDSet} bookkeeping every native reactor shares: which reader and writer
 * watch which number, the roll-back when the kernel refuses a new interest, and Twisted's
 * dispatch rule (doRead, then doWrite, ending the number with {@code connectionLost} once). A
 * backend supplies one watch entry per number and three primitives: find or make the entry,
 * give the kernel the entry's present interest, and let the entry go once nobody watches it.
 * The contract is on the interface.
 *
 * @param <E> the backend's watch entry
 */
public abstract class FdSetCore<E extends FdSetCore.Watch> implements IReactorFDSet {
  /** A backend's per-number watch entry: its own registration, plus the shared slots. */
  public interface Watch {
    /**
     * The reader and writer of this entry.
     *
     * @return the slots, the same object for the entry's whole life
     */
    WatchSlots slots();
  }

  private final Logger log;
  private final Runnable checkOpen;
  private final Map<IReadDescriptor, E> readers = new LinkedHashMap<>();
  private final Map<IWriteDescriptor, E> writers = new LinkedHashMap<>();

  /**
   * A set logging callback errors to {@code log}.
   *
   * @param log the backend's logger
   * @param checkOpen throws {@link IllegalStateException} once the reactor has stopped
   */
  protected FdSetCore(Logger log, Runnable checkOpen) {
    this.log = log;
    this.checkOpen = checkOpen;
  }

  /**
   * The entry watching {@code fd}, made if new.
   *
   * @param fd a number, not negative
   * @return its entry
   * @throws IllegalArgumentException if the reactor's own socket has the number
   */
  protected abstract E watchFor(int fd);

  /**
   * Gives the kernel the interest {@code e}'s present reader and writer need; {@code e} is not
   * idle.
   *
   * @param e the entry
   * @throws UncheckedIOException if the kernel refuses it
   */
  protected abstract void arm(E e);

  /**
   * Lets go of {@code e}, which nobody watches any more; never throws.
   *
   * @param e the idle entry
   */
  protected abstract void release(E e);

  /**
   * Whether {@code e} still watches its number: a callback may have removed it.
   *
   * @param e the entry
   * @return true while it is the number's entry
   */
  protected abstract boolean watches(E e);

  @Override
  public final void addReader(IReadDescriptor reader) {
    add(readers, reader, s -> s.reader, (s, r) -> s.reader = r);
  }

  @Override
  public final void addWriter(IWriteDescriptor writer) {
    add(writers, writer, s -> s.writer, (s, w) -> s.writer = w);
  }

  @Override
  public final void removeReader(IReadDescriptor reader) {
    remove(readers, reader, (s, r) -> s.reader = r);
  }

  @Override
  public final void removeWriter(IWriteDescriptor writer) {
    remove(writers, writer, (s, w) -> s.writer = w);
  }

  @Override
  public final List<IFileDescriptor> removeAll() {
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
  public final List<IReadDescriptor> getReaders() {
    return new ArrayList<>(readers.keySet());
  }

  @Override
  public final List<IWriteDescriptor> getWriters() {
    return new ArrayList<>(writers.keySet());
  }

  /** Twisted's {@code disconnectAll} for watched descriptors, at reactor shutdown. */
  public final void disconnectAll() {
    for (IFileDescriptor f : removeAll()) {
      lost(f, new ConnectionLost("the reactor shut down"));
    }
  }

  /**
   * Twisted's {@code _doReadOrWrite}, for the backend's readiness report on {@code e}: a
   * hang-up with nothing left to read ends the descriptor (cleanly if it was being read);
   * otherwise doRead, then doWrite if doRead did not end it.
   *
   * @param e the entry reported ready
   * @param readable whether the number is readable
   * @param writable whether it is writable
   * @param hungUp whether the kernel reported a hang-up or an error
   */
  public final void dispatch(E e, boolean readable, boolean writable, boolean hungUp) {
    WatchSlots s = e.slots();
    IFileDescriptor selectable = s.selectable();
    if (selectable == null) {
      return;
    }
    Throwable why = null;
    if (hungUp && !readable) {
      why = s.reader != null ? new ConnectionDone("the descriptor hung up")
          : new ConnectionLost("the descriptor hung up or failed");
    } else {
      try {
        if (selectable.fileno() == -1) {
          why = new ConnectionFdescWentAway("fileno() is -1");
        } else {
          IReadDescriptor r = s.reader;
          if (readable && r != null) {
            why = r.doRead();
          }
          // Read the slot again: doRead may have removed or replaced the writer.
          IWriteDescriptor w = s.writer;
          if (why == null && (writable || hungUp) && w != null && watches(e)) {
            why = w.doWrite();
          }
        }
      } catch (RuntimeException | Error x) {
        log.error("unhandled error from {} (descriptor {}); removing it",
            selectable.logPrefix(), s.fd, x);
        why = x;
      }
    }
    if (why != null) {
      disconnect(e, selectable, why);
    }
  }

  /**
   * Ends {@code e}'s watchers with {@code why}, for a failure the kernel reported on it.
   *
   * @param e the entry
   * @param why the reason told to {@code connectionLost}
   */
  public final void fail(E e, Throwable why) {
    IFileDescriptor selectable = e.slots().selectable();
    if (selectable != null) {
      disconnect(e, selectable, why);
    }
  }

  /**
   * Twisted's {@code _disconnectSelectable}: removes the descriptor as reader and writer, then
   * tells each distinct object removed, and the one that ended it, {@code connectionLost}.
   */
  private void disconnect(E e, IFileDescriptor selectable, Throwable why) {
    Set<IFileDescriptor> told = new LinkedHashSet<>();
    told.add(selectable);
    IReadDescriptor r = e.slots().reader;
    IWriteDescriptor w = e.slots().writer;
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

  private void lost(IFileDescriptor f, Throwable why) {
    try {
      f.connectionLost(new Failure(why));
    } catch (RuntimeException | Error e) {
      log.error("unhandled error in connectionLost of {}", f.logPrefix(), e);
    }
  }

  /**
   * Puts {@code added} in its number's reader or writer slot (read by {@code slot}, written by
   * {@code fill}), replacing whoever was there; the lambdas capture nothing, so they are not
   * allocated per call.
   */
  private <D extends IFileDescriptor> void add(Map<D, E> watchers, D added,
      Function<WatchSlots, @Nullable D> slot, BiConsumer<WatchSlots, @Nullable D> fill) {
    if (watchers.containsKey(added)) {
      return;
    }
    E e = entryFor(added);
    WatchSlots s = e.slots();
    D old = slot.apply(s);
    if (old != null) {
      watchers.remove(old);
    }
    fill.accept(s, added);
    watchers.put(added, e);
    update(e, () -> {
      watchers.remove(added);
      fill.accept(s, old);
      if (old != null) {
        watchers.put(old, e);
      }
    });
  }

  private <D extends IFileDescriptor> void remove(Map<D, E> watchers, D removed,
      BiConsumer<WatchSlots, @Nullable D> fill) {
    E e = watchers.remove(removed);
    if (e != null) {
      fill.accept(e.slots(), null);
      update(e, null);
    }
  }

  private E entryFor(IFileDescriptor f) {
    checkOpen.run();
    int fd = f.fileno();
    if (fd < 0) {
      throw new IllegalArgumentException(f.logPrefix() + " has no descriptor (fileno " + fd
          + ")");
    }
    return watchFor(fd);
  }

  /**
   * Arms {@code e}'s new interest, or releases it once idle. If the kernel refuses the interest,
   * {@code undo} restores the maps first, and {@code e} is released if that left it idle.
   */
  private void update(E e, @Nullable Runnable undo) {
    WatchSlots s = e.slots();
    if (!s.idle()) {
      try {
        arm(e);
        return;
      } catch (UncheckedIOException refused) {
        if (undo != null) {
          undo.run();
        }
        if (!s.idle()) {
          throw refused;
        }
        release(e);
        throw refused;
      }
    }
    release(e);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + readers.size() + " readers, " + writers.size()
        + " writers)";
  }
}
