package dev.torsion.protocols.policies;

/** What a {@link ProtocolWrapper} tells about its connection's start and end. */
interface WrapperRegistry {
  void registerProtocol(ProtocolWrapper p);

  void unregisterProtocol(ProtocolWrapper p);
}
