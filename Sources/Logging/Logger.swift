import Foundation
import Synchronization

/// A small structured logger in the spirit of swift-log: constant messages,
/// values in dot-keyed metadata (`rpc.method`, `smtp.reply_code`), one line
/// per event, written in logfmt to a sink (standard error by default).
///
/// - Important: Never put a password, token, SMTP AUTH exchange or message
///   body in a message or in metadata.
public struct Logger: Sendable {
  /// Severity, ordered from the chattiest to the most severe.
  public enum Level: Int, Sendable, Comparable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses `trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`.
    public init?(name: String) {
      guard let level = Level.allCases.first(where: { "\($0)" == name.lowercased() }) else {
        return nil
      }
      self = level
    }
  }

  /// Metadata attached to an event: dot-keyed names to printable values.
  public typealias Metadata = [String: String]

  /// What the logger is for, printed as `logger=`.
  public let label: String
  /// Events below this level are dropped before any string is built.
  public var level: Level
  /// Metadata added to every event of this logger.
  public var metadata: Metadata
  private let sink: any LogSink

  /// Creates a logger.
  /// - Parameters:
  ///   - label: a short name of the component, such as `rpc.server`.
  ///   - level: the lowest level written; defaults to ``Logger/defaultLevel``.
  ///   - sink: where lines go; standard error unless a test captures them.
  public init(label: String, level: Level? = nil, sink: any LogSink = StandardErrorSink.shared) {
    self.label = label
    self.level = level ?? Logger.defaultLevel
    self.metadata = [:]
    self.sink = sink
  }

  /// The level new loggers start with: `OUTREACH_LOG_LEVEL`, or `info`.
  public static var defaultLevel: Level {
    let name = ProcessInfo.processInfo.environment["OUTREACH_LOG_LEVEL"] ?? "info"
    return Level(name: name) ?? .info
  }

  /// Writes one event if `level` is enabled.
  public func log(
    _ level: Level,
    _ message: @autoclosure () -> String,
    _ metadata: @autoclosure () -> Metadata = [:]
  ) {
    guard level >= self.level else { return }
    var fields = self.metadata
    fields.merge(metadata(), uniquingKeysWith: { _, new in new })
    sink.write(Logger.format(level: level, label: label, message: message(), metadata: fields))
  }

  public func trace(
    _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> Metadata = [:]
  ) {
    log(.trace, message(), metadata())
  }

  public func debug(
    _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> Metadata = [:]
  ) {
    log(.debug, message(), metadata())
  }

  public func info(
    _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> Metadata = [:]
  ) {
    log(.info, message(), metadata())
  }

  public func notice(
    _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> Metadata = [:]
  ) {
    log(.notice, message(), metadata())
  }

  public func warning(
    _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> Metadata = [:]
  ) {
    log(.warning, message(), metadata())
  }

  public func error(
    _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> Metadata = [:]
  ) {
    log(.error, message(), metadata())
  }

  public func critical(
    _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> Metadata = [:]
  ) {
    log(.critical, message(), metadata())
  }

  /// Formats one logfmt line: `ts=… level=… logger=… msg="…" key=value…`.
  static func format(level: Level, label: String, message: String, metadata: Metadata) -> String {
    var line = "ts=\(Date().formatted(.iso8601)) level=\(level) logger=\(label) msg="
    line += quoted(message)
    for key in metadata.keys.sorted() {
      line += " \(key)=\(quoted(metadata[key]!))"
    }
    line += "\n"
    return line
  }

  /// Quotes a value when it holds spaces, quotes, `=` or control characters,
  /// escaping so that one event always stays on one line.
  static func quoted(_ value: String) -> String {
    let needsQuotes =
      value.isEmpty
      || value.unicodeScalars.contains {
        $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F
      }
    guard needsQuotes else { return value }
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += String(format: "\\u%04X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

/// Where formatted log lines go.
public protocol LogSink: Sendable {
  /// Writes one complete line, newline included.
  func write(_ line: String)
}

/// Writes each line to standard error with a single `write(2)`, so lines
/// from different threads never interleave.
public final class StandardErrorSink: LogSink {
  public static let shared = StandardErrorSink()

  public func write(_ line: String) {
    var line = line
    line.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = Foundation.write(2, bytes.baseAddress! + offset, bytes.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }
}

/// Keeps lines in memory, for tests that assert what was logged.
public final class MemoryLogSink: LogSink {
  private let storage = Mutex<[String]>([])

  public init() {}

  public func write(_ line: String) {
    storage.withLock { $0.append(line) }
  }

  /// Every line written so far, in order.
  public var lines: [String] {
    storage.withLock { $0 }
  }
}
