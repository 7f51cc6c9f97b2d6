/**
 * The completion reactor on NIO.2's asynchronous channels, the Java rendering of Twisted's
 * iocpreactor: operations are started on the reactor thread, completed on the JDK's pool
 * threads and handed back to the reactor thread to be dispatched.
 *
 * @twisted twisted.internet.iocpreactor
 */
@NullMarked
package dev.torsion.internet.nio2;

import org.jspecify.annotations.NullMarked;
