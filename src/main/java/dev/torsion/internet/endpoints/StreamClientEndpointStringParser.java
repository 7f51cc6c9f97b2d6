package dev.torsion.internet.endpoints;

import dev.torsion.internet.interfaces.IReactorCore;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import java.util.List;
import java.util.Map;

/**
 * Makes client endpoints from descriptions with one prefix ({@code "tcp"} in
 * {@code "tcp:example.com:80"}), for {@link Endpoints#clientFromString}. Implementations are
 * found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.torsion.internet.endpoints.StreamClientEndpointStringParser}
 * (a public class with a public no-argument constructor).
 *
 * <p><b>Threading.</b> Called on the thread calling {@code clientFromString}; it must only
 * make the endpoint, not connect.
 *
 * <p><b>Errors.</b> A bad argument throws {@link IllegalArgumentException} whose message names
 * the parameter and what is wrong with it; {@code clientFromString} adds the description.
 *
 * <p><b>Differences from Twisted.</b> Twisted finds these through its plugin system and calls
 * them with Python's {@code *args, **kwargs}; here they get the lists themselves.
 *
 * @twisted twisted.internet.interfaces.IStreamClientEndpointStringParserWithReactor
 */
public interface StreamClientEndpointStringParser {
  /**
   * The description prefix this parser handles, matched ignoring case.
   *
   * @return the prefix, without the colon
   * @twisted twisted.internet.interfaces.IStreamClientEndpointStringParserWithReactor.prefix
   */
  String prefix();

  /**
   * Makes the endpoint a description asks for.
   *
   * @param reactor the reactor the endpoint will use; a parser checks it has the facets it
   *     needs (such as {@code IReactorTCP})
   * @param args the positional arguments after the prefix, unescaped, in order
   * @param kwargs the {@code name=value} arguments, unescaped, in order
   * @return the endpoint
   * @throws IllegalArgumentException if an argument is missing, unknown or malformed, or the
   *     reactor lacks a needed facet
   * @twisted
   *     twisted.internet.interfaces.IStreamClientEndpointStringParserWithReactor.parseStreamClient
   */
  IStreamClientEndpoint parseStreamClient(IReactorCore reactor, List<String> args,
      Map<String, String> kwargs);
}
