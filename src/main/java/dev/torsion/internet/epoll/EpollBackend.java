package dev.torsion.internet.epoll;

import dev.torsion.internal.linux.Descriptor;
import dev.torsion.internal.linux.Epoll;
import dev.torsion.internal.linux.ReadinessBackend;
import dev.torsion.internal.linux.Socket;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The I/O backend over epoll(7); sockets, buffers and dispatch are {@link ReadinessBackend}'s.
 *
 * <p>Some facts about epoll this class relies on:
 * <ul>
 *   <li>Level-triggered, on purpose: a socket still readable after one bounded 64 KiB read, or
 *       paused by a producer, is simply reported again; edge-triggered would have to read until
 *       EAGAIN (unfair to other sockets, and wrong while reading is paused) or remember every
 *       unfinished socket itself.</li>
 *   <li>EPOLLERR and EPOLLHUP are reported even for a descriptor registered with no events, so
 *       a descriptor with no interest is removed (EPOLL_CTL_DEL), never left registered with an
 *       empty mask: a hung-up idle socket would spin the loop.</li>
 *   <li>The interest list holds the open file description, not the number, and closing the
 *       last descriptor of a description removes it from the list. So a socket this backend
 *       closes itself is not removed first (one system call less per connection, as Netty
 *       does); an adopted channel's, whose description might be shared, is. Each event
 *       carries a registration token besides the number, so an event for a socket closed
 *       earlier in the same batch, whose number was reused by an accept, is dropped instead of
 *       delivered to the newcomer; so are the events of a closed socket whose description a
 *       forked child still holds until it execs (level-triggered, they repeat until then).</li>
 *   <li>The eventfd waker stays registered for EPOLLIN with token 0.</li>
 * </ul>
 */
final class EpollBackend extends ReadinessBackend {
  /** The most events one wait returns; more simply wait for the next turn. */
  private static final int MAX_EVENTS = 1024;
  private final int epfd;
  private final Epoll.Events events = new Epoll.Events(MAX_EVENTS);

  EpollBackend() throws IOException {
    int fd = -1;
    try {
      fd = Epoll.create();
      events.control(fd, waker.fd(), Epoll.EPOLLIN, waker.fd(), false);
    } catch (IOException | RuntimeException e) {
      if (fd >= 0) {
        Socket.closeQuietly(fd);
      }
      events.close();
      waker.close();
      throw e;
    }
    epfd = fd;
  }

  @Override
  protected void changeInterest(Descriptor d, int ops) {
    int mask = ((ops & Descriptor.READ) != 0 ? Epoll.EPOLLIN : 0)
        | ((ops & Descriptor.WRITE) != 0 ? Epoll.EPOLLOUT : 0);
    try {
      events.control(epfd, d.fd(), mask, (long) d.token() << 32 | d.fd(), d.interest() != 0);
    } catch (IOException e) {
      throw new UncheckedIOException("epoll cannot watch descriptor " + d.fd(), e);
    }
  }

  @Override
  protected void closing(Descriptor d) {
    // Closing the last descriptor of a file description removes it from the interest list,
    // so the EPOLL_CTL_DEL would be a wasted system call per connection. Should the
    // description outlive the close (a fork that has not exec'd yet holds a copy), its late
    // events carry this registration's token and are dropped in await.
  }

  @Override
  protected void await(int timeoutMillis) throws IOException {
    int n = events.await(epfd, timeoutMillis);
    for (int i = 0; i < n; i++) {
      long data = events.data(i);
      int fd = (int) data;
      int token = (int) (data >>> 32);
      if (token == 0) {
        wakerReady();
        continue;
      }
      Descriptor d = lookup(fd);
      if (d == null || d.token() != token) {
        continue; // closed earlier in this batch
      }
      int ev = events.events(i);
      boolean broken = (ev & (Epoll.EPOLLERR | Epoll.EPOLLHUP)) != 0;
      dispatch(d, (ev & Epoll.EPOLLIN) != 0, (ev & Epoll.EPOLLOUT) != 0, broken);
    }
  }

  @Override
  protected void closeSource() {
    Socket.closeQuietly(epfd);
    events.close();
  }

  @Override
  public String toString() {
    return "EpollBackend(epfd=" + epfd + ")";
  }
}
