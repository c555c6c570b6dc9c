import Testing
import TunnelformPostgres

struct PostgresURLTests {
    @Test func parsesEveryPart() throws {
        let url = try PostgresURL("postgresql://state%2Dwriter:p%40ss%3Aword@db.example.com:6543/tf_state?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=3")
        #expect(url.user == "state-writer")
        #expect(url.password == "p@ss:word")
        #expect(url.host == "db.example.com")
        #expect(url.port == 6543)
        #expect(url.database == "tf_state")
        #expect(url.sslMode == .verifyFull)
        #expect(url.rootCertificatePath == "/etc/ca.pem")
        #expect(url.connectTimeoutSeconds == 3)
        #expect("\(url)" == "state-writer@db.example.com:6543/tf_state")
    }

    @Test func defaultsAreLibpqs() throws {
        let url = try PostgresURL("postgres://me@[::1]/db")
        #expect(url.port == 5432)
        #expect(url.host == "::1")
        #expect(url.endpoint == "[::1]:5432")
        #expect(url.password == nil)
        #expect(url.sslMode == .prefer)
    }

    @Test(arguments: [
        ("postgres://u:secret-pw@h/db?sslmode=always", "sslmode 'always' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
        ("postgres://u:secret-pw@h/db?password=x", "unknown parameter 'password'"),
        ("postgres://u:secret-pw@h", "names no database"),
        ("postgres://:secret-pw@h/db", "names no user"),
        ("http://u:secret-pw@h/db", "the scheme must be postgres:// or postgresql://"),
        ("postgres://u:secret-pw@h:0/db", "port 0 is out of range"),
    ])
    func refusesWithoutRepeatingTheURL(_ text: String, _ expected: String) {
        do {
            _ = try PostgresURL(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
            #expect(!"\(error)".contains("secret-pw"))
        }
    }

    @Test func sslModesThatNeedTLS() {
        #expect(PostgresSSLMode.allCases.filter(\.requiresTLS) == [.require, .verifyCA, .verifyFull])
    }
}
