/**
 * Linux system calls through JNA direct mapping, one class per kernel facility ({@link
 * dev.torsion.internal.linux.Epoll}, {@link dev.torsion.internal.linux.Poll}, {@link
 * dev.torsion.internal.linux.EventFd}, {@link dev.torsion.internal.linux.Socket}, {@link
 * dev.torsion.internal.linux.Pipe}, {@link dev.torsion.internal.linux.IoUring}), the readiness
 * backend the {@code epoll} and {@code poll} reactors share, with its {@code IReactorFDSet}
 * ({@link dev.torsion.internal.linux.NativeFdSet}), and the ring queues and memory blocks the
 * {@code uring} reactor uses. The only package that
 * imports {@code com.sun.jna}.
 *
 * <p>Memory rules: every {@code com.sun.jna.Memory} here is allocated once by its owner (a
 * backend, an event array) and freed by that owner's {@code close()}, never left to the
 * garbage collector; no call on the hot path allocates native memory.
 */
@NullMarked
package dev.torsion.internal.linux;

import org.jspecify.annotations.NullMarked;
