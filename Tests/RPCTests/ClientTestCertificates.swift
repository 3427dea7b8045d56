import Foundation

/// A throw-away certificate authority and a server certificate it signed,
/// made with the `openssl` command in a temporary directory.
struct ClientTestCertificates {
  /// The directory holding every file; removed by ``remove()``.
  let directory: URL
  /// The CA certificate clients trust.
  var caFile: String { directory.appendingPathComponent("ca.pem").path }
  /// The server's certificate, valid for `localhost`, `127.0.0.1` and `::1`.
  var certificateFile: String { directory.appendingPathComponent("server.pem").path }
  /// The server's private key.
  var privateKeyFile: String { directory.appendingPathComponent("server.key").path }
  /// A second CA that signed nothing the server presents.
  var otherCAFile: String { directory.appendingPathComponent("other-ca.pem").path }

  /// Generates the files.
  static func make() throws -> ClientTestCertificates {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("client-tls-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let certificates = ClientTestCertificates(directory: directory)

    let config = """
      [req]
      distinguished_name = dn
      [dn]
      [server]
      subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
      basicConstraints = CA:FALSE
      keyUsage = digitalSignature, keyEncipherment
      extendedKeyUsage = serverAuth
      """
    try config.write(
      to: directory.appendingPathComponent("openssl.cnf"), atomically: true, encoding: .utf8)

    let commands: [[String]] = [
      [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Client Test CA",
      ],
      [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "2", "-subj",
        "/CN=Other Test CA",
      ],
      [
        "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost",
        "-config", "openssl.cnf",
      ],
      [
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "openssl.cnf",
        "-extensions", "server",
      ],
    ]
    for arguments in commands {
      try runOpenSSL(arguments, in: directory)
    }
    return certificates
  }

  /// Deletes the directory.
  func remove() {
    try? FileManager.default.removeItem(at: directory)
  }

  private static func runOpenSSL(_ arguments: [String], in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let output = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CertificateGenerationError(
        message: "openssl \(arguments[0]) failed: \(String(decoding: output, as: UTF8.self))")
    }
  }
}

/// The `openssl` command failed.
struct CertificateGenerationError: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}
