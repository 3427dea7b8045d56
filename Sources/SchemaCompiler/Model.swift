/// A checked schema: every name resolved, every rule of the supported
/// proto3 subset verified. The Swift generator reads only this.
public struct SchemaModel: Sendable {
  /// Every file, sorted by path.
  public var files: [FileModel]
}

/// One checked `.proto` file.
public struct FileModel: Sendable {
  /// The path relative to the schema directory.
  public var path: String
  /// The protobuf package, such as `outreach.v1`.
  public var package: String
  /// Top-level messages in declaration order.
  public var messages: [MessageModel]
  /// Top-level enums in declaration order.
  public var enums: [EnumModel]
  /// Services in declaration order.
  public var services: [ServiceModel]
}

/// A checked message.
public struct MessageModel: Sendable {
  /// The name as declared, such as `RowError`.
  public var name: String
  /// The full protobuf name, such as `outreach.v1.ImportLeadsResponse.RowError`.
  public var fullName: String
  /// The Swift type name, such as `ImportLeadsResponse.RowError`.
  public var swiftName: String
  /// The documentation lines.
  public var comments: [String]
  /// Fields in declaration order.
  public var fields: [FieldModel]
  /// `oneof` groups in declaration order.
  public var oneofs: [OneofModel]
  /// Nested messages.
  public var messages: [MessageModel]
  /// Nested enums.
  public var enums: [EnumModel]
}

/// What a field holds.
public indirect enum FieldType: Sendable, Hashable {
  case scalar(ScalarType)
  /// An enum, by full protobuf name and Swift type name.
  case enumeration(fullName: String, swiftName: String, defaultCase: String)
  /// A message, by full protobuf name and Swift type name.
  case message(fullName: String, swiftName: String)
  /// A map from a scalar key to a value of any non-map type.
  case map(key: ScalarType, value: FieldType)
}

/// A checked field.
public struct FieldModel: Sendable {
  /// The name as declared, such as `daily_user_count`.
  public var name: String
  /// The lowerCamelCase JSON name, such as `dailyUserCount`.
  public var jsonName: String
  /// The Swift property (or oneof case) name, escaped if it is a keyword.
  public var swiftName: String
  /// The field number.
  public var number: Int
  /// `repeated`, `optional` or neither.
  public var label: FieldLabel
  /// The value type.
  public var type: FieldType
  /// The `oneof` the field belongs to, as an index into the message's oneofs.
  public var oneofIndex: Int?
  /// The documentation lines.
  public var comments: [String]
}

/// A checked `oneof`.
public struct OneofModel: Sendable {
  /// The name as declared.
  public var name: String
  /// The Swift property name.
  public var swiftName: String
  /// The Swift enum type name.
  public var swiftTypeName: String
  /// The documentation lines.
  public var comments: [String]
}

/// A checked enum.
public struct EnumModel: Sendable {
  /// The name as declared.
  public var name: String
  /// The full protobuf name.
  public var fullName: String
  /// The Swift type name.
  public var swiftName: String
  /// The documentation lines.
  public var comments: [String]
  /// Values in declaration order; the first is number 0.
  public var values: [EnumValueModel]
}

/// A checked enum value.
public struct EnumValueModel: Sendable {
  /// The name as declared, such as `LEAD_STATUS_NEW`.
  public var name: String
  /// The number.
  public var number: Int32
  /// The Swift case name, such as `new`, escaped if it is a keyword.
  public var swiftName: String
  /// The documentation lines.
  public var comments: [String]
}

/// A checked service.
public struct ServiceModel: Sendable {
  /// The name as declared, such as `Policy`.
  public var name: String
  /// The full name, such as `outreach.v1.Policy`.
  public var fullName: String
  /// The documentation lines.
  public var comments: [String]
  /// Methods in declaration order.
  public var methods: [MethodModel]
}

/// A checked `rpc`.
public struct MethodModel: Sendable {
  /// The name as declared, such as `Validate`.
  public var name: String
  /// The Swift function name, such as `validate`, escaped if it is a keyword.
  public var swiftName: String
  /// The request message.
  public var input: (fullName: String, swiftName: String)
  /// The response message.
  public var output: (fullName: String, swiftName: String)
  /// Whether the client sends a stream.
  public var isClientStreaming: Bool
  /// Whether the server sends a stream.
  public var isServerStreaming: Bool
  /// The documentation lines.
  public var comments: [String]
}

extension FieldLabel {
  /// The label as `protoc` describes it: `optional`, `repeated` or empty.
  public var protoLabel: String { rawValue }
}
