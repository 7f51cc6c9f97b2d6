package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.error.AlreadyListened;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening UNIX domain stream socket, as Twisted's {@code unix.Port}: {@link BasePort}'s
 * accept policy (self-scaling batches, the EMFILE reserve, backoff) over a socket file, which it
 * creates with the asked permissions, guards with an optional PID lock file, and removes when it
 * stops listening.
 */
public final class UnixPort extends BasePort {
  private static final Logger LOG = LoggerFactory.getLogger(UnixPort.class);

  private final Path path;
  private final int backlog;
  private final int mode;
  private final boolean wantPID;
  private final DescriptorReservation reservation;
  private final UNIXAddress host;
  private @Nullable PidLock lock;

  /**
   * A port, not yet listening.
   *
   * @param core the reactor
   * @param factory builds a protocol per connection
   * @param path the socket file to create
   * @param backlog the accept queue length
   * @param mode the socket file's permission bits, such as {@code 0666}
   * @param wantPID whether to hold the lock file {@code path + ".lock"} while listening
   * @param reservation the descriptor held for EMFILE recovery
   */
  public UnixPort(LoopCore core, IProtocolFactory factory, Path path, int backlog, int mode,
      boolean wantPID, DescriptorReservation reservation) {
    super(core, factory, reservation);
    this.path = path;
    this.backlog = backlog;
    this.mode = mode;
    this.wantPID = wantPID;
    this.reservation = reservation;
    this.host = new UNIXAddress(path.toString());
  }

  @Override
  public void startListening() {
    if (!mayStart()) {
      throw new AlreadyListened(this + " is listening already");
    }
    reservation.reserve();
    LOG.info("{} starting on '{}'", logPrefix(), path);
    if (wantPID) {
      takeLock();
    }
    IoBackend.Listener l;
    try {
      l = core.backend().listenUNIX(UnixDomainSocketAddress.of(path), backlog, this);
    } catch (IOException | RuntimeException e) {
      releaseLock();
      throw new CannotListenError("'" + path + "': " + e.getMessage(), e);
    }
    try {
      Files.setPosixFilePermissions(path, permissions(mode));
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: cannot set mode {} on {}", logPrefix(), Integer.toOctalString(mode), path, e);
    }
    // Bound first, then started (Twisted starts the factory first and leaves it started when
    // the bind fails; a port that never listened should not need stopping).
    listening(l);
  }

  private void takeLock() {
    PidLock pl = new PidLock(Path.of(path + ".lock"));
    try {
      if (!pl.lock()) {
        throw new CannotListenError("'" + path + "': Cannot acquire lock");
      }
      if (!pl.clean() && isSocketFile(path)) {
        // A stale lock: the socket file its dead owner left behind would make bind fail.
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new CannotListenError("'" + path + "': cannot lock: " + e.getMessage(), e);
    }
    lock = pl;
  }

  private static boolean isSocketFile(Path p) {
    try {
      // "Other": neither a regular file, a directory nor a link, as a socket is.
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isOther();
    } catch (IOException e) {
      return false;
    }
  }

  private void releaseLock() {
    PidLock pl = lock;
    lock = null;
    if (pl != null) {
      try {
        pl.unlock();
      } catch (IOException | RuntimeException e) {
        LOG.warn("{}: cannot release {}.lock", logPrefix(), path, e);
      }
    }
  }

  /** Twisted's octal mode as POSIX permission bits (the setuid, setgid and sticky bits drop). */
  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE
    for (int i = 0; i < all.length; i++) {
      if ((mode & (1 << (all.length - 1 - i))) != 0) {
        s.add(all[i]);
      }
    }
    return s;
  }

  @Override
  StreamTransport newTransport(IoBackend.Stream s) {
    // The kernel names the accepted socket after the port; its unbound peer has no name.
    return new StreamTransport(core, s, host, new UNIXAddress(null), StreamTransport.HIGH_WATER);
  }

  @Override
  IAddress factoryAddress(StreamTransport t) {
    // As Twisted: the factory sees accept()'s empty name, the transport's getPeer() None.
    return new UNIXAddress("");
  }

  @Override
  void describe(StreamTransport t, IProtocol p, String prefix, int session) {
    t.describe("<" + p.getClass().getSimpleName() + " #" + session + " on " + path + ">",
        prefix + "," + session + ",");
  }

  @Override
  void closing() {
    // As Twisted, the file goes first, so a new port may be bound at this path at once.
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("{}: cannot remove {}", logPrefix(), path, e);
    }
    releaseLock();
    LOG.info("(UNIX Port {} Closed)", path);
  }

  @Override
  public IAddress getHost() {
    return host;
  }

  @Override
  public String toString() {
    String f = factory.getClass().getName();
    return isListening() ? "<" + f + " on '" + path + "'>"
        : "<" + f + " (not listening)>";
  }
}
