package dev.torsion.internet.epoll;

import dev.torsion.internal.linux.NativeFdSetContract;
import dev.torsion.internal.linux.ReadinessBackend;
import java.io.IOException;

public class EpollFdSetTest extends NativeFdSetContract {
  @Override
  protected ReadinessBackend open() throws IOException {
    return new EpollBackend();
  }

  @Override
  protected boolean refusesClosedNumbers() {
    return true;
  }
}
