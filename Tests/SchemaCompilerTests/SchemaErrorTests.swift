import SchemaCompiler
import Testing

/// Compiles one file named `test.proto` and returns the first error.
func firstError(_ text: String, file: String = "test.proto") -> String? {
  do {
    _ = try SchemaCompiler.compile(sources: [(file, "schema/" + file, text)])
    return nil
  } catch {
    return error.errors.first?.description
  }
}

@Suite("Schema errors")
struct SchemaErrorTests {
  @Test(
    "each schema error names the file, line and column",
    arguments: [
      (
        "a missing semicolon",
        "syntax = \"proto3\";\nmessage A {\n  int32 a = 1\n  int32 b = 2;\n}\n",
        "schema/test.proto:4:3: expected ';', found 'int32'"
      ),
      (
        "an unknown type",
        "syntax = \"proto3\";\nmessage A {\n  Missing a = 1;\n}\n",
        "schema/test.proto:3:3: unknown type Missing"
      ),
      (
        "a duplicate field number",
        "syntax = \"proto3\";\nmessage A {\n  int32 a = 1;\n  string b = 1;\n}\n",
        "schema/test.proto:4:14: field number 1 is already used at schema/test.proto:3:13"
      ),
      (
        "a field number reserved for the implementation",
        "syntax = \"proto3\";\nmessage A {\n  int32 a = 19500;\n}\n",
        "schema/test.proto:3:13: field number 19500 is reserved for the protobuf implementation"
          + " (19000 to 19999)"
      ),
      (
        "a field number above 2^29 - 1",
        "syntax = \"proto3\";\nmessage A {\n  int32 a = 536870912;\n}\n",
        "schema/test.proto:3:13: field number 536870912 is out of range (1 to 536870911)"
      ),
      (
        "field number zero",
        "syntax = \"proto3\";\nmessage A {\n  int32 a = 0;\n}\n",
        "schema/test.proto:3:13: field number 0 is out of range (1 to 536870911)"
      ),
      (
        "an unsupported extend",
        "syntax = \"proto3\";\nmessage A {}\nextend A {\n  int32 b = 2;\n}\n",
        "schema/test.proto:3:1: 'extend' is not supported by schemac"
      ),
      (
        "an unsupported option",
        "syntax = \"proto3\";\noption java_package = \"x\";\n",
        "schema/test.proto:2:1: 'option' is not supported by schemac"
      ),
      (
        "a group",
        "syntax = \"proto3\";\nmessage A {\n  group G = 1 {}\n}\n",
        "schema/test.proto:3:3: 'group' is not supported by schemac"
      ),
      (
        "proto2",
        "syntax = \"proto2\";\n",
        "schema/test.proto:1:10: syntax \"proto2\" is not supported; use proto3"
      ),
      (
        "a reserved field number",
        "syntax = \"proto3\";\nmessage A {\n  reserved 2 to 4;\n  int32 a = 3;\n}\n",
        "schema/test.proto:4:13: field number 3 is reserved"
      ),
      (
        "an enum that does not start at zero",
        "syntax = \"proto3\";\nenum E {\n  E_ONE = 1;\n}\n",
        "schema/test.proto:3:3: the first value of a proto3 enum must be 0"
      ),
      (
        "a message that contains itself",
        "syntax = \"proto3\";\nmessage A {\n  A a = 1;\n}\n",
        "schema/test.proto:2:9: A contains itself through singular fields; make one of them"
          + " repeated"
      ),
    ])
  func reports(_ what: String, _ text: String, _ expected: String) {
    #expect(firstError(text) == expected, "\(what)")
  }

  @Test("two packages that would produce the same Swift name are rejected")
  func swiftNameCollision() {
    let sources = [
      ("a/one.proto", "schema/a/one.proto", "syntax = \"proto3\";\npackage a;\nmessage M {}\n"),
      ("b/two.proto", "schema/b/two.proto", "syntax = \"proto3\";\npackage b;\nmessage M {}\n"),
    ]

    #expect {
      _ = try SchemaCompiler.compile(sources: sources)
    } throws: { error in
      (error as? SchemaErrors)?.description
        == "schema/b/two.proto:3:9: Swift name M is already generated for schema/a/one.proto:3:9"
    }
  }

  @Test("a type from a file that is not imported is rejected")
  func missingImport() {
    let sources = [
      ("a.proto", "schema/a.proto", "syntax = \"proto3\";\npackage p;\nmessage M {}\n"),
      (
        "b.proto", "schema/b.proto",
        "syntax = \"proto3\";\npackage p;\nmessage N {\n  M m = 1;\n}\n"
      ),
    ]

    #expect {
      _ = try SchemaCompiler.compile(sources: sources)
    } throws: { error in
      (error as? SchemaErrors)?.description
        == "schema/b.proto:4:3: p.M is defined in \"a.proto\", which is not imported"
    }
  }
}

@Suite("Generated Swift names and documentation")
struct GeneratedNamesTests {
  static let schema = """
    syntax = "proto3";
    package shop.v1;

    // An order line.
    message Line {
      // How many.
      int32 item_count = 1; // trailing, not documentation
      string import = 2;

      // Detached from the field below by a blank line.

      Status status = 3;
      message Note { string text = 1; }
      Note note = 4;
      oneof payment { string card_token = 5; int64 voucher_id = 6; }
    }

    enum Status {
      STATUS_UNSPECIFIED = 0;
      STATUS_NOT_SHIPPED = 1;
    }

    service Orders {
      rpc Import(stream Line) returns (Line);
      rpc Watch(Line) returns (stream Line);
      rpc Chat(stream Line) returns (stream Line);
    }
    """

  static let generated: String = {
    let files = try! SchemaCompiler.compile(
      sources: [("shop/v1/shop.proto", "schema/shop/v1/shop.proto", schema)])
    return files.first { $0.name == "shop_v1_shop.pb.swift" }!.contents
  }()

  @Test(
    "declarations come out with Swift names and the schema's comments",
    arguments: [
      "/// An order line.\npublic struct Line: WireMessage {",
      "  /// How many.\n  public var itemCount: Int32 = 0\n",
      "  public var `import`: String = \"\"\n",
      "\n  public var status: Status = .unspecified\n",
      "  public var note: Line.Note?\n",
      "  public var payment: Payment?\n",
      "    case cardToken(String)\n",
      "  case notShipped\n",
      "  case unrecognized(Int32)\n",
      "  func `import`(_ requests: MessageStream<Line>, context: ServerContext) async throws -> Line\n",
      "public struct OrdersClient: Sendable {",
      "kind: .bidirectionalStreaming)",
    ])
  func contains(_ snippet: String) {
    #expect(Self.generated.contains(snippet))
  }

  @Test("a trailing comment is not taken as documentation of the next field")
  func trailingComment() {
    #expect(!Self.generated.contains("trailing, not documentation"))
    #expect(!Self.generated.contains("Detached"))
  }

  @Test("output is reproducible byte for byte")
  func reproducible() throws {
    let again = try SchemaCompiler.compile(
      sources: [("shop/v1/shop.proto", "schema/shop/v1/shop.proto", Self.schema)])

    #expect(again.first { $0.name == "shop_v1_shop.pb.swift" }?.contents == Self.generated)
  }
}
