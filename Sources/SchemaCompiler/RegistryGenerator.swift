/// Emits the registry: every message type, message shape, enum and service
/// of the schema by full name, for tools that choose a type at run time.
struct RegistryGenerator {
  let model: SchemaModel
  let typeName: String

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
    let services = model.files.flatMap(\.services)

    var out = CodeWriter()
    out.line("// Generated from schema/ by schemac. Do not edit.")
    out.line()
    if !services.isEmpty { out.line("import RPC") }
    out.line("import Wire")
    out.line()
    out.doc([
      "Every message, enum and service generated from `schema/`, by full protobuf",
      "name, for tools that choose a type at run time.",
    ])
    out.block("public enum \(typeName) {") { out in
      out.doc(["Every message type by full name."])
      out.block("public static let messageTypes: [String: any WireMessage.Type] = [", closing: "]")
      { out in
        for message in messages {
          out.line("\"\(message.fullName)\": \(message.swiftName).self,")
        }
      }
      out.line()
      out.doc(["The fields of every message by full name, in field-number order."])
      out.block("public static let messageShapes: [String: MessageShape] = [", closing: "]") {
        out in
        for message in messages {
          shape(message, &out)
        }
      }
      out.line()
      out.doc(["The values of every enum by full name."])
      out.block("public static let enumShapes: [String: EnumShape] = [", closing: "]") { out in
        for enumeration in enums {
          out.line("\"\(enumeration.fullName)\": EnumShape(")
          out.line("  fullName: \"\(enumeration.fullName)\",")
          out.block("  values: [", closing: "  ]),") { out in
            out.elements(enumeration.values.map { ["  (\"\($0.name)\", \($0.number))"] })
          }
        }
      }
      if !services.isEmpty {
        out.line()
        out.doc(["Every service with its methods."])
        out.block("public static let services: [ServiceShape] = [", closing: "]") { out in
          for service in services {
            out.line("ServiceShape(")
            out.line("  fullName: \"\(service.fullName)\",")
            out.block("  methods: [", closing: "  ]),") { out in
              out.elements(
                service.methods.map { method in
                  [
                    "  MethodShape(",
                    "    \(service.name)Methods.\(method.swiftName),",
                    "    input: \"\(method.input.fullName)\",",
                    "    output: \"\(method.output.fullName)\")",
                  ]
                })
            }
          }
        }
      }
    }
    return out.text
  }

  private func shape(_ message: MessageModel, _ out: inout CodeWriter) {
    out.line("\"\(message.fullName)\": MessageShape(")
    out.line("  fullName: \"\(message.fullName)\",")
    let fields = message.fields.sorted { $0.number < $1.number }
    if fields.isEmpty {
      out.line("  fields: []),")
      return
    }
    out.block("  fields: [", closing: "  ]),") { out in
      out.elements(
        fields.map { field in
          var arguments = ["\(field.number)", "\"\(field.name)\"", "\"\(protoType(field.type))\""]
          if field.label != .singular { arguments.append(".\(field.label.rawValue)") }
          if let index = field.oneofIndex {
            arguments.append("oneof: \"\(message.oneofs[index].name)\"")
          }
          return ["  FieldShape(\(arguments.joined(separator: ", ")))"]
        })
    }
  }

  private func protoType(_ type: FieldType) -> String {
    switch type {
    case .scalar(let scalar): scalar.rawValue
    case .enumeration(let fullName, _, _), .message(let fullName, _): fullName
    case .map(let key, let value): "map<\(key.rawValue), \(protoType(value))>"
    }
  }
}
