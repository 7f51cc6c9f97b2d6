package dev.torsion.it.unix;

import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import dev.torsion.it.support.ReactorCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;

/**
 * What the UNIX socket tests share: {@link ReactorCase}'s reactor per test, and a fresh, short
 * temporary directory (socket paths must stay under the 108-byte {@code sun_path} limit) per
 * test, removed after.
 */
@Requires(Facet.UNIX_SOCKETS)
abstract class UnixCase extends ReactorCase {
  protected Path dir;

  @BeforeMethod
  void freshDirectory() throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "tu");
  }

  @AfterMethod(alwaysRun = true)
  void removeDirectory() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A socket path in this test's directory. */
  protected String path(String name) {
    return dir.resolve(name).toString();
  }

  /** Echoes what it receives. */
  static final class Echo extends AccumulatingProtocol {
    @Override
    public void dataReceived(byte[] bytes) {
      super.dataReceived(bytes);
      transport().write(bytes);
    }
  }
}
