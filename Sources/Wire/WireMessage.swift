/// A protobuf (proto3) message: what every type generated from `schema/`
/// conforms to, and all that the transport needs to know about a payload.
///
/// - Important: Generated code provides every requirement. Decoding never
///   crashes and never allocates without bound: malformed input throws a
///   ``WireError`` that says what was wrong and at which byte offset.
public protocol WireMessage: Sendable, Hashable, JSONFieldValue {
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

  /// Fields received that the schema does not declare, written back on encode.
  var unknownFields: UnknownFields { get set }

  /// The exact number of bytes ``encode(to:)`` writes.
  func encodedSize() -> Int

  /// Writes every field that is set, in field-number order, then the
  /// unknown fields.
  func encode(to writer: inout WireWriter)

  /// Reads fields until the reader's current message ends, merging them
  /// into this message: scalars take the last value, sub-messages merge,
  /// repeated fields append.
  /// - Throws: ``WireError`` for malformed input.
  mutating func merge(from reader: inout WireReader) throws(WireError)

  /// Writes the message as a JSON object.
  func writeJSON(to writer: inout JSONWriter)

  /// Sets the fields named in a JSON object.
  /// - Parameters:
  ///   - object: The members, by lowerCamelCase or original field name.
  ///   - path: Where the object sits in the document, for error messages.
  /// - Throws: ``WireError`` for unknown members or values of the wrong type.
  mutating func mergeJSON(_ object: JSONObject, path: String) throws(WireError)
}

extension WireMessage {
  @inlinable
  public init(serializedBytes: [UInt8]) throws {
    var message = Self()
    try serializedBytes.withUnsafeBytes { buffer in
      var reader = WireReader(buffer: buffer)
      try message.merge(from: &reader)
    }
    self = message
  }

  @inlinable
  public func serializedBytes() -> [UInt8] {
    let size = encodedSize()
    return [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
      var writer = WireWriter(buffer: UnsafeMutableRawBufferPointer(buffer))
      encode(to: &writer)
      precondition(writer.count == size, "\(Self.protoMessageName) miscounted its size")
      initializedCount = size
    }
  }

  public init(jsonString: String) throws {
    let value = try JSONValue(parsing: jsonString)
    try self.init(json: value, path: Self.protoMessageName)
  }

  public func jsonString() -> String {
    var writer = JSONWriter()
    writeJSON(to: &writer)
    return writer.output
  }

  /// Reads the message from a JSON value, which must be an object.
  public init(json: JSONValue, path: String) throws(WireError) {
    guard case .object(let object) = json else {
      throw JSONValue.mismatch(json, expected: "an object", path: path)
    }
    self.init()
    try mergeJSON(object, path: path)
  }

  /// A message built by setting fields on a default one.
  ///
  /// ```swift
  /// let request = ValidateRequest.with { $0.subject = "Hello" }
  /// ```
  @inlinable
  public static func with(_ build: (inout Self) throws -> Void) rethrows -> Self {
    var message = Self()
    try build(&message)
    return message
  }
}
