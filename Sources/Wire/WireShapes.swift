/// The shape of a message as the schema declares it: enough for tools
/// that describe or convert messages chosen at run time.
public struct MessageShape: Sendable, Hashable {
  /// The full protobuf name.
  public let fullName: String
  /// The fields, in field-number order.
  public let fields: [FieldShape]

  /// Creates a shape.
  public init(fullName: String, fields: [FieldShape]) {
    self.fullName = fullName
    self.fields = fields
  }
}

/// One field of a ``MessageShape``.
public struct FieldShape: Sendable, Hashable {
  /// `repeated`, `optional`, or neither.
  public enum Label: String, Sendable, Hashable {
    case singular = ""
    case optional
    case repeated
  }

  /// The field number.
  public let number: Int
  /// The name as declared, such as `daily_user_count`.
  public let name: String
  /// The type as the schema spells it, with full names: `int32`,
  /// `outreach.v1.Lead`, `map<string, int64>`.
  public let type: String
  /// The label.
  public let label: Label
  /// The `oneof` the field belongs to.
  public let oneof: String?

  /// Creates a field shape.
  public init(
    _ number: Int, _ name: String, _ type: String, _ label: Label = .singular, oneof: String? = nil
  ) {
    self.number = number
    self.name = name
    self.type = type
    self.label = label
    self.oneof = oneof
  }

  /// The lowerCamelCase name the JSON mapping uses.
  public var jsonName: String {
    var result = ""
    var upperNext = false
    for character in name {
      if character == "_" {
        upperNext = true
      } else {
        result += upperNext ? character.uppercased() : String(character)
        upperNext = false
      }
    }
    return result
  }
}

/// The values of an enum as the schema declares them.
public struct EnumShape: Sendable, Hashable {
  /// The full protobuf name.
  public let fullName: String
  /// Names and numbers in declaration order.
  public let values: [(name: String, number: Int32)]

  /// Creates a shape.
  public init(fullName: String, values: [(name: String, number: Int32)]) {
    self.fullName = fullName
    self.values = values
  }

  public static func == (lhs: EnumShape, rhs: EnumShape) -> Bool {
    lhs.fullName == rhs.fullName && lhs.values.elementsEqual(rhs.values) { $0 == $1 }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(fullName)
  }
}
