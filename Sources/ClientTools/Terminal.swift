import Foundation

/// Standard output and standard error, written line by line.
public enum Terminal {
  /// Writes a line to standard output.
  public static func print(_ line: String) {
    write(line + "\n", to: STDOUT_FILENO)
  }

  /// Writes a line to standard error.
  public static func printError(_ line: String) {
    write(line + "\n", to: STDERR_FILENO)
  }

  /// Writes text to standard error without a newline, for progress lines.
  public static func writeError(_ text: String) {
    write(text, to: STDERR_FILENO)
  }

  /// Writes bytes to standard output.
  public static func writeOutput(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) }
  }

  /// Whether standard error is a terminal, where progress is shown.
  public static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  /// Whether standard input is a terminal rather than a pipe or file.
  public static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

  /// Reads standard input to its end.
  public static func readStandardInput() -> [UInt8] {
    [UInt8](FileHandle.standardInput.readDataToEndOfFile())
  }

  private static func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
  }

  private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) {
    var offset = 0
    while offset < buffer.count {
      let written = Foundation.write(
        descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if written < 0 && errno == EINTR { continue }
      // A closed pipe (`outreach … | head`) ends output quietly.
      guard written > 0 else { return }
      offset += written
    }
  }
}
