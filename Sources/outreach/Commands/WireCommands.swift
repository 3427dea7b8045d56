import ClientTools
import OutreachAPI

/// `outreach wire encode|decode MESSAGE`: converts between the proto3 JSON
/// mapping and the binary wire format, offline.
enum WireCommands {
  static let all = [encode, decode]

  static let encode = Command(
    path: ["wire", "encode"],
    synopsis: "FULL.MESSAGE.NAME < message.json > message.bin",
    summary: "Convert a message from JSON on standard input to binary on standard output.",
    usesServer: false,
    details: """
      example:
        echo '{"recipientEmail":"a@example.com"}' | outreach wire encode outreach.v1.ValidateRequest
      """
  ) { invocation throws(CLIError) in
    let name = try invocation.positionals("FULL.MESSAGE.NAME")[0]
    let json = String(decoding: Terminal.readStandardInput(), as: UTF8.self)
    do {
      Terminal.writeOutput(try SchemaRegistry.encode(messageNamed: name, json: json))
    } catch {
      throw CLIError.badInput("outreach wire encode: \(error)")
    }
    return .success
  }

  static let decode = Command(
    path: ["wire", "decode"],
    synopsis: "FULL.MESSAGE.NAME < message.bin > message.json",
    summary: "Convert a message from binary on standard input to JSON on standard output.",
    usesServer: false,
    details: """
      example:
        outreach wire decode outreach.v1.ValidateRequest < message.bin
      """
  ) { invocation throws(CLIError) in
    let name = try invocation.positionals("FULL.MESSAGE.NAME")[0]
    do {
      let json = try SchemaRegistry.decode(messageNamed: name, bytes: Terminal.readStandardInput())
      Terminal.print(json)
    } catch {
      throw CLIError.badInput("outreach wire decode: \(error)")
    }
    return .success
  }
}
