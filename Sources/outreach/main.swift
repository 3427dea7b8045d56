// outreach: the command-line client of an Outreach server.
//
//   outreach <command> [subcommand] [arguments] [options]
//
// Every command has `--help`; `outreach --help` lists them.

import ClientTools
import Foundation

/// Every command, in the order help lists them.
let commands: [Command] =
  SendCommands.all + SuppressCommands.all + LeadsCommands.all + EventsCommands.all
  + AuditCommands.all + [CallCommand.command, DescribeCommand.command] + WireCommands.all

/// The top-level help: every command with its summary.
func overview() -> String {
  var lines = [
    "usage: outreach <command> [arguments] [options]", "",
    "Talks to an Outreach server over gRPC. Connection options for every command:",
    "  --server HOST:PORT (or $OUTREACH_SERVER, default 127.0.0.1:50051),",
    "  --token TOKEN (or $OUTREACH_TOKEN), --tls, --ca-file FILE, --timeout DURATION;",
    "  --json prints JSON for scripts.", "", "commands:",
  ]
  for command in commands {
    let usage = (command.path + [command.synopsis]).joined(separator: " ")
    lines.append("  " + usage)
    lines.append("      " + command.summary)
  }
  lines += ["", "`outreach <command> --help` shows a command's options and an example.", ""]
  lines.append(ExitStatus.table)
  return lines.joined(separator: "\n")
}

/// The help of a group such as `outreach suppress`: its commands.
func groupHelp(_ group: String, _ members: [Command]) -> String {
  (["usage: outreach \(group) <command> [arguments] [options]", "", "commands:"]
    + members.map { "  \($0.path.joined(separator: " ")) \($0.synopsis)\n      \($0.summary)" })
    .joined(separator: "\n")
}

/// Splits off the connection options written before the command word, as
/// in `outreach --server 127.0.0.1:50052 health`.
func leadingOptions(_ arguments: [String]) -> (options: [String], rest: [String]) {
  let global = ServerOptions.specs + [Invocation.jsonOption]
  var index = 0
  while index < arguments.count, arguments[index].hasPrefix("--") {
    let name = arguments[index].dropFirst(2).prefix { $0 != "=" }
    guard let spec = global.first(where: { $0.name == name }) else { break }
    let takesNext = spec.valueName != nil && !arguments[index].contains("=")
    index += takesNext ? 2 : 1
  }
  let end = min(index, arguments.count)
  return (Array(arguments[..<end]), Array(arguments[end...]))
}

/// Finds the command, parses its arguments and runs it.
func main(_ commandLine: [String]) async -> ExitStatus {
  let (globalOptions, arguments) = leadingOptions(commandLine)
  guard let first = arguments.first, !["-h", "--help", "help"].contains(first) else {
    Terminal.print(overview())
    return arguments.isEmpty ? .usage : .success
  }
  let members = commands.filter { $0.path[0] == first }
  guard !members.isEmpty else {
    Terminal.printError("outreach: unknown command \(first); `outreach --help` lists them")
    return .usage
  }
  let command: Command
  var rest = Array(arguments.dropFirst())
  if members.count == 1 && members[0].path.count == 1 {
    command = members[0]
  } else if let word = rest.first, let member = members.first(where: { $0.path[1] == word }) {
    command = member
    rest.removeFirst()
  } else {
    let word = rest.first.map { "unknown command \(first) \($0)\n\n" } ?? ""
    let wantsHelp = rest.first == "--help" || rest.first == "-h"
    if wantsHelp {
      Terminal.print(groupHelp(first, members))
      return .success
    }
    Terminal.printError("outreach: \(word)" + groupHelp(first, members))
    return .usage
  }

  let parsed: ParsedArguments
  do {
    parsed = try parseArguments(globalOptions + rest, options: command.allOptions)
  } catch {
    Terminal.printError(
      "\(command.name): \(error.message)\nusage: \(command.name) \(command.synopsis)")
    return .usage
  }
  if parsed.wantsHelp {
    Terminal.print(command.help)
    return .success
  }
  do {
    return try await command.run(
      Invocation(arguments: parsed, environment: ProcessInfo.processInfo.environment))
  } catch {
    if error.showsUsage {
      Terminal.printError("\(command.name): \(error.message)")
      Terminal.printError("usage: \(command.name) \(command.synopsis)")
    } else {
      Terminal.printError(error.message)
    }
    return error.status
  }
}

exit(await main(Array(CommandLine.arguments.dropFirst())).code)
