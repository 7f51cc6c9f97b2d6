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
