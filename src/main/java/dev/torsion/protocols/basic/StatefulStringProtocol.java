package dev.torsion.protocols.basic;

import dev.torsion.internet.interfaces.ITransport;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each received string to the handler of the protocol's current state; the handler
 * returns the next state. The state {@value #DONE} closes the connection. It is a helper a
 * string protocol holds and calls from its {@code stringReceived}:
 *
 * <pre>{@code
 * final class Login extends Int32StringReceiver {
 *   private final StatefulStringProtocol states = new StatefulStringProtocol(this::transport)
 *       .on("init", user -> "password")
 *       .on("password", password -> StatefulStringProtocol.DONE);
 *   @Override public void stringReceived(byte[] string) { states.stringReceived(string); }
 * }
 * }</pre>
 *
 * <p><b>Re-entrancy.</b> A handler may call {@link #setState} (its return value wins).
 *
 * <p><b>Errors.</b> A string received in a state with no handler is logged at INFO and dropped,
 * as Twisted does; an exception from a handler propagates, and the state is unchanged.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted's is a mixin that finds {@code proto_<state>}
 * methods by name; here handlers are registered with {@link #on}, and the protocol delegates
 * {@code stringReceived} to this helper.
 *
 * @twisted twisted.protocols.basic.StatefulStringProtocol
 */
public final class StatefulStringProtocol {
  /** The state that closes the connection. */
  public static final String DONE = "done";

  private static final Logger LOG = LoggerFactory.getLogger(StatefulStringProtocol.class);
  private final Map<String, Function<byte[], String>> handlers = new HashMap<>();
  private final Supplier<ITransport> transport;
  private String state = "init";

  /**
   * A helper in state {@code "init"}.
   *
   * @param transport gives the transport to close on {@value #DONE}, usually
   *     {@code this::transport}
   */
  public StatefulStringProtocol(Supplier<ITransport> transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /**
   * Registers the handler of a state.
   *
   * @param state the state's name
   * @param handler takes the string received in that state and returns the next state
   * @return this helper, for chaining
   * @twisted twisted.protocols.basic.StatefulStringProtocol.stringReceived
   */
  public StatefulStringProtocol on(String state, Function<byte[], String> handler) {
    handlers.put(Objects.requireNonNull(state, "state"), Objects.requireNonNull(handler));
    return this;
  }

  /**
   * The current state.
   *
   * @return the state's name; {@code "init"} at first
   * @twisted twisted.protocols.basic.StatefulStringProtocol.state
   */
  public String state() {
    return state;
  }

  /**
   * Sets the current state.
   *
   * @param state the state's name
   * @twisted twisted.protocols.basic.StatefulStringProtocol.state
   */
  public void setState(String state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  /**
   * Calls the current state's handler and moves to the state it returns, closing the
   * connection if that is {@value #DONE}.
   *
   * @param string the string received
   * @throws NullPointerException if the handler returns null
   * @twisted twisted.protocols.basic.StatefulStringProtocol.stringReceived
   */
  public void stringReceived(byte[] string) {
    Function<byte[], String> handler = handlers.get(state);
    if (handler == null) {
      LOG.info("callback {} not found", state);
      return;
    }
    state = Objects.requireNonNull(handler.apply(string), "handler returned a null state");
    if (DONE.equals(state)) {
      transport.get().loseConnection();
    }
  }
}
