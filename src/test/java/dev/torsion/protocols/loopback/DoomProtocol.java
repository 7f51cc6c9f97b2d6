package dev.torsion.protocols.loopback;

/**
 * Twisted's test_loopback {@code DoomProtocol}: answers the first three lines with
 * {@code Hello 1..3}, and closes once it has received {@code Hello 3}.
 */
final class DoomProtocol extends SimpleProtocol {
  private int i;

  @Override
  void lineReceived(String line) {
    i++;
    if (i < 4) {
      sendLine("Hello " + i);
    }
    super.lineReceived(line);
    if (lines.get(lines.size() - 1).equals("Hello 3")) {
      transport().loseConnection();
    }
  }
}
