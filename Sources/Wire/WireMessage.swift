/// A protobuf (proto3) message: what every type generated from `schema/`
/// conforms to, and all that the transport needs to know about a payload.
///
/// - Important: Generated code provides every requirement. Decoding never
///   crashes and never allocates without bound: malformed input throws a
///   ``WireError`` that says what was wrong and at which byte offset.
public protocol WireMessage: Sendable, Hashable {
  /// The full protobuf name, such as `outreach.v1.ValidateRequest`.
  static var protoMessageName: String { get }

  /// A message with every field at its default.
  init()

  /// Decodes the binary wire format.
  /// - Throws: ``WireError`` for malformed input.
  init(serializedBytes: [UInt8]) throws

  /// Encodes to the binary wire format; equal to what `protoc --encode`
  /// produces for the same values.
  func serializedBytes() -> [UInt8]

  /// Decodes the proto3 JSON mapping (lowerCamelCase or original names).
  /// - Throws: ``WireError`` for malformed JSON or values of the wrong type.
  init(jsonString: String) throws

  /// Encodes to the proto3 JSON mapping.
  func jsonString() -> String
}
