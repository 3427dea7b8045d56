// Generated from Tests/WireTests/Fixtures/ by schemac. Do not edit.

import Wire

/// Every message, enum and service of the schema, by full protobuf name, for
/// tools that choose a type at run time.
public enum GoldenRegistry {
  /// Every message type by full name.
  public static let messageTypes: [String: any WireMessage.Type] = [
    "golden.v1.Choice": Choice.self,
    "golden.v1.Maps": Maps.self,
    "golden.v1.Optionals": Optionals.self,
    "golden.v1.Outer": Outer.self,
    "golden.v1.Outer.Inner": Outer.Inner.self,
    "golden.v1.Outer.Inner.Deep": Outer.Inner.Deep.self,
    "golden.v1.Repeated": Repeated.self,
    "golden.v1.Scalars": Scalars.self,
    "golden.v1.Tree": Tree.self,
    "golden.v1.VersionNew": VersionNew.self,
    "golden.v1.VersionOld": VersionOld.self,
  ]

  /// The fields of every message by full name, in field-number order.
  public static let messageShapes: [String: MessageShape] = [
    "golden.v1.Choice": MessageShape(
      fullName: "golden.v1.Choice",
      fields: [
        FieldShape(1, "number", "int32", oneof: "value"),
        FieldShape(2, "text", "string", oneof: "value"),
        FieldShape(3, "scalars", "golden.v1.Scalars", oneof: "value"),
        FieldShape(4, "blob", "bytes", oneof: "value"),
        FieldShape(5, "color", "golden.v1.Color", oneof: "value"),
        FieldShape(6, "label", "string"),
      ]),
    "golden.v1.Maps": MessageShape(
      fullName: "golden.v1.Maps",
      fields: [
        FieldShape(1, "string_to_int32", "map<string, int32>"),
        FieldShape(2, "int64_to_string", "map<int64, string>"),
        FieldShape(3, "bool_to_bytes", "map<bool, bytes>"),
        FieldShape(4, "uint32_to_message", "map<uint32, golden.v1.Scalars>"),
        FieldShape(5, "sint64_to_enum", "map<sint64, golden.v1.Color>"),
        FieldShape(6, "fixed32_to_double", "map<fixed32, double>"),
      ]),
    "golden.v1.Optionals": MessageShape(
      fullName: "golden.v1.Optionals",
      fields: [
        FieldShape(1, "o_int32", "int32", .optional),
        FieldShape(2, "o_string", "string", .optional),
        FieldShape(3, "o_enum", "golden.v1.Color", .optional),
        FieldShape(4, "o_double", "double", .optional),
        FieldShape(5, "o_bool", "bool", .optional),
      ]),
    "golden.v1.Outer": MessageShape(
      fullName: "golden.v1.Outer",
      fields: [
        FieldShape(1, "inner", "golden.v1.Outer.Inner"),
        FieldShape(2, "inners", "golden.v1.Outer.Inner", .repeated),
        FieldShape(3, "deep", "golden.v1.Outer.Inner.Deep"),
        FieldShape(536_870_911, "far", "int32"),
      ]),
    "golden.v1.Outer.Inner": MessageShape(
      fullName: "golden.v1.Outer.Inner",
      fields: [
        FieldShape(1, "id", "int32"),
        FieldShape(2, "deep", "golden.v1.Outer.Inner.Deep"),
        FieldShape(3, "default", "string"),
      ]),
    "golden.v1.Outer.Inner.Deep": MessageShape(
      fullName: "golden.v1.Outer.Inner.Deep",
      fields: [
        FieldShape(1, "note", "string")
      ]),
    "golden.v1.Repeated": MessageShape(
      fullName: "golden.v1.Repeated",
      fields: [
        FieldShape(1, "r_double", "double", .repeated),
        FieldShape(2, "r_float", "float", .repeated),
        FieldShape(3, "r_int32", "int32", .repeated),
        FieldShape(4, "r_int64", "int64", .repeated),
        FieldShape(5, "r_uint32", "uint32", .repeated),
        FieldShape(6, "r_uint64", "uint64", .repeated),
        FieldShape(7, "r_sint32", "sint32", .repeated),
        FieldShape(8, "r_sint64", "sint64", .repeated),
        FieldShape(9, "r_fixed32", "fixed32", .repeated),
        FieldShape(10, "r_fixed64", "fixed64", .repeated),
        FieldShape(11, "r_sfixed32", "sfixed32", .repeated),
        FieldShape(12, "r_sfixed64", "sfixed64", .repeated),
        FieldShape(13, "r_bool", "bool", .repeated),
        FieldShape(14, "r_string", "string", .repeated),
        FieldShape(15, "r_bytes", "bytes", .repeated),
        FieldShape(16, "r_enum", "golden.v1.Color", .repeated),
        FieldShape(17, "r_message", "golden.v1.Scalars", .repeated),
      ]),
    "golden.v1.Scalars": MessageShape(
      fullName: "golden.v1.Scalars",
      fields: [
        FieldShape(1, "f_double", "double"),
        FieldShape(2, "f_float", "float"),
        FieldShape(3, "f_int32", "int32"),
        FieldShape(4, "f_int64", "int64"),
        FieldShape(5, "f_uint32", "uint32"),
        FieldShape(6, "f_uint64", "uint64"),
        FieldShape(7, "f_sint32", "sint32"),
        FieldShape(8, "f_sint64", "sint64"),
        FieldShape(9, "f_fixed32", "fixed32"),
        FieldShape(10, "f_fixed64", "fixed64"),
        FieldShape(11, "f_sfixed32", "sfixed32"),
        FieldShape(12, "f_sfixed64", "sfixed64"),
        FieldShape(13, "f_bool", "bool"),
        FieldShape(14, "f_string", "string"),
        FieldShape(15, "f_bytes", "bytes"),
        FieldShape(16, "f_enum", "golden.v1.Color"),
      ]),
    "golden.v1.Tree": MessageShape(
      fullName: "golden.v1.Tree",
      fields: [
        FieldShape(1, "children", "golden.v1.Tree", .repeated),
        FieldShape(2, "value", "int32"),
      ]),
    "golden.v1.VersionNew": MessageShape(
      fullName: "golden.v1.VersionNew",
      fields: [
        FieldShape(1, "id", "int32"),
        FieldShape(2, "name", "string"),
        FieldShape(3, "stamp", "fixed64"),
        FieldShape(4, "small", "fixed32"),
        FieldShape(5, "values", "int32", .repeated),
        FieldShape(6, "nested", "golden.v1.Scalars"),
      ]),
    "golden.v1.VersionOld": MessageShape(
      fullName: "golden.v1.VersionOld",
      fields: [
        FieldShape(1, "id", "int32")
      ]),
  ]

  /// The values of every enum by full name.
  public static let enumShapes: [String: EnumShape] = [
    "golden.v1.Color": EnumShape(
      fullName: "golden.v1.Color",
      values: [
        ("COLOR_UNSPECIFIED", 0),
        ("COLOR_RED", 1),
        ("COLOR_GREEN", 2),
        ("COLOR_BLUE", 10),
      ])
  ]
}
