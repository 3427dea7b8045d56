/// Emits the registry: every message type, message shape, enum and service
/// of the schema by full name, for tools that choose a type at run time.
struct RegistryGenerator {
  let model: SchemaModel
  let typeName: String
  let options: GenerationOptions

  func generate() -> String {
    var messages: [MessageModel] = []
    var enums: [EnumModel] = []
    func visit(_ message: MessageModel) {
      messages.append(message)
      enums += message.enums
      message.messages.forEach(visit)
    }
    for file in model.files {
      file.messages.forEach(visit)
      enums += file.enums
    }
    messages.sort { $0.fullName < $1.fullName }
    enums.sort { $0.fullName < $1.fullName }
    let services = options.includesServices ? model.files.flatMap(\.services) : []

    var out = CodeWriter()
    out.line(options.header(for: ""))
    out.line()
    for line in options.imports(services.isEmpty ? ["Wire"] : ["RPC", "Wire"]) {
      out.line(line)
    }
    out.line()
    out.doc([
      "Every message, enum and service of the schema, by full protobuf name, for",
      "tools that choose a type at run time.",
    ])
    out.block("public enum \(typeName) {") { out in
      out.doc(["Every message type by full name."])
      out.block("public static let messageTypes: [String: any WireMessage.Type] = [", closing: "]")
      { out in
        out.elements(messages.map { ["\"\($0.fullName)\": \($0.swiftName).self"] })
      }
      out.line()
      out.doc(["The fields of every message by full name, in field-number order."])
      out.block("public static let messageShapes: [String: MessageShape] = [", closing: "]") {
        out in
        out.elements(messages.map(shape))
      }
      out.line()
      out.doc(["The values of every enum by full name."])
      out.block("public static let enumShapes: [String: EnumShape] = [", closing: "]") { out in
        out.elements(
          enums.map { enumeration in
            let values = enumeration.values.map { "(\"\($0.name)\", \(Names.literal($0.number)))" }
            return [
              "\"\(enumeration.fullName)\": EnumShape(",
              "  fullName: \"\(enumeration.fullName)\",",
              "  values: [",
            ] + list(values, indent: "    ") + ["  ])"]
          })
      }
      if !services.isEmpty {
        out.line()
        out.doc(["Every service with its methods."])
        out.block("public static let services: [ServiceShape] = [", closing: "]") { out in
          out.elements(
            services.map { service in
              let methods = service.methods.map { method in
                "MethodShape(\n  \(service.name)Methods.\(method.swiftName),\n"
                  + "  input: \"\(method.input.fullName)\",\n"
                  + "  output: \"\(method.output.fullName)\")"
              }
              return [
                "ServiceShape(",
                "  fullName: \"\(service.fullName)\",",
                "  methods: [",
              ] + list(methods, indent: "    ") + ["  ])"]
            })
        }
      }
    }
    return out.text
  }

  /// The lines of a multi-line collection's elements; each element may
  /// span lines. The last takes no trailing comma when it is alone.
  private func list(_ elements: [String], indent: String) -> [String] {
    var lines: [String] = []
    for element in elements {
      let elementLines = element.split(separator: "\n").map { indent + $0 }
      lines += elementLines.dropLast()
      lines.append(elementLines.last! + (elements.count > 1 ? "," : ""))
    }
    return lines
  }

  private func shape(_ message: MessageModel) -> [String] {
    let head = ["\"\(message.fullName)\": MessageShape(", "  fullName: \"\(message.fullName)\","]
    let fields = message.fields.sorted { $0.number < $1.number }
    if fields.isEmpty { return head + ["  fields: [])"] }
    let shapes = fields.map { field in
      var arguments = [
        Names.literal(field.number), "\"\(field.name)\"", "\"\(protoType(field.type))\"",
      ]
      if field.label != .singular { arguments.append(".\(field.label.rawValue)") }
      if let index = field.oneofIndex {
        arguments.append("oneof: \"\(message.oneofs[index].name)\"")
      }
      return "FieldShape(\(arguments.joined(separator: ", ")))"
    }
    return head + ["  fields: ["] + list(shapes, indent: "    ") + ["  ])"]
  }

  private func protoType(_ type: FieldType) -> String {
    switch type {
    case .scalar(let scalar): scalar.rawValue
    case .enumeration(let fullName, _, _), .message(let fullName, _): fullName
    case .map(let key, let value): "map<\(key.rawValue), \(protoType(value))>"
    }
  }
}
