package dev.torsion.application.runner.plugins;

import dev.torsion.application.StreamServerEndpointService;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.internet.reactor.Reactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's listening service: the endpoint from {@code --listen}, a listen error thrown at
 * startup (so the runner exits 1), and one log line with the address once listening, which
 * tells the user (and the runner's tests) the port chosen for {@code tcp:0}.
 */
final class Listening implements IStreamServerEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

  private final String tapname;
  private final IStreamServerEndpoint endpoint;

  private Listening(String tapname, IStreamServerEndpoint endpoint) {
    this.tapname = tapname;
    this.endpoint = endpoint;
  }

  /**
   * The service listening on {@code description} with {@code factory}.
   *
   * @throws IllegalArgumentException if the description cannot be parsed
   */
  static StreamServerEndpointService service(Reactor reactor, String tapname,
      String description, IProtocolFactory factory) {
    Listening endpoint = new Listening(tapname, Endpoints.serverFromString(reactor,
        description));
    StreamServerEndpointService service = new StreamServerEndpointService(endpoint, factory);
    service.setRaiseSynchronously(true);
    return service;
  }

  @Override
  public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
    return endpoint.listen(protocolFactory).addCallback(port -> {
      LOG.info("{} listening on {}", tapname, port.getHost());
      return port;
    });
  }

  @Override
  public String toString() {
    return endpoint.toString();
  }
}
