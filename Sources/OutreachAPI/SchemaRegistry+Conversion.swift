import Wire

/// Why a conversion between JSON and the binary format failed.
public struct ConversionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was wrong, for humans.
  public let message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}

extension SchemaRegistry {
  /// The message type with a full protobuf name.
  /// - Throws: ``ConversionError`` naming close matches when there is none.
  public static func messageType(named fullName: String) throws -> any WireMessage.Type {
    if let type = messageTypes[fullName] { return type }
    let lowered = fullName.lowercased()
    let suggestions = messageTypes.keys.filter {
      $0.lowercased().hasSuffix("." + lowered) || $0.lowercased().contains(lowered)
    }.sorted()
    let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"
    throw ConversionError("unknown message type \(fullName)\(hint)")
  }

  /// Encodes a message given in the proto3 JSON mapping to the binary format,
  /// as `protoc --encode` does from text format.
  /// - Throws: ``ConversionError`` for an unknown type, ``WireError`` for bad JSON.
  public static func encode(messageNamed fullName: String, json: String) throws -> [UInt8] {
    let type = try messageType(named: fullName)
    return try type.init(jsonString: json).serializedBytes()
  }

  /// Decodes a binary message to the proto3 JSON mapping.
  /// - Throws: ``ConversionError`` for an unknown type, ``WireError`` for bad bytes.
  public static func decode(messageNamed fullName: String, bytes: [UInt8]) throws -> String {
    let type = try messageType(named: fullName)
    return try type.init(serializedBytes: bytes).jsonString()
  }
}
