import Foundation
import Testing
import TunnelformCore
import TunnelformPostgres
import TunnelformTestSupport

/// Every way `error` can be turned into text.
func renderings(_ error: any Error) -> [String] {
    var dumped = ""
    dump(error, to: &dumped)
    return ["\(error)", String(reflecting: error), error.localizedDescription, dumped]
}

// Against a real PostgreSQL; skipped, with the reason, only where it is not installed.
@Suite(.enabled(if: PostgresServer.unavailableReason == nil, "\(PostgresServer.unavailableReason ?? "")"))
struct PostgresSecretTests {
    @Test func thePasswordAppearsInNoErrorAndConnectionFailuresSayWhy() async throws {
        let fixture = try PostgresFixture()
        let server = fixture.server
        let wrong = "Wrong\(UUID().uuidString.prefix(8))"
        var errors: [(any Error, String)] = []
        func collect(_ url: String, expecting: String, _ body: (PostgresStateBackend) async throws -> Void) async {
            do {
                let backend = try PostgresStateBackend(url: url)
                try await body(backend)
                Issue.record("no error for \(expecting)")
            } catch {
                errors.append((error, expecting))
            }
        }
        let base = "127.0.0.1:\(server.port)"
        await collect("postgres://tunnelform:\(wrong)@\(base)/\(fixture.database)?sslmode=disable",
                      expecting: "authentication failed for user tunnelform") { _ = try await $0.pull() }
        await collect(server.url(database: "no_such_db", query: "sslmode=disable"),
                      expecting: "database no_such_db does not exist") { _ = try await $0.prepare() }
        await collect("postgres://tunnelform:\(server.password)@127.0.0.1:1/\(fixture.database)?sslmode=disable",
                      expecting: "connection refused at 127.0.0.1:1") { _ = try await $0.read() }
        await collect(server.url(database: fixture.database, query: "sslmode=require"),
                      expecting: "does not offer TLS, but the URL's sslmode=require requires it") { _ = try await $0.history(limit: 1) }
        await collect(server.url(database: fixture.database, query: "sslmode=sometimes"),
                      expecting: "sslmode 'sometimes' is not one of") { _ = try await $0.pull() }
        await collect("mysql://tunnelform:\(server.password)@\(base)/x", expecting: "scheme must be postgres") { _ = try await $0.pull() }
        // A lock held, and a lease lost.
        let holder = try await fixture.backend().acquire(command: "tunnelform apply")
        await collect(fixture.url(), expecting: "is locked by tunnelform apply") {
            _ = try await $0.lock(command: "tunnelform plan", timeout: .zero, tookOver: { _ in })
        }
        _ = try await fixture.backend().forceUnlock()
        do {
            try await holder.write(makeState(serial: 1))
        } catch {
            errors.append((error, "no longer holds the lock on postgres workspace default"))
        }
        await holder.release()

        #expect(errors.count == 8)
        for (error, expected) in errors {
            let texts = renderings(error)
            #expect(texts[0].contains(expected), "\(texts[0])")
            for text in texts {
                #expect(!text.contains(server.password), "the password leaked: \(text)")
                #expect(!text.contains(wrong), "the wrong password leaked: \(text)")
            }
        }
    }

    @Test func preferFallsBackToPlainTextOnAServerWithoutTLS() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend(query: "sslmode=prefer")
        #expect(try await backend.prepare() == ["Created schema tunnelform (version 1)", "Created workspace default"])
    }

    @Test func theBackendDescribesItselfWithoutThePassword() throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend(workspace: "prod")
        var dumped = ""
        dump(backend, to: &dumped)
        for text in ["\(backend)", String(reflecting: backend), dumped, "\(backend.url)", String(reflecting: backend.url)] {
            #expect(!text.contains(fixture.server.password), "\(text)")
        }
        #expect("\(backend)" == "postgres workspace prod")
        #expect("\(backend.url)" == "tunnelform@127.0.0.1:\(fixture.server.port)/\(fixture.database)")
    }
}

// TLS against a second server with a self-signed certificate; skipped only where PostgreSQL is not installed.
@Suite(.enabled(if: PostgresServer.unavailableReason == nil, "\(PostgresServer.unavailableReason ?? "")"))
struct PostgresTLSTests {
    @Test(arguments: ["sslmode=require", "sslmode=prefer", "sslmode=disable"])
    func connectsWithoutVerification(_ query: String) async throws {
        let fixture = try PostgresFixture(tls: true)
        let backend = try fixture.backend(query: query)
        let lease = try await backend.acquire(command: "tunnelform apply")
        try await lease.write(makeState(serial: 1))
        await lease.release()
        #expect(try await backend.read().serial == 1)
    }

    @Test func verifyFullTrustsTheGivenAuthority() async throws {
        let fixture = try PostgresFixture(tls: true)
        let ca = try #require(fixture.server.certificatePath)
        let backend = try fixture.backend(query: "sslmode=verify-full&sslrootcert=\(ca)")
        #expect(try await backend.prepare().count == 2)
    }

    @Test func requireWithARootCertificateChecksIt() async throws {
        let fixture = try PostgresFixture(tls: true)
        let ca = try #require(fixture.server.certificatePath)
        #expect(try await fixture.backend(query: "sslmode=require&sslrootcert=\(ca)").prepare().count == 2)
        let other = fixture.server.folder.appendingPathComponent("other-ca.pem").path
        let made = try ProcessRun.run(URL(fileURLWithPath: "/usr/bin/openssl"),
                                      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=other",
                                       "-keyout", other + ".key", "-out", other],
                                      in: fixture.server.folder, environment: ["PATH": "/usr/bin:/bin"])
        try #require(made.status == 0, "\(made.all)")
        let error = await thrown { _ = try await fixture.backend(query: "sslmode=require&sslrootcert=\(other)").prepare() }
        #expect(error.map { "\($0)" }?.contains("TLS with PostgreSQL at 127.0.0.1:\(fixture.server.port) failed") == true, "\(String(describing: error))")
    }

    @Test func verifyCAFailsClearlyWithoutTheAuthority() async throws {
        let fixture = try PostgresFixture(tls: true)
        let error = await thrown { _ = try await fixture.backend(query: "sslmode=verify-ca").prepare() }
        guard case .tlsFailed(let endpoint, let reason) = error as? PostgresStateError else {
            Issue.record("expected tlsFailed, got \(String(describing: error))")
            return
        }
        #expect(endpoint == "127.0.0.1:\(fixture.server.port)")
        #expect(reason.contains("certificate"))
        for text in renderings(error!) { #expect(!text.contains(fixture.server.password)) }
    }
}
