package dev.torsion.protocols.loopback;

import dev.torsion.internet.interfaces.IProtocol;

/**
 * How {@link Loopback#loopbackAsync} hands the bytes one side wrote to the other side's
 * protocol. The pump calls the policy with the queue of chunks one side wrote and the protocol
 * of the other side; the policy takes chunks from the queue with {@link LoopbackQueue#get()}
 * while {@link LoopbackQueue#isEmpty()} is false, and passes their bytes to
 * {@code target.dataReceived}. A {@code null} chunk marks the writer's
 * {@code loseConnection}; the two built-in policies stop at it.
 *
 * <p><b>Threading.</b> Called on the thread that runs the pump's clock (the reactor thread).
 *
 * <p><b>Re-entrancy.</b> The policy is never called from inside a transport method; the target
 * may write from {@code dataReceived}, which adds to the other queue, not to this one.
 *
 * <p><b>Errors.</b> An exception thrown by the policy (or by {@code dataReceived}) ends the
 * loopback: its Deferred fails with that exception.
 *
 * @twisted twisted.protocols.loopback.loopbackAsync (pumpPolicy)
 */
@FunctionalInterface
public interface PumpPolicy {
  /**
   * Moves chunks from {@code queue} to {@code target}.
   *
   * @param queue the chunks one side wrote, oldest first
   * @param target the protocol of the other side
   * @twisted twisted.protocols.loopback.loopbackAsync (pumpPolicy)
   */
  void pump(LoopbackQueue queue, IProtocol target);
}
