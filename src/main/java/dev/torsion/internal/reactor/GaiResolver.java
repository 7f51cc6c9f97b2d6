package dev.torsion.internal.reactor;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The default resolver: the JDK's {@code InetAddress.getAllByName} on the reactor's thread
 * pool. (Skeleton: issue 3's threads work completes it.)
 */
final class GaiResolver implements IHostnameResolver {
  private final LoopCore core;

  GaiResolver(LoopCore core) {
    this.core = core;
  }

  @Override
  public IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName,
      int portNumber, @Nullable Set<Class<? extends IAddress>> addressTypes,
      String transportSemantics) {
    throw new UnsupportedOperationException("resolver not yet built for " + core);
  }
}
