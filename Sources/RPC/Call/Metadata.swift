/// Custom request or response metadata: HTTP/2 header fields that are not
/// pseudo-headers or reserved `grpc-` names.
///
/// Names are lowercase. Names ending in `-bin` carry binary values, sent
/// base64-encoded on the wire; all others carry printable ASCII strings.
public struct Metadata: Sendable, Hashable, Sequence {
  /// One value of a metadata entry.
  public enum Value: Sendable, Hashable {
    case string(String)
    case binary([UInt8])
  }

  /// One metadata entry. A name may repeat.
  public struct Entry: Sendable, Hashable {
    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
      self.name = name
      self.value = value
    }
  }

  private var entries: [Entry]

  public init() {
    entries = []
  }

  /// Creates string metadata from pairs, in order.
  public init(_ pairs: KeyValuePairs<String, String>) {
    entries = pairs.map { Entry(name: $0.key.lowercased(), value: .string($0.value)) }
  }

  /// Appends a string value under `name` (lowercased).
  public mutating func add(_ name: String, _ value: String) {
    entries.append(Entry(name: name.lowercased(), value: .string(value)))
  }

  /// Appends a binary value under `name`, which should end in `-bin`.
  public mutating func add(_ name: String, binary value: [UInt8]) {
    entries.append(Entry(name: name.lowercased(), value: .binary(value)))
  }

  /// The first string value under `name`, if any.
  public subscript(name: String) -> String? {
    let name = name.lowercased()
    for entry in entries where entry.name == name {
      if case .string(let value) = entry.value { return value }
    }
    return nil
  }

  /// The first binary value under `name`, if any.
  public func binary(_ name: String) -> [UInt8]? {
    let name = name.lowercased()
    for entry in entries where entry.name == name {
      if case .binary(let value) = entry.value { return value }
    }
    return nil
  }

  /// Removes every value under `name`.
  public mutating func removeAll(named name: String) {
    let name = name.lowercased()
    entries.removeAll { $0.name == name }
  }

  public var isEmpty: Bool { entries.isEmpty }
  public var count: Int { entries.count }

  public func makeIterator() -> IndexingIterator<[Entry]> {
    entries.makeIterator()
  }
}
