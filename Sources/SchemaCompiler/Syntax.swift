/// The parsed form of one `.proto` file, before names are resolved.
struct FileSyntax: Sendable {
  /// The path relative to the schema directory.
  var path: String
  var package: String = ""
  var imports: [(path: String, location: SourceLocation)] = []
  var messages: [MessageSyntax] = []
  var enums: [EnumSyntax] = []
  var services: [ServiceSyntax] = []
  /// Comments above `syntax`, describing the file.
  var comments: [String] = []
}

/// A type as written in a field: a scalar keyword or a (dotted) name.
enum TypeSyntax: Sendable, Hashable {
  case scalar(ScalarType)
  case named(String)
}

/// `repeated`, `optional`, or neither.
public enum FieldLabel: String, Sendable, Hashable {
  case singular = ""
  case optional
  case repeated
}

/// One field of a message.
struct FieldSyntax: Sendable {
  var name: String
  var number: Int
  var label: FieldLabel
  var type: TypeSyntax
  /// For `map<K, V>`: the key type, with `type` holding the value type.
  var mapKey: ScalarType?
  /// The index of the `oneof` the field belongs to.
  var oneofIndex: Int?
  var location: SourceLocation
  var typeLocation: SourceLocation
  var numberLocation: SourceLocation
  var comments: [String]
}

/// A `oneof` group.
struct OneofSyntax: Sendable {
  var name: String
  var location: SourceLocation
  var comments: [String]
}

/// A `reserved` range of numbers, inclusive.
struct ReservedRange: Sendable {
  var range: ClosedRange<Int>
  var location: SourceLocation
}

/// A message declaration.
struct MessageSyntax: Sendable {
  var name: String
  var location: SourceLocation
  var comments: [String]
  var fields: [FieldSyntax] = []
  var oneofs: [OneofSyntax] = []
  var messages: [MessageSyntax] = []
  var enums: [EnumSyntax] = []
  var reservedRanges: [ReservedRange] = []
  var reservedNames: [String] = []
}

/// One value of an enum.
struct EnumValueSyntax: Sendable {
  var name: String
  var number: Int32
  var location: SourceLocation
  var comments: [String]
}

/// An enum declaration.
struct EnumSyntax: Sendable {
  var name: String
  var location: SourceLocation
  var comments: [String]
  var values: [EnumValueSyntax] = []
  var reservedRanges: [ReservedRange] = []
  var reservedNames: [String] = []
}

/// One `rpc` of a service.
struct MethodSyntax: Sendable {
  var name: String
  var inputType: String
  var inputLocation: SourceLocation
  var isClientStreaming: Bool
  var outputType: String
  var outputLocation: SourceLocation
  var isServerStreaming: Bool
  var location: SourceLocation
  var comments: [String]
}

/// A `service` declaration.
struct ServiceSyntax: Sendable {
  var name: String
  var location: SourceLocation
  var comments: [String]
  var methods: [MethodSyntax] = []
}

/// The scalar types of proto3.
public enum ScalarType: String, Sendable, Hashable, CaseIterable {
  case double, float, int32, int64, uint32, uint64, sint32, sint64
  case fixed32, fixed64, sfixed32, sfixed64, bool, string, bytes
}
