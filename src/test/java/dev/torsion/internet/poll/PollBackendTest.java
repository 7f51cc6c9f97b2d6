package dev.torsion.internet.poll;

import dev.torsion.internal.linux.ReadinessBackend;
import dev.torsion.internal.linux.ReadinessBackendContract;
import java.io.IOException;

public class PollBackendTest extends ReadinessBackendContract {
  @Override
  protected ReadinessBackend open() throws IOException {
    return new PollBackend();
  }
}
