import ClientTools
import Foundation

/// Reads a whole file, or standard input for `-`.
/// - Throws: ``CLIError`` with the usage status when the file cannot be read.
func readInputFile(_ path: String) throws(CLIError) -> [UInt8] {
  if path == "-" { return Terminal.readStandardInput() }
  guard let data = FileManager.default.contents(atPath: path) else {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    let problem = !exists ? "no such file" : isDirectory.boolValue ? "is a folder" : "unreadable"
    throw CLIError.badInput("cannot read \(path): \(problem)")
  }
  return [UInt8](data)
}

/// Reads a UTF-8 text file, or standard input for `-`.
/// - Throws: ``CLIError`` with the usage status when the file cannot be read
///   or is not UTF-8 text.
func readTextFile(_ path: String) throws(CLIError) -> String {
  let bytes = try readInputFile(path)
  guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
    throw CLIError.badInput("\(path) is not UTF-8 text")
  }
  return text
}
