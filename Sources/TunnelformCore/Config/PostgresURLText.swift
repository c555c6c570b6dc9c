import Foundation

/// What messages may say of a PostgreSQL URL: never its password.
public enum PostgresURLText {
    /// Whether `url` carries a password (`postgres://user:password@host/db`).
    public static func hasPassword(_ url: String) -> Bool {
        guard let components = URLComponents(string: url) else { return url.contains("@") }
        return components.password?.isEmpty == false
    }

    /// `url` with its password (and any `password=` parameter) replaced by `***`, for messages.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(a PostgreSQL URL that cannot be parsed)" }
        if components.password?.isEmpty == false { components.password = "***" }
        components.queryItems = components.queryItems?.map { item in
            item.name.lowercased() == "password" ? URLQueryItem(name: item.name, value: "***") : item
        }
        return components.string ?? "(a PostgreSQL URL)"
    }
}
