import Wire

/// A message written twice: in protoc's text format and as a Swift value.
struct GoldenCase: Sendable, CustomStringConvertible {
  let description: String
  let messageName: String
  let text: String
  let message: any WireMessage

  init<M: WireMessage>(_ description: String, _ text: String, _ message: M) {
    self.description = description
    self.messageName = M.protoMessageName
    self.text = text
    self.message = message
  }

  static let all: [GoldenCase] = [
    GoldenCase(
      "every scalar type at an extreme",
      #"""
      f_double: 1.5 f_float: -2.25 f_int32: -1 f_int64: -9223372036854775808
      f_uint32: 4294967295 f_uint64: 18446744073709551615 f_sint32: -2147483648
      f_sint64: -9223372036854775808 f_fixed32: 4294967295 f_fixed64: 18446744073709551615
      f_sfixed32: -2147483648 f_sfixed64: -9223372036854775808 f_bool: true
      f_string: "héllo ✓" f_bytes: "\000\377ab" f_enum: COLOR_BLUE
      """#,
      Scalars.with {
        $0.fDouble = 1.5
        $0.fFloat = -2.25
        $0.fInt32 = -1
        $0.fInt64 = .min
        $0.fUint32 = .max
        $0.fUint64 = .max
        $0.fSint32 = .min
        $0.fSint64 = .min
        $0.fFixed32 = .max
        $0.fFixed64 = .max
        $0.fSfixed32 = .min
        $0.fSfixed64 = .min
        $0.fBool = true
        $0.fString = "héllo ✓"
        $0.fBytes = [0, 255, 97, 98]
        $0.fEnum = .blue
      }),
    GoldenCase(
      "sint64 maximum, negative int32 and negative zero",
      """
      f_double: -0.0 f_float: -0.0 f_int32: -2147483648 f_sint32: 2147483647
      f_int64: 9223372036854775807 f_sint64: 9223372036854775807
      f_sfixed64: 9223372036854775807
      """,
      Scalars.with {
        $0.fDouble = -0.0
        $0.fFloat = -0.0
        $0.fInt32 = .min
        $0.fSint32 = .max
        $0.fInt64 = .max
        $0.fSint64 = .max
        $0.fSfixed64 = .max
      }),
    GoldenCase(
      "defaults are omitted",
      #"f_int32: 0 f_string: "" f_bool: false f_enum: COLOR_UNSPECIFIED f_double: 0"#,
      Scalars()),
    GoldenCase(
      "every scalar type repeated, numbers packed",
      #"""
      r_double: [1.5, -0.0] r_float: [0.5, 3] r_int32: [-1, 0, 300]
      r_int64: [-9223372036854775808, 1] r_uint32: [4294967295, 0]
      r_uint64: [18446744073709551615] r_sint32: [-2147483648, 2147483647, -1]
      r_sint64: [-9223372036854775808, 9223372036854775807] r_fixed32: [1, 4294967295]
      r_fixed64: [1, 18446744073709551615] r_sfixed32: [-1, 1] r_sfixed64: [-1, 1]
      r_bool: [true, false, true] r_string: ["a", "", "ü"] r_bytes: ["\001", ""]
      r_enum: [COLOR_RED, COLOR_BLUE, COLOR_UNSPECIFIED]
      r_message { f_int32: 1 } r_message { }
      """#,
      Repeated.with {
        $0.rDouble = [1.5, -0.0]
        $0.rFloat = [0.5, 3]
        $0.rInt32 = [-1, 0, 300]
        $0.rInt64 = [.min, 1]
        $0.rUint32 = [.max, 0]
        $0.rUint64 = [.max]
        $0.rSint32 = [.min, .max, -1]
        $0.rSint64 = [.min, .max]
        $0.rFixed32 = [1, .max]
        $0.rFixed64 = [1, .max]
        $0.rSfixed32 = [-1, 1]
        $0.rSfixed64 = [-1, 1]
        $0.rBool = [true, false, true]
        $0.rString = ["a", "", "ü"]
        $0.rBytes = [[1], []]
        $0.rEnum = [.red, .blue, .unspecified]
        $0.rMessage = [Scalars.with { $0.fInt32 = 1 }, Scalars()]
      }),
    GoldenCase(
      "optional fields are written at their defaults",
      #"o_int32: 0 o_string: "" o_enum: COLOR_UNSPECIFIED o_double: 0 o_bool: false"#,
      Optionals.with {
        $0.oInt32 = 0
        $0.oString = ""
        $0.oEnum = .unspecified
        $0.oDouble = 0
        $0.oBool = false
      }),
    GoldenCase(
      "maps of every key and value kind",
      #"""
      string_to_int32 { key: "a" value: -1 }
      int64_to_string { key: -5 value: "five" }
      bool_to_bytes { key: true value: "\001\002" }
      uint32_to_message { key: 7 value { f_string: "x" } }
      sint64_to_enum { key: -9223372036854775808 value: COLOR_GREEN }
      fixed32_to_double { key: 0 value: 0 }
      """#,
      Maps.with {
        $0.stringToInt32 = ["a": -1]
        $0.int64ToString = [-5: "five"]
        $0.boolToBytes = [true: [1, 2]]
        $0.uint32ToMessage = [7: Scalars.with { $0.fString = "x" }]
        $0.sint64ToEnum = [.min: .green]
        $0.fixed32ToDouble = [0: 0]
      }),
    GoldenCase(
      "a oneof number at its default is still written",
      #"number: 0 label: "l""#,
      Choice.with {
        $0.value = .number(0)
        $0.label = "l"
      }),
    GoldenCase("a oneof string", #"text: "t""#, Choice.with { $0.value = .text("t") }),
    GoldenCase(
      "a oneof message, empty", "scalars { }",
      Choice.with { $0.value = .scalars(Scalars()) }),
    GoldenCase(
      "a oneof bytes", #"blob: "\000""#, Choice.with { $0.value = .blob([0]) }),
    GoldenCase(
      "a oneof enum at its default", "color: COLOR_UNSPECIFIED",
      Choice.with { $0.value = .color(.unspecified) }),
    GoldenCase(
      "nested messages, a keyword field and the highest field number",
      #"""
      inner { id: 1 deep { note: "n" } default: "d" }
      inners { id: 2 } inners { }
      deep { note: "top" }
      far: -1
      """#,
      Outer.with {
        $0.inner = Outer.Inner.with {
          $0.id = 1
          $0.deep = Outer.Inner.Deep.with { $0.note = "n" }
          $0.default = "d"
        }
        $0.inners = [Outer.Inner.with { $0.id = 2 }, Outer.Inner()]
        $0.deep = Outer.Inner.Deep.with { $0.note = "top" }
        $0.far = -1
      }),
  ]
}
