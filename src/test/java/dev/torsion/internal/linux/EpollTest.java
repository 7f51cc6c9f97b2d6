package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import org.testng.annotations.Test;

public class EpollTest {
  @Test
  public void waitReportsTheRegisteredDataOfAReadyDescriptor() throws IOException {
    int ep = Epoll.create();
    try (EventFd w = new EventFd(); Epoll.Events ev = new Epoll.Events(4)) {
      long data = 0x1234_5678_0000_0000L | w.fd();
      ev.control(ep, w.fd(), Epoll.EPOLLIN, data, false);
      assertEquals(ev.await(ep, 0), 0);
      w.signal();
      assertEquals(ev.await(ep, 1000), 1);
      assertEquals(ev.data(0), data);
      assertEquals(ev.events(0), Epoll.EPOLLIN);
      w.drain();
      assertEquals(ev.await(ep, 0), 0, "level-triggered: nothing once drained");
    } finally {
      Socket.closeQuietly(ep);
    }
  }

  @Test
  public void modifyAndDelete() throws IOException {
    int ep = Epoll.create();
    try (EventFd w = new EventFd(); Epoll.Events ev = new Epoll.Events(4)) {
      ev.control(ep, w.fd(), Epoll.EPOLLIN, 1, false);
      ev.control(ep, w.fd(), Epoll.EPOLLOUT, 2, true);
      // An eventfd below its maximum is always writable.
      assertEquals(ev.await(ep, 1000), 1);
      assertEquals(ev.events(0), Epoll.EPOLLOUT);
      assertEquals(ev.data(0), 2);
      ev.control(ep, w.fd(), 0, 0, true);
      assertEquals(ev.await(ep, 0), 0, "deleted: no events");
    } finally {
      Socket.closeQuietly(ep);
    }
  }

  /** The kernel fact EpollBackend relies on to close its own sockets without EPOLL_CTL_DEL. */
  @Test
  public void closingTheOnlyDescriptorLeavesTheInterestList() throws IOException {
    int ep = Epoll.create();
    try (Epoll.Events ev = new Epoll.Events(4)) {
      EventFd w = new EventFd();
      ev.control(ep, w.fd(), Epoll.EPOLLIN, 7, false);
      w.signal();
      assertEquals(ev.await(ep, 0), 1, "level-triggered: readable while signalled");
      w.close();
      assertEquals(ev.await(ep, 0), 0, "closed: no event, though never deleted");
    } finally {
      Socket.closeQuietly(ep);
    }
  }

  @Test
  public void manyEventsInOneWaitEachWithItsData() throws IOException {
    int ep = Epoll.create();
    EventFd[] fds = new EventFd[5];
    try (Epoll.Events ev = new Epoll.Events(8)) {
      for (int i = 0; i < fds.length; i++) {
        fds[i] = new EventFd();
        ev.control(ep, fds[i].fd(), Epoll.EPOLLOUT, 0x7000_0000_0000_0000L | i, false);
      }
      assertEquals(ev.await(ep, 1000), fds.length);
      long seen = 0;
      for (int i = 0; i < fds.length; i++) {
        assertEquals(ev.events(i), Epoll.EPOLLOUT);
        assertEquals(ev.data(i) >>> 32, 0x7000_0000L, "the high half survives");
        seen |= 1L << (int) ev.data(i);
      }
      assertEquals(seen, 0b11111, "every descriptor reported once");
    } finally {
      for (EventFd f : fds) {
        if (f != null) {
          f.close();
        }
      }
      Socket.closeQuietly(ep);
    }
  }

  @Test
  public void controlOfABadDescriptorIsAnIOExceptionWithTheSystemText() throws IOException {
    int ep = Epoll.create();
    try (Epoll.Events ev = new Epoll.Events(1)) {
      IOException e = expectThrows(IOException.class,
          () -> ev.control(ep, 1_000_000, Epoll.EPOLLIN, 0, false));
      assertEquals(e.getMessage(), "Bad file descriptor (epoll_ctl)");
      IOException twice = expectThrows(IOException.class,
          () -> ev.control(ep, ep, Epoll.EPOLLIN, 0, false));
      assertTrue(twice.getMessage().contains("Invalid argument"), twice.getMessage());
    } finally {
      Socket.closeQuietly(ep);
    }
  }
}
