package dev.torsion.internet.interfaces;

/**
 * Something that names itself in log lines: a protocol, a factory, a port or a transport.
 *
 * @twisted twisted.internet.interfaces.ILoggingContext
 */
public interface ILoggingContext {
  /**
   * The prefix for log lines about this object, such as the protocol's class name.
   *
   * @return a short, human-readable name
   * @twisted twisted.internet.interfaces.ILoggingContext.logPrefix
   */
  String logPrefix();
}
