package dev.torsion.internet.epoll;

import dev.torsion.internal.linux.ReadinessBackend;
import dev.torsion.internal.linux.ReadinessBackendContract;
import java.io.IOException;

public class EpollBackendTest extends ReadinessBackendContract {
  @Override
  protected ReadinessBackend open() throws IOException {
    return new EpollBackend();
  }
}
