// outreach: the command-line client.
//
//   outreach wire encode <full.Message.Name>   JSON on stdin → binary on stdout
//   outreach wire decode <full.Message.Name>   binary on stdin → JSON on stdout

import Foundation
import OutreachAPI

/// Exit codes: 0 success, 2 bad usage or bad input.
enum ExitCode: Int32 {
  case success = 0
  case failure = 1
  case badInput = 2
}

/// A subcommand: what it is called, what it does, and how it runs.
struct Command {
  let name: String
  let summary: String
  let run: ([String]) throws -> ExitCode
}

/// A failure to report on standard error with an exit code.
struct CommandError: Error {
  let message: String
  let code: ExitCode
}

/// Reads standard input to its end.
func readStandardInput() -> [UInt8] {
  [UInt8](FileHandle.standardInput.readDataToEndOfFile())
}

/// Writes bytes to standard output.
func writeStandardOutput(_ bytes: [UInt8]) {
  FileHandle.standardOutput.write(Data(bytes))
}

/// Prints a line to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// `outreach wire encode|decode <message>`.
let wireCommand = Command(
  name: "wire",
  summary: "wire encode|decode <full.Message.Name>: convert JSON on stdin to binary, or back"
) { arguments in
  guard arguments.count == 2, ["encode", "decode"].contains(arguments[0]) else {
    throw CommandError(
      message: "usage: outreach wire encode|decode <full.Message.Name>", code: .badInput)
  }
  let (direction, messageName) = (arguments[0], arguments[1])
  let input = readStandardInput()
  do {
    if direction == "encode" {
      let json = String(decoding: input, as: UTF8.self)
      writeStandardOutput(try SchemaRegistry.encode(messageNamed: messageName, json: json))
    } else {
      let json = try SchemaRegistry.decode(messageNamed: messageName, bytes: input)
      writeStandardOutput(Array((json + "\n").utf8))
    }
  } catch {
    throw CommandError(message: "outreach wire \(direction): \(error)", code: .badInput)
  }
  return .success
}

let commands = [wireCommand]

/// The help text: every command with its summary.
func usage(_ commands: [Command]) -> String {
  (["usage: outreach <command> [arguments]", "", "commands:"]
    + commands.map { "  \($0.summary)" }).joined(separator: "\n")
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, name != "--help", name != "-h" else {
  print(usage(commands))
  exit(arguments.isEmpty ? ExitCode.badInput.rawValue : ExitCode.success.rawValue)
}
guard let command = commands.first(where: { $0.name == name }) else {
  printError("outreach: unknown command \(name)\n\n" + usage(commands))
  exit(ExitCode.badInput.rawValue)
}
do {
  exit(try command.run(Array(arguments.dropFirst())).rawValue)
} catch let error as CommandError {
  printError(error.message)
  exit(error.code.rawValue)
} catch {
  printError("outreach \(name): \(error)")
  exit(ExitCode.failure.rawValue)
}
