import Foundation

/// A throwaway CA and the server certificates the tests present, generated
/// once per test run with the `openssl` command.
struct TestCertificates: Sendable {
  /// A certificate and its private key, as PEM file paths.
  struct Pair: Sendable {
    let certificate: String
    let key: String
  }

  /// The CA that signed ``server`` and ``wrongHost``.
  let caFile: String
  /// Signed by the CA for `localhost` and `127.0.0.1`.
  let server: Pair
  /// Self-signed for `localhost`: valid name, untrusted issuer.
  let selfSigned: Pair
  /// Signed by the CA for `wrong.test`: trusted issuer, wrong name.
  let wrongHost: Pair

  /// The certificates of this test run.
  static let shared: TestCertificates = {
    do {
      return try generate()
    } catch {
      fatalError("cannot generate test certificates: \(error)")
    }
  }()

  private static func generate() throws -> TestCertificates {
    let directory = try TestEnvironment.makeTemporaryDirectory().path
    let openssl = "/usr/bin/openssl"
    let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    func path(_ name: String) -> String { "\(directory)/\(name)" }

    try TestEnvironment.run(
      openssl,
      ["req", "-x509"] + curve + [
        "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2",
        "-subj", "/CN=Outreach Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
      ])

    func signed(_ name: String, subjectAltName: String) throws -> Pair {
      try TestEnvironment.run(
        openssl,
        ["req", "-new"] + curve + [
          "-keyout", path("\(name).key"), "-out", path("\(name).csr"), "-subj", "/CN=\(name)",
        ])
      let extensions = path("\(name).ext")
      try "subjectAltName=\(subjectAltName)\nextendedKeyUsage=serverAuth\n"
        .write(toFile: extensions, atomically: true, encoding: .utf8)
      try TestEnvironment.run(
        openssl,
        [
          "x509", "-req", "-in", path("\(name).csr"), "-CA", path("ca.pem"),
          "-CAkey", path("ca.key"), "-CAcreateserial", "-out", path("\(name).pem"),
          "-days", "2", "-extfile", extensions,
        ])
      return Pair(certificate: path("\(name).pem"), key: path("\(name).key"))
    }

    let server = try signed("localhost", subjectAltName: "DNS:localhost,IP:127.0.0.1")
    let wrongHost = try signed("wrong.test", subjectAltName: "DNS:wrong.test")
    try TestEnvironment.run(
      openssl,
      ["req", "-x509"] + curve + [
        "-keyout", path("self.key"), "-out", path("self.pem"), "-days", "2",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
      ])
    return TestCertificates(
      caFile: path("ca.pem"), server: server,
      selfSigned: Pair(certificate: path("self.pem"), key: path("self.key")),
      wrongHost: wrongHost)
  }
}
