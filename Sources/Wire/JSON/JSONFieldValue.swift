/// A value that can stand as a field in the proto3 JSON mapping: scalars,
/// enums and messages. `bytes` fields use the explicit `Bytes` helpers,
/// since `[UInt8]` is also a repeated field's type.
public protocol JSONFieldValue {
  /// Writes the value.
  func writeJSON(to writer: inout JSONWriter)

  /// Reads the value.
  /// - Parameters:
  ///   - json: The parsed value.
  ///   - path: Where it sits in the document, for error messages.
  init(json: JSONValue, path: String) throws(WireError)
}

/// The text of a JSON number or numeric string, for integer fields.
private func integerText(_ json: JSONValue, path: String) throws(WireError) -> String {
  switch json {
  case .number(let text), .string(let text): return text
  default: throw JSONValue.mismatch(json, expected: "an integer", path: path)
  }
}

/// Reads an integer of type `T` written as a number or a string, accepting
/// exponent and fraction forms only when the value is whole.
private func integer<T: FixedWidthInteger>(
  _ json: JSONValue, path: String
) throws(WireError) -> T {
  let text = try integerText(json, path: path)
  if let value = T(text) { return value }
  if let double = Double(text), double.rounded() == double,
    let value = T(exactly: double)
  {
    return value
  }
  throw WireError(
    .invalidJSONValue, "\(path): \(text) is not a valid \(T.self) (\(T.min)…\(T.max))")
}

extension Int32: JSONFieldValue {
  public func writeJSON(to writer: inout JSONWriter) { writer.writeNumber(String(self)) }

  public init(json: JSONValue, path: String) throws(WireError) {
    self = try integer(json, path: path)
  }
}

extension UInt32: JSONFieldValue {
  public func writeJSON(to writer: inout JSONWriter) { writer.writeNumber(String(self)) }

  public init(json: JSONValue, path: String) throws(WireError) {
    self = try integer(json, path: path)
  }
}

extension Int64: JSONFieldValue {
  /// Writes a string: 64-bit integers do not survive JavaScript's numbers.
  public func writeJSON(to writer: inout JSONWriter) { writer.writeString(String(self)) }

  public init(json: JSONValue, path: String) throws(WireError) {
    self = try integer(json, path: path)
  }
}

extension UInt64: JSONFieldValue {
  /// Writes a string: 64-bit integers do not survive JavaScript's numbers.
  public func writeJSON(to writer: inout JSONWriter) { writer.writeString(String(self)) }

  public init(json: JSONValue, path: String) throws(WireError) {
    self = try integer(json, path: path)
  }
}

extension Bool: JSONFieldValue {
  public func writeJSON(to writer: inout JSONWriter) { writer.writeBool(self) }

  public init(json: JSONValue, path: String) throws(WireError) {
    guard case .bool(let value) = json else {
      throw JSONValue.mismatch(json, expected: "true or false", path: path)
    }
    self = value
  }
}

extension String: JSONFieldValue {
  public func writeJSON(to writer: inout JSONWriter) { writer.writeString(self) }

  public init(json: JSONValue, path: String) throws(WireError) {
    guard case .string(let value) = json else {
      throw JSONValue.mismatch(json, expected: "a string", path: path)
    }
    self = value
  }
}

extension Double: JSONFieldValue {
  public func writeJSON(to writer: inout JSONWriter) {
    writeFloatingPoint(self, description: description, to: &writer)
  }

  public init(json: JSONValue, path: String) throws(WireError) {
    self = try floatingPoint(json, path: path)
  }
}

extension Float: JSONFieldValue {
  public func writeJSON(to writer: inout JSONWriter) {
    writeFloatingPoint(self, description: description, to: &writer)
  }

  public init(json: JSONValue, path: String) throws(WireError) {
    let value: Double = try floatingPoint(json, path: path)
    guard value.isNaN || value.isInfinite || abs(value) <= Double(Float.greatestFiniteMagnitude)
    else {
      throw WireError(.invalidJSONValue, "\(path): \(value) is out of range for a float")
    }
    self = Float(value)
  }
}

/// Writes a float or double: `NaN` and infinities as strings, whole
/// numbers without a trailing `.0`.
private func writeFloatingPoint<T: BinaryFloatingPoint>(
  _ value: T, description: String, to writer: inout JSONWriter
) {
  if value.isNaN {
    writer.writeString("NaN")
  } else if value.isInfinite {
    writer.writeString(value < 0 ? "-Infinity" : "Infinity")
  } else if description.hasSuffix(".0") {
    writer.writeNumber(String(description.dropLast(2)))
  } else {
    writer.writeNumber(description)
  }
}

/// Reads a float or double from a number or a string (`NaN`, `Infinity`,
/// `-Infinity`, or digits).
private func floatingPoint(_ json: JSONValue, path: String) throws(WireError) -> Double {
  switch json {
  case .number(let text):
    if let value = Double(text) { return value }
  case .string("NaN"): return .nan
  case .string("Infinity"): return .infinity
  case .string("-Infinity"): return -.infinity
  case .string(let text):
    if let value = Double(text), !value.isNaN, !value.isInfinite { return value }
  default:
    break
  }
  throw JSONValue.mismatch(json, expected: "a number", path: path)
}
