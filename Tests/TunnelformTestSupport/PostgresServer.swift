import Foundation

/// A real PostgreSQL server for tests: `initdb` in a temporary folder, `pg_ctl start` on 127.0.0.1
/// on a free port, password authentication (scram-sha-256, a generated password, so tests can prove
/// the password never leaks). One server per test process, started on first use and stopped
/// (`pg_ctl stop -m immediate`) when the process exits; each test takes its own database.
///
/// PostgreSQL refuses to run as root, so as root the server runs as the system user `tunnelform-pg`
/// (created once if missing) through `runuser`.
public final class PostgresServer: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Why no server can be started here, or nil when PostgreSQL is installed.
    public static let unavailableReason: String? = binaries == nil
        ? "PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin or on PATH)" : nil

    /// The shared plain-TCP server (no TLS).
    public static func shared() throws -> PostgresServer { try plain.get() }

    /// A second shared server with TLS on, its self-signed certificate (for 127.0.0.1) at `certificatePath`.
    public static func sharedTLS() throws -> PostgresServer { try tls.get() }

    public static let user = "tunnelform"
    public let port: Int
    public let password: String
    public let folder: URL
    /// The server's certificate (also its own CA) when started with TLS.
    public let certificatePath: String?

    /// `postgres://tunnelform:PASSWORD@127.0.0.1:PORT/DATABASE`, with `query` appended (`sslmode=disable`).
    public func url(database: String, query: String? = nil) -> String {
        let base = "postgres://\(Self.user):\(password)@127.0.0.1:\(port)/\(database)"
        return query.map { base + "?" + $0 } ?? base
    }

    /// Creates a new, empty database and returns its name.
    public func createDatabase(_ prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        _ = try sql("CREATE DATABASE \(name)", database: "postgres")
        return name
    }

    /// Runs `statement` with psql as the superuser; returns its unaligned output.
    @discardableResult
    public func sql(_ statement: String, database: String) throws -> String {
        guard let bin = Self.binaries else { throw Failure(description: Self.unavailableReason ?? "no PostgreSQL") }
        let run = try ProcessRun.run(bin.appendingPathComponent("psql"),
                                     ["-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user, "-d", database, "-X", "-A", "-t",
                                      "-v", "ON_ERROR_STOP=1", "-c", statement],
                                     in: folder, environment: ["PGPASSWORD": password, "PATH": "/usr/bin:/bin"])
        guard run.status == 0 else { throw Failure(description: "psql failed: \(run.stderr)") }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Ends every session of `database` whose application_name starts with `applicationPrefix`
    /// (the holder's connection of a lease), as an operator or a network cut would. Returns how many.
    @discardableResult
    public func terminateSessions(database: String, applicationPrefix: String) throws -> Int {
        let out = try sql("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = '\(database)' AND application_name LIKE '\(applicationPrefix)%' AND pid <> pg_backend_pid()
            """, database: "postgres")
        return Int(out) ?? 0
    }

    private init(port: Int, password: String, folder: URL, certificatePath: String?) {
        self.port = port
        self.password = password
        self.folder = folder
        self.certificatePath = certificatePath
    }

    // MARK: Starting and stopping

    private static let plain: Result<PostgresServer, Failure> = start(tls: false)
    private static let tls: Result<PostgresServer, Failure> = start(tls: true)
    private static let serverUser = "tunnelform-pg"
    private static let isRoot = getuid() == 0

    /// The newest PostgreSQL's bin folder: /usr/lib/postgresql/N/bin, else the folder of `initdb` on PATH.
    static let binaries: URL? = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/pg_ctl") {
            return URL(fileURLWithPath: "\(root)/\(version)/bin")
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(dir)/pg_ctl") && FileManager.default.isExecutableFile(atPath: "\(dir)/initdb") {
            return URL(fileURLWithPath: String(dir))
        }
        return nil
    }()

    private static func start(tls: Bool) -> Result<PostgresServer, Failure> {
        Result {
            guard let bin = binaries else { throw Failure(description: unavailableReason ?? "no PostgreSQL") }
            if isRoot { try ensureServerUser() }
            let folder = URL(fileURLWithPath: "/tmp/tunnelform-pg-\(UUID().uuidString.prefix(8))")
            let data = folder.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let password = "pw-" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
            let pwfile = folder.appendingPathComponent("pwfile")
            try Data(password.utf8).write(to: pwfile)
            if isRoot { try run("/usr/bin/chown", ["-R", serverUser, folder.path]) }
            try runAsServer(bin.appendingPathComponent("initdb").path,
                            ["-D", data.path, "-U", user, "--pwfile=\(pwfile.path)", "--auth=scram-sha-256",
                             "-E", "UTF8", "--locale=C", "--no-sync"], in: folder)
            var certificatePath: String?
            var settings = """

                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 200
                password_encryption = 'scram-sha-256'

                """
            if tls {
                let cert = data.appendingPathComponent("server.crt").path, key = data.appendingPathComponent("server.key").path
                try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                             "-keyout", key, "-out", cert])
                if isRoot { try run("/usr/bin/chown", [serverUser, cert, key]) }
                try run("/usr/bin/chmod", ["0600", key])
                settings += "ssl = on\nssl_cert_file = '\(cert)'\nssl_key_file = '\(key)'\n"
                let copy = folder.appendingPathComponent("ca.crt").path
                try? FileManager.default.removeItem(atPath: copy)
                try FileManager.default.copyItem(atPath: cert, toPath: copy)
                certificatePath = copy
            }
            var lastError = Failure(description: "PostgreSQL did not start")
            for _ in 0..<3 {
                let port = try freePort()
                let conf = data.appendingPathComponent("postgresql.conf")
                let original = try String(contentsOf: conf, encoding: .utf8)
                try (original + settings + "port = \(port)\n").write(to: conf, atomically: false, encoding: .utf8)
                do {
                    try runAsServer(bin.appendingPathComponent("pg_ctl").path,
                                    ["-D", data.path, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60", "start"],
                                    in: folder)
                    let server = PostgresServer(port: port, password: password, folder: folder, certificatePath: certificatePath)
                    stopAtExit(data: data.path, bin: bin.path)
                    return server
                } catch let failure as Failure {
                    lastError = failure
                    try original.write(to: conf, atomically: false, encoding: .utf8)
                }
            }
            throw lastError
        }.mapError { $0 as? Failure ?? Failure(description: "\($0)") }
    }

    private static func ensureServerUser() throws {
        if (try? run("/usr/bin/id", ["-u", serverUser])) != nil { return }
        let add = try ProcessRun.run(URL(fileURLWithPath: "/usr/sbin/useradd"), ["--system", "--no-create-home", serverUser],
                                     in: URL(fileURLWithPath: "/"), environment: ["PATH": "/usr/sbin:/usr/bin:/bin"])
        // Another test process may have created it meanwhile (exit 9: already exists).
        guard add.status == 0 || add.status == 9 else { throw Failure(description: "useradd \(serverUser) failed: \(add.stderr)") }
    }

    /// Runs a server program (as `tunnelform-pg` when root) with its output in a file, not a pipe:
    /// the server `pg_ctl start` leaves running would hold a pipe open and the read never end.
    private static func runAsServer(_ path: String, _ arguments: [String], in directory: URL) throws {
        let log = directory.appendingPathComponent("command.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        let command = isRoot ? ["/usr/sbin/runuser", "-u", serverUser, "--", path] + arguments : [path] + arguments
        // bash (dash cannot name descriptors above 9) closes every descriptor above stderr before running the command: the server that
        // `pg_ctl start` leaves running must not inherit one (Foundation watches a socket its child
        // inherits to see it end, and pipes of other tests' processes could be open too).
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", Self.closeDescriptorsThenRun] + command
        process.currentDirectoryURL = directory
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(description: "\((path as NSString).lastPathComponent) failed (\(process.terminationStatus)): \(output)")
        }
    }

    private static let closeDescriptorsThenRun = """
        for fd in /proc/self/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ] 2>/dev/null; then eval "exec $n>&-"; fi; done; exec "$0" "$@"
        """

    @discardableResult
    private static func run(_ path: String, _ arguments: [String]) throws -> String {
        let outcome = try ProcessRun.run(URL(fileURLWithPath: path), arguments, in: URL(fileURLWithPath: "/tmp"),
                                         environment: ["PATH": "/usr/sbin:/usr/bin:/bin"])
        guard outcome.status == 0 else { throw Failure(description: "\(path) failed: \(outcome.all)") }
        return outcome.stdout
    }

    /// A port nothing listens on right now (bind to 0, read it, close).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Registers the data folder to be stopped when the test process exits.
    private static func stopAtExit(data: String, bin: String) {
        startedServers.withLock { $0.append((data: data, bin: bin)) }
        guard !exitHookInstalled.withLock({ let was = $0; $0 = true; return was }) else { return }
        atexit {
            for server in PostgresServer.startedServers.withLock({ $0 }) {
                let process = Process()
                let arguments = [server.bin + "/pg_ctl", "-D", server.data, "-m", "immediate", "-w", "stop"]
                if PostgresServer.isRoot {
                    process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
                    process.arguments = ["-u", PostgresServer.serverUser, "--"] + arguments
                } else {
                    process.executableURL = URL(fileURLWithPath: arguments[0])
                    process.arguments = Array(arguments.dropFirst())
                }
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try? process.run()
                process.waitUntilExit()
                try? FileManager.default.removeItem(atPath: (server.data as NSString).deletingLastPathComponent)
            }
        }
    }

    private static let startedServers = LockedBox<[(data: String, bin: String)]>([])
    private static let exitHookInstalled = LockedBox(false)
}

/// A value behind an NSLock, for the few statics above.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
