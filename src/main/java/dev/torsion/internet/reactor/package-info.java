/**
 * Choosing, installing and building reactors, and the contract every reactor's I/O backend
 * fulfils.
 *
 * <h2>The backend contract</h2>
 * A reactor is one shared loop core (timers, the thread-call queue, system event triggers, the
 * thread pool, name resolution) holding one small {@link dev.torsion.internet.reactor.IoBackend}
 * by composition. TCP ports, connectors and transports (buffering, producers, half-close,
 * {@code connectionLost} once) are written once, against the backend's stream primitives, so a
 * readiness backend (select, poll, epoll: "the socket can take bytes now") and a completion
 * backend (io_uring, NIO.2: "the bytes you handed over were sent") both fit: the shared code
 * never asks which kind it runs on, it only hears {@code dataReceived}, {@code readEOF},
 * {@code writeDrained}, {@code failed} and {@code connectCompleted}.
 *
 * <p>Required:
 * <ol>
 *   <li>{@code poll(timeout)}: wait for I/O up to the timeout (0: do not wait; negative: no
 *       limit) and dispatch what is ready or completed, on the calling thread, which is the
 *       reactor thread. Every event of every nested type is delivered from inside {@code poll},
 *       never from inside another backend call, so the shared code is never re-entered.</li>
 *   <li>{@code wakeUp()}: the one thread-safe method, making a waiting {@code poll} return.</li>
 *   <li>{@code close()}: release every native resource, once.</li>
 *   <li>{@code listen(address, backlog, events)}: a bound listening socket with SO_REUSEADDR
 *       (so a port just closed can be bound again at once); {@code adoptListener} takes over an
 *       existing one.</li>
 *   <li>{@code Listener.setAccepting(on)} and {@code acceptReady()}: the port is told
 *       connections may be waiting only while accepting is on; {@code accept()} never blocks
 *       and returns null when none waits, so the shared port bounds its batches (a completion
 *       backend keeps accepts in flight and hands out the completed ones). Accept errors are
 *       thrown as {@code IOException} with the system's message (EMFILE reads
 *       "Too many open files").</li>
 *   <li>{@code Listener.close(onClosed)}: {@code onClosed} runs from a later dispatch once the
 *       descriptor is really released (the port's {@code stopListening} Deferred waits for
 *       it).</li>
 *   <li>{@code connect(remote, local, events)}: a non-blocking connect, binding {@code local}
 *       first (a bind failure is a {@code java.net.BindException}); the outcome arrives as
 *       {@code connectCompleted(error)}. {@code adoptStream} takes over a connected socket.</li>
 *   <li>{@code Stream.start(events, outbound)}: (re)binds a stream to its transport; reading
 *       is off until {@code setReading(true)}.</li>
 *   <li>{@code Stream.setReading(on)}: per-connection read on and off; while on, each read
 *       delivers one fresh {@code byte[]} of exactly the bytes read (at most 64 KiB) to
 *       {@code dataReceived}, end of stream to {@code readEOF}, an error to {@code failed}.
 *       The backend owns and reuses its read buffer; the array is the protocol's.</li>
 *   <li>{@code Stream.flush()}: send what the socket takes now from the shared
 *       {@code Outbound} queue (copying from its head with {@code peek}, then
 *       {@code consume}-ing what was sent), at most about 128 KiB per turn; return whether the
 *       queue is empty. When it is not, keep sending as the socket allows, with write interest
 *       (or a write in flight) only while bytes are queued, and call {@code writeDrained()}
 *       once it is empty. Many queued writes go out in one system call.</li>
 *   <li>{@code Stream.notifyWhenDrained()}: call {@code writeDrained()} from a later dispatch
 *       if the queue is then empty (how a pull producer is asked again, and how a close waits
 *       its turn, without re-entering the caller).</li>
 *   <li>{@code Stream.shutdownOutput()}: send a FIN; {@code close(abort)}: close now, with an
 *       RST when aborting, idempotent, no event after it.</li>
 *   <li>{@code Stream} addresses and socket options ({@code TCP_NODELAY},
 *       {@code SO_KEEPALIVE}) through the JDK's {@code SocketOption}s.</li>
 *   <li>Never spin: a socket whose key or completion errors is closed or cancelled, and no
 *       interest is held for which no work is waiting.</li>
 * </ol>
 *
 * <p>Optional: {@code fdSet()}, for a backend able to watch any descriptor number
 * (epoll, poll, uring): its {@code IReactorFDSet}, whose events it also delivers from {@code poll};
 * the loop offers it as {@code Reactor.fdSet()}. Default: none.
 *
 * @twisted twisted.internet.base
 */
@NullMarked
package dev.torsion.internet.reactor;

import org.jspecify.annotations.NullMarked;
