package dev.torsion.it.builder;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A resolver knowing one name, Twisted's {@code FakeResolver}. */
final class FakeResolver implements IHostnameResolver {
  private final String name;
  private final String address;

  FakeResolver(String name, String address) {
    this.name = name;
    this.address = address;
  }

  @Override
  public IHostResolution resolveHostName(IResolutionReceiver receiver, String hostName,
      int portNumber, @Nullable Set<Class<? extends IAddress>> addressTypes,
      String transportSemantics) {
    IHostResolution resolution = new IHostResolution() {
      @Override
      public String name() {
        return hostName;
      }

      @Override
      public void cancel() {}
    };
    receiver.resolutionBegan(resolution);
    if (hostName.equals(name)) {
      receiver.addressResolved(address.contains(":")
          ? new IPv6Address("TCP", address, portNumber)
          : new IPv4Address("TCP", address, portNumber));
    }
    receiver.resolutionComplete();
    return resolution;
  }
}
