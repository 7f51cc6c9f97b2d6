package dev.torsion.internet.interfaces;

/**
 * The address of one end of a connection or of a listening port. The implementations live in
 * {@code dev.torsion.internet.address}; they are values, compared by their fields.
 *
 * @twisted twisted.internet.interfaces.IAddress
 */
public interface IAddress {}
