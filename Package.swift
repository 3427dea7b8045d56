// swift-tools-version:6.0
//
// Outreach: a gRPC-compatible server that sends outreach email safely.
// The module graph is described in docs/architecture.md.

import PackageDescription

let package = Package(
  name: "Outreach",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "outreachd", targets: ["outreachd"]),
    .executable(name: "outreach", targets: ["outreach"]),
    .executable(name: "outreach-load", targets: ["outreach-load"]),
    .executable(name: "schemac", targets: ["schemac"]),
  ],
  targets: [
    // C libraries from Debian, each behind a module map.
    .systemLibrary(
      name: "CNGHTTP2",
      pkgConfig: "libnghttp2",
      providers: [.apt(["libnghttp2-dev"])]
    ),
    .systemLibrary(
      name: "COpenSSL",
      pkgConfig: "openssl",
      providers: [.apt(["libssl-dev"])]
    ),
    .systemLibrary(name: "CLinux"),
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),

    // Libraries.
    .target(name: "Logging"),
    .target(name: "Wire"),
    .target(name: "SchemaCompiler"),
    .target(
      name: "RPC",
      dependencies: ["Wire", "Logging", "CLinux", "CNGHTTP2", "COpenSSL"]
    ),
    .target(name: "OutreachAPI", dependencies: ["Wire", "RPC"]),
    .target(name: "Policy"),
    .target(name: "ClientTools", dependencies: ["OutreachAPI", "RPC"]),
    .target(name: "Store", dependencies: ["CSQLite", "COpenSSL", "Logging", "Policy"]),
    .target(name: "Mail", dependencies: ["COpenSSL", "Logging", "Policy"]),
    .target(
      name: "OutreachServer",
      dependencies: ["OutreachAPI", "RPC", "Wire", "Policy", "Store", "Mail", "Logging"]
    ),

    // Executables.
    .executableTarget(name: "schemac", dependencies: ["SchemaCompiler"]),
    .executableTarget(name: "outreachd", dependencies: ["OutreachServer", "Logging"]),
    .executableTarget(
      name: "outreach",
      dependencies: ["OutreachAPI", "RPC", "Wire", "ClientTools"]
    ),
    .executableTarget(
      name: "outreach-load",
      dependencies: ["OutreachAPI", "RPC", "Wire", "ClientTools"]
    ),
    .executableTarget(
      name: "store-bench",
      dependencies: ["Store", "Policy"],
      path: "bench/store-bench"
    ),
    .executableTarget(
      name: "rpc-client-bench",
      dependencies: ["OutreachAPI", "RPC", "Wire"],
      path: "bench/rpc-client-bench",
      exclude: ["compare.sh"]
    ),
    .executableTarget(
      name: "wire-bench",
      dependencies: ["OutreachAPI", "Wire"],
      path: "bench/wire-bench"
    ),
    .executableTarget(
      name: "rpc-bench-server",
      dependencies: ["RPC", "Logging"],
      path: "bench/rpc-bench-server"
    ),
    .executableTarget(
      name: "smtp-bench",
      dependencies: ["Mail", "Logging"],
      path: "bench/smtp-bench"
    ),

    // Tests.
    .testTarget(
      name: "WireTests", dependencies: ["Wire", "OutreachAPI"], exclude: ["Fixtures"]),
    .testTarget(name: "SchemaCompilerTests", dependencies: ["SchemaCompiler"]),
    .testTarget(
      name: "RPCTests", dependencies: ["RPC", "Wire", "OutreachAPI"], exclude: ["Fixtures"]),
    .testTarget(name: "PolicyTests", dependencies: ["Policy"]),
    .testTarget(name: "StoreTests", dependencies: ["Store", "Policy"]),
    .testTarget(name: "MailTests", dependencies: ["Mail"]),
    .testTarget(name: "CLITests", dependencies: ["ClientTools"]),
    .testTarget(
      name: "OutreachServerTests",
      dependencies: ["OutreachServer", "OutreachAPI", "RPC", "Wire", "Store", "Policy", "Mail"],
      exclude: ["Python"]
    ),
  ],
  swiftLanguageModes: [.v6]
)

// Release builds skip Swift's run-time exclusivity checks: each access to a
// class property or global that the compiler cannot prove exclusive calls
// into the runtime, which cost 7-10 % of the server's CPU per call
// (docs/benchmarks.md). Debug builds, which run the tests, keep the checks.
for target in package.targets where target.type != .system {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
    ]
}
