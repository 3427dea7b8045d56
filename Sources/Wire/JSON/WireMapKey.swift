/// A type that can key a protobuf map: integers, `bool` and `string`.
public protocol WireMapKey: Hashable, Sendable {
  /// The key as a JSON member name.
  var jsonKey: String { get }

  /// Reads a key from a JSON member name.
  init?(jsonKey: String)

  /// The order maps are written in, so output is reproducible.
  static func precedes(_ lhs: Self, _ rhs: Self) -> Bool
}

extension WireMapKey where Self: Comparable {
  public static func precedes(_ lhs: Self, _ rhs: Self) -> Bool { lhs < rhs }
}

extension WireMapKey where Self: LosslessStringConvertible {
  public var jsonKey: String { description }

  public init?(jsonKey: String) { self.init(jsonKey) }
}

extension String: WireMapKey {}
extension Int32: WireMapKey {}
extension Int64: WireMapKey {}
extension UInt32: WireMapKey {}
extension UInt64: WireMapKey {}

extension Bool: WireMapKey {
  public static func precedes(_ lhs: Bool, _ rhs: Bool) -> Bool { !lhs && rhs }
}

/// Helpers for writing maps in a stable order.
public enum WireMapKeys {
  /// The keys of `map`, sorted.
  @inlinable
  public static func sorted<K: WireMapKey, V>(_ map: [K: V]) -> [K] {
    map.keys.sorted(by: K.precedes)
  }
}
