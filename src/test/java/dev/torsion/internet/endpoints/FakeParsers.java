package dev.torsion.internet.endpoints;

import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.internet.testing.MemoryReactor;
import java.util.List;
import java.util.Map;

/** Parsers for the prefix "fake", registered in the test classpath's META-INF/services. */
public final class FakeParsers {
  private FakeParsers() {}

  /** What a fake parser made: the arguments it saw. */
  record Made(IReactorCore reactor, List<String> args, Map<String, String> kwargs)
      implements IStreamServerEndpoint, IStreamClientEndpoint {
    @Override
    public dev.torsion.internet.defer.Deferred<dev.torsion.internet.interfaces.IListeningPort>
        listen(dev.torsion.internet.interfaces.IProtocolFactory f) {
      return new TCP4ServerEndpoint((MemoryReactor) reactor, 0).listen(f);
    }

    @Override
    public dev.torsion.internet.defer.Deferred<dev.torsion.internet.interfaces.IProtocol>
        connect(dev.torsion.internet.interfaces.IProtocolFactory f) {
      return new TCP4ClientEndpoint((MemoryReactor) reactor, "127.0.0.1", 1).connect(f);
    }
  }

  /** The server parser. */
  public static final class Server implements StreamServerEndpointStringParser {
    /** For ServiceLoader. */
    public Server() {}

    @Override
    public String prefix() {
      return "fake";
    }

    @Override
    public IStreamServerEndpoint parseStreamServer(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      return new Made(reactor, args, kwargs);
    }
  }

  /** The client parser. */
  public static final class Client implements StreamClientEndpointStringParser {
    /** For ServiceLoader. */
    public Client() {}

    @Override
    public String prefix() {
      return "fake";
    }

    @Override
    public IStreamClientEndpoint parseStreamClient(IReactorCore reactor, List<String> args,
        Map<String, String> kwargs) {
      return new Made(reactor, args, kwargs);
    }
  }
}
