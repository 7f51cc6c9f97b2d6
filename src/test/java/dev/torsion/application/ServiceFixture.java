package dev.torsion.application;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.FakeAddress;
import dev.torsion.internet.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ClientService} over an in-memory endpoint, with a record of what happened: Twisted's
 * {@code endpointForTesting}, {@code ConnectInformation} and {@code makeReconnector}.
 */
final class ServiceFixture {
  /** The Deferreds {@code connect} returned; firing one with null builds the protocol. */
  final List<Deferred<@Nullable Void>> connectQueue = new ArrayList<>();
  /** The protocols built, as the endpoint (the reactor) saw them. */
  final List<IProtocol> constructedProtocols = new ArrayList<>();
  /** The factories handed to the endpoint. */
  final List<IProtocolFactory> passedFactories = new ArrayList<>();
  /** The protocols the application's factory built. */
  final List<Protocol> applicationProtocols = new ArrayList<>();
  final Factory applicationFactory;
  final ClientService service;

  ServiceFixture(boolean fireImmediately, Supplier<? extends Protocol> protocolType,
      Clock clock, ClientService.@Nullable PrepareConnection prepare) {
    this(fireImmediately, protocolType, clock, prepare, null);
  }

  ServiceFixture(boolean fireImmediately, Supplier<? extends Protocol> protocolType,
      Clock clock, ClientService.@Nullable PrepareConnection prepare,
      @Nullable IntToDoubleFunction retryPolicy) {
    applicationFactory = new Factory() {
      @Override
      public @Nullable Protocol buildProtocol(IAddress addr) {
        Protocol p = super.buildProtocol(addr);
        applicationProtocols.add(p);
        return p;
      }
    };
    applicationFactory.setProtocol(protocolType);
    IStreamClientEndpoint endpoint = factory -> {
      passedFactories.add(factory);
      Deferred<@Nullable Void> result = new Deferred<>();
      connectQueue.add(result);
      Deferred<IProtocol> connected = result.addCallback(ignored -> {
        IProtocol protocol = factory.buildProtocol(new FakeAddress());
        constructedProtocols.add(protocol);
        protocol.makeConnection(new StringTransport());
        return protocol;
      });
      if (fireImmediately) {
        result.callback(null);
      }
      return connected;
    };
    service = new ClientService(endpoint, applicationFactory, retryPolicy, clock, prepare);
  }
}
