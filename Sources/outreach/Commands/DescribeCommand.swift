import ClientTools
import OutreachAPI
import RPC
import Wire

/// `outreach describe [NAME]`: the schema's services, methods and messages.
enum DescribeCommand {
  static let command = Command(
    path: ["describe"],
    synopsis: "[SERVICE | SERVICE/METHOD | MESSAGE | ENUM]",
    summary: "List the services and methods of the schema, or show one in proto syntax.",
    usesServer: false,
    details: """
      Names may be full (outreach.v1.Leads) or short when unambiguous (Leads,
      Leads/Import, ImportLeadsRequest). A method shows its request and
      response messages too.

      example:
        outreach describe
        outreach describe Leads/Import
      """
  ) { invocation throws(CLIError) in
    let names = invocation.arguments.positionals
    guard names.count <= 1 else { throw CLIError.usage("describe takes at most one NAME") }
    let json = invocation.wantsJSON
    guard let name = names.first else {
      for service in SchemaLookup.services {
        emit(json ? serviceJSON(service) : serviceText(service).joined(separator: "\n") + "\n")
      }
      return .success
    }
    switch try findInSchema(name) {
    case .service(let service):
      emit(json ? serviceJSON(service) : serviceText(service).joined(separator: "\n"))
    case .method(_, let method):
      if json {
        emit(methodJSON(method))
        emit(messageJSON(method.input))
        emit(messageJSON(method.output))
      } else {
        Terminal.print(methodText(method) + "\n")
        Terminal.print(messageText(method.input) + "\n")
        Terminal.print(messageText(method.output))
      }
    case .message(let message):
      emit(json ? messageJSON(message) : messageText(message))
    case .enumeration(let enumeration):
      emit(json ? enumJSON(enumeration) : enumText(enumeration))
    }
    return .success
  }

  private static func emit(_ text: String) {
    Terminal.print(text)
  }

  // MARK: Text

  private static func serviceText(_ service: ServiceShape) -> [String] {
    ["service \(service.fullName) {"] + service.methods.map { "  " + methodText($0) } + ["}"]
  }

  /// `rpc Import(stream outreach.v1.ImportLeadsRequest) returns (outreach.v1.ImportLeadsResponse);`
  static func methodText(_ method: MethodShape) -> String {
    let kind = method.descriptor.kind
    let streamsIn = kind == .clientStreaming || kind == .bidirectionalStreaming
    let streamsOut = kind == .serverStreaming || kind == .bidirectionalStreaming
    return "rpc \(method.descriptor.method)(\(streamsIn ? "stream " : "")\(method.input))"
      + " returns (\(streamsOut ? "stream " : "")\(method.output));"
  }

  private static func messageText(_ name: String) -> String {
    guard let shape = SchemaRegistry.messageShapes[name] else { return "message \(name) {}" }
    let fields = shape.fields.map { field in
      let label = field.label == .singular ? "" : field.label.rawValue + " "
      let oneof = field.oneof.map { "  // oneof \($0)" } ?? ""
      return "  \(label)\(field.type) \(field.name) = \(field.number);\(oneof)"
    }
    return (["message \(name) {"] + fields + ["}"]).joined(separator: "\n")
  }

  private static func enumText(_ name: String) -> String {
    let values = SchemaRegistry.enumShapes[name]?.values ?? []
    return (["enum \(name) {"] + values.map { "  \($0.name) = \($0.number);" } + ["}"])
      .joined(separator: "\n")
  }

  // MARK: JSON

  private static func serviceJSON(_ service: ServiceShape) -> String {
    var writer = JSONWriter()
    writer.beginObject()
    writer.writeField("service", service.fullName)
    writer.writeKey("methods")
    writer.beginArray()
    for method in service.methods {
      writeMethod(method, to: &writer)
    }
    writer.endArray()
    writer.endObject()
    return writer.output
  }

  private static func methodJSON(_ method: MethodShape) -> String {
    var writer = JSONWriter()
    writeMethod(method, to: &writer)
    return writer.output
  }

  private static func writeMethod(_ method: MethodShape, to writer: inout JSONWriter) {
    let kind = method.descriptor.kind
    writer.beginObject()
    writer.writeField("method", method.descriptor.fullName)
    writer.writeField("input", method.input)
    writer.writeField("output", method.output)
    writer.writeField(
      "clientStreaming", kind == .clientStreaming || kind == .bidirectionalStreaming)
    writer.writeField(
      "serverStreaming", kind == .serverStreaming || kind == .bidirectionalStreaming)
    writer.endObject()
  }

  private static func messageJSON(_ name: String) -> String {
    var writer = JSONWriter()
    writer.beginObject()
    writer.writeField("message", name)
    writer.writeKey("fields")
    writer.beginArray()
    for field in SchemaRegistry.messageShapes[name]?.fields ?? [] {
      writer.beginObject()
      writer.writeField("number", Int32(field.number))
      writer.writeField("name", field.name)
      writer.writeField("jsonName", JSONOutput.jsonName(field.name))
      writer.writeField("type", field.type)
      writer.writeField("label", field.label == .singular ? "singular" : field.label.rawValue)
      if let oneof = field.oneof { writer.writeField("oneof", oneof) }
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    return writer.output
  }

  private static func enumJSON(_ name: String) -> String {
    var writer = JSONWriter()
    writer.beginObject()
    writer.writeField("enum", name)
    writer.writeKey("values")
    writer.beginArray()
    for value in SchemaRegistry.enumShapes[name]?.values ?? [] {
      writer.beginObject()
      writer.writeField("name", value.name)
      writer.writeField("number", value.number)
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    return writer.output
  }
}
