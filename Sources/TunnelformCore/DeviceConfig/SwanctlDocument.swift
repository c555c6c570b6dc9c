/// A whole swanctl.conf: header comments, a `connections` section and a `secrets` section
/// holding one IKE pre-shared key per connection.
struct SwanctlDocument {
    var header: [String]
    var connections: [SwanctlConnection]

    func render() -> String {
        var writer = SwanctlWriter()
        for line in header { writer.comment(line) }
        writer.blank()
        writer.open("connections")
        for (position, connection) in connections.enumerated() {
            if position > 0 { writer.blank() }
            connection.write(connectionTo: &writer)
        }
        writer.close()
        writer.blank()
        writer.open("secrets")
        for connection in connections { connection.write(secretTo: &writer) }
        writer.close()
        return writer.text
    }
}
