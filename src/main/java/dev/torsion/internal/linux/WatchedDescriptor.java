package dev.torsion.internal.linux;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionFdescWentAway;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IFileDescriptor;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A descriptor number watched for {@code IReactorFDSet}: its reader and writer (either may be
 * absent, or both the same object), registered with the event source like a socket, with its
 * own token. The descriptor is the user's: it is never closed here.
 */
final class WatchedDescriptor extends Descriptor {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedDescriptor.class);

  private final NativeFdSet owner;
  @Nullable IReadDescriptor reader;
  @Nullable IWriteDescriptor writer;

  WatchedDescriptor(ReadinessBackend backend, NativeFdSet owner, int fd) {
    super(backend, fd);
    this.owner = owner;
  }

  /** The interest the present reader and writer need. */
  int wanted() {
    return (reader != null ? READ : 0) | (writer != null ? WRITE : 0);
  }

  @Override
  void ready(boolean readable, boolean writable) {
    ready(readable, writable, false);
  }

  /**
   * Twisted's {@code _doReadOrWrite}: a hang-up with nothing left to read ends the descriptor
   * (cleanly if it was being read); otherwise doRead, then doWrite if doRead did not end it.
   */
  @Override
  void ready(boolean readable, boolean writable, boolean hungUp) {
    IFileDescriptor selectable = reader != null ? reader : writer;
    if (selectable == null) {
      return;
    }
    Throwable why = null;
    if (hungUp && !readable) {
      why = reader != null ? new ConnectionDone("the descriptor hung up")
          : new ConnectionLost("the descriptor hung up or failed");
    } else {
      try {
        if (selectable.fileno() == -1) {
          why = new ConnectionFdescWentAway("fileno() is -1");
        } else {
          IReadDescriptor r = reader;
          if (readable && r != null) {
            why = r.doRead();
          }
          // Read the field again: doRead may have removed or replaced the writer.
          IWriteDescriptor w = writer;
          if (why == null && (writable || hungUp) && w != null && owner.watches(this)) {
            why = w.doWrite();
          }
        }
      } catch (RuntimeException | Error e) {
        LOG.error("unhandled error from {} (descriptor {}); removing it",
            selectable.logPrefix(), fd, e);
        why = e;
      }
    }
    if (why != null) {
      owner.disconnect(this, selectable, why);
    }
  }

  @Override
  void closeNow() {
    // The descriptor is the user's; the event source is closed right after this.
  }

  @Override
  public String toString() {
    return "WatchedDescriptor(fd=" + fd + ", reader=" + reader + ", writer=" + writer + ")";
  }
}
