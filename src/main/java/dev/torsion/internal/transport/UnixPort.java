package dev.torsion.internal.transport;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internal.reactor.Selectable;
import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.AlreadyListened;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.python.failure.Failure;
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
 * A listening UNIX domain stream socket, as Twisted's {@code unix.Port}: {@link StreamPort}'s
 * accept policy (self-scaling batches, the EMFILE reserve, backoff) over a socket file, which it
 * creates with the asked permissions, guards with an optional PID lock file, and removes when it
 * stops listening.
 */
public final class UnixPort implements IListeningPort, IoBackend.ListenerEvents, Selectable,
    ILoggingContext {
  private static final Logger LOG = LoggerFactory.getLogger(UnixPort.class);

  private enum State { NOT_LISTENING, LISTENING, STOPPING }

  private final LoopCore core;
  private final IProtocolFactory factory;
  private final Path path;
  private final int backlog;
  private final int mode;
  private final boolean wantPID;
  private final DescriptorReservation reservation;
  private final UNIXAddress host;
  private State state = State.NOT_LISTENING;
  private IoBackend.@Nullable Listener listener;
  private @Nullable PidLock lock;
  private int sessionno;
  private int numberAccepts = 100;
  private double backoff;
  private @Nullable IDelayedCall backoffCall;

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
    this.core = core;
    this.factory = factory;
    this.path = path;
    this.backlog = backlog;
    this.mode = mode;
    this.wantPID = wantPID;
    this.reservation = reservation;
    this.host = new UNIXAddress(path.toString());
  }

  @Override
  public void startListening() {
    if (state != State.NOT_LISTENING) {
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
    // Bound first, then started (Twisted starts the factory first and leaves it started when
    // the bind fails; a port that never listened should not need stopping).
    factory.doStart();
    listener = l;
    state = State.LISTENING;
    try {
      Files.setPosixFilePermissions(path, permissions(mode));
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: cannot set mode {} on {}", logPrefix(), Integer.toOctalString(mode), path, e);
    }
    numberAccepts = 100;
    core.addSelectable(this);
    l.setAccepting(true);
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
  public void acceptReady() {
    IoBackend.Listener l = listener;
    if (state != State.LISTENING || l == null) {
      return;
    }
    int accepted = 0;
    while (accepted < numberAccepts && state == State.LISTENING) {
      IoBackend.Stream s;
      try {
        s = l.accept();
      } catch (IOException e) {
        acceptFailed(l, e);
        return;
      }
      if (s == null) {
        break;
      }
      accepted++;
      backoff = 0;
      serve(s);
    }
    if (accepted > 0 && !reservation.available()) {
      reservation.reserve();
    }
    numberAccepts = accepted == numberAccepts ? numberAccepts + 20 : Math.max(1, accepted);
  }

  private void serve(IoBackend.Stream s) {
    // The kernel names the accepted socket after the port; its unbound peer has no name.
    StreamTransport t = new StreamTransport(core, s, host, new UNIXAddress(null),
        StreamTransport.HIGH_WATER);
    IProtocol p;
    try {
      // As Twisted: the factory sees accept()'s empty name, the transport's getPeer() None.
      p = factory.buildProtocol(new UNIXAddress(""));
    } catch (RuntimeException e) {
      LOG.error("{}: buildProtocol failed", logPrefix(), e);
      s.close(true);
      return;
    }
    if (p == null) {
      s.close(false);
      return;
    }
    int session = sessionno++;
    String name = p.getClass().getSimpleName();
    String prefix = p instanceof ILoggingContext c ? c.logPrefix() : name;
    t.describe("<" + name + " #" + session + " on " + path + ">", prefix + "," + session + ",");
    t.begin(p);
  }

  private void acceptFailed(IoBackend.Listener l, IOException e) {
    if (!SocketErrors.isResourceExhaustion(e)) {
      LOG.warn("{}: could not accept new connection ({})", logPrefix(), e.getMessage());
      return;
    }
    LOG.error("{}: could not accept new connection ({})", logPrefix(), e.getMessage());
    if (SocketErrors.isEMFILE(e) && reservation.available()) {
      try (DescriptorReservation.Released r = reservation.release()) {
        IoBackend.Stream s = l.accept();
        if (s != null) {
          s.close(false);
        }
      } catch (IOException again) {
        LOG.debug("{}: accept with the reserved descriptor failed", logPrefix(), again);
      }
    }
    backoff = backoff == 0 ? StreamPort.FIRST_BACKOFF
        : Math.min(StreamPort.MAX_BACKOFF, backoff * 2);
    l.setAccepting(false);
    backoffCall = core.callLater(backoff, () -> {
      backoffCall = null;
      if (state == State.LISTENING && listener == l) {
        l.setAccepting(true);
      }
    });
  }

  @Override
  public Deferred<Void> stopListening() {
    if (state != State.LISTENING) {
      return Defer.succeed(null);
    }
    state = State.STOPPING;
    Deferred<Void> d = new Deferred<>();
    close(() -> {
      try {
        factory.doStop();
      } catch (RuntimeException | Error e) {
        d.errback(new Failure(e));
        return;
      }
      d.callback(null);
    });
    return d;
  }

  private void close(Runnable then) {
    IoBackend.Listener l = listener;
    listener = null;
    IDelayedCall b = backoffCall;
    if (b != null && b.active()) {
      b.cancel();
    }
    backoffCall = null;
    core.removeSelectable(this);
    // As Twisted, the file goes first, so a new port may be bound at this path at once.
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("{}: cannot remove {}", logPrefix(), path, e);
    }
    releaseLock();
    LOG.info("(UNIX Port {} Closed)", path);
    if (l == null) {
      state = State.NOT_LISTENING;
      then.run();
      return;
    }
    l.setAccepting(false);
    l.close(() -> {
      state = State.NOT_LISTENING;
      then.run();
    });
  }

  /** Stops listening at once, as Twisted's {@code Port.connectionLost} at shutdown. */
  @Override
  public void disconnectAtShutdown() {
    if (state != State.LISTENING) {
      return;
    }
    state = State.STOPPING;
    close(() -> {});
    try {
      factory.doStop();
    } catch (RuntimeException | Error e) {
      LOG.error("{}: unhandled error in stopFactory at shutdown", logPrefix(), e);
    }
  }

  @Override
  public IAddress getHost() {
    return host;
  }

  @Override
  public String logPrefix() {
    return factory instanceof ILoggingContext c ? c.logPrefix() : factory.getClass().getName();
  }

  @Override
  public String toString() {
    String f = factory.getClass().getName();
    return state == State.LISTENING ? "<" + f + " on '" + path + "'>"
        : "<" + f + " (not listening)>";
  }
}
