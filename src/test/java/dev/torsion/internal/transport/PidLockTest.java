package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** {@link PidLock}, Twisted's symbolic-link lock file, and {@link UnixPort}'s mode bits. */
public class PidLockTest {
  private Path dir;
  private Path name;

  @BeforeMethod
  void directory() throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "tl");
    name = dir.resolve("x.lock");
  }

  @AfterMethod(alwaysRun = true)
  void remove() throws IOException {
    Files.deleteIfExists(name);
    Files.deleteIfExists(dir);
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    return p.pid();
  }

  @Test
  public void lockingMakesALinkNamingThisProcessAndUnlockingRemovesIt() throws IOException {
    PidLock l = new PidLock(name);
    assertTrue(l.lock());
    assertTrue(l.locked());
    assertTrue(l.clean());
    assertEquals(Files.readSymbolicLink(name).toString(),
        Long.toString(ProcessHandle.current().pid()));
    l.unlock();
    assertFalse(l.locked());
    assertFalse(Files.exists(name, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  public void aLockHeldByALiveProcessCannotBeTaken() throws IOException {
    PidLock first = new PidLock(name);
    assertTrue(first.lock());
    assertFalse(new PidLock(name).lock());
    assertTrue(PidLock.isLocked(name));
    first.unlock();
    assertFalse(PidLock.isLocked(name));
    assertFalse(Files.exists(name, LinkOption.NOFOLLOW_LINKS), "isLocked leaves nothing");
  }

  @Test
  public void aDeadProcesssLockIsTakenOverAndMarkedUnclean() throws Exception {
    Files.createSymbolicLink(name, Path.of(Long.toString(deadPid())));
    assertFalse(PidLock.isLocked(name));
    Files.createSymbolicLink(name, Path.of(Long.toString(deadPid())));
    PidLock l = new PidLock(name);
    assertTrue(l.lock());
    assertFalse(l.clean());
    l.unlock();
  }

  @Test
  public void unlockingAnotherProcesssLockIsRefused() throws Exception {
    Files.createSymbolicLink(name, Path.of(Long.toString(deadPid())));
    expectThrows(IllegalStateException.class, () -> new PidLock(name).unlock());
    assertTrue(Files.exists(name, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  public void aLinkNotNamingAProcessIsAnError() throws IOException {
    Files.createSymbolicLink(name, Path.of("not-a-pid"));
    expectThrows(IOException.class, () -> new PidLock(name).lock());
  }

  @Test
  public void octalModesBecomePosixPermissions() {
    assertEquals(PosixFilePermissions.toString(UnixPort.permissions(0666)), "rw-rw-rw-");
    assertEquals(PosixFilePermissions.toString(UnixPort.permissions(0750)), "rwxr-x---");
    assertEquals(PosixFilePermissions.toString(UnixPort.permissions(04711)), "rwx--x--x");
    assertEquals(PosixFilePermissions.toString(UnixPort.permissions(0)), "---------");
  }
}
