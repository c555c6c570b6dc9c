import Foundation

/// What lab runs killed without a chance to clean up (SIGKILL, a crash) left behind: their
/// namespaces (`tfl-PID-…`) with the daemons still running inside, daemons started from a run
/// folder, and the run folders themselves. Only things whose owning process is gone are touched.
struct LabLeftovers {
    var parent: String
    var ip: String

    /// Removes every leftover of a dead run; one line per thing removed, for the user.
    func clean() async -> [String] {
        var removed: [String] = []
        let folders = deadRunFolders()
        // Daemons first: a namespace's processes survive `ip netns delete`.
        for (pid, command) in processes(startedFrom: folders.map(\.path)) {
            kill(pid, SIGKILL)
            removed.append("stopped \(command) (pid \(pid))")
        }
        for namespace in await deadNamespaces() {
            let inside = (try? await Command.run(ip, ["netns", "pids", namespace]))?.stdout ?? ""
            for pid in inside.split(whereSeparator: \.isNewline).compactMap({ pid_t($0) }) {
                kill(pid, SIGKILL)
                removed.append("stopped \(Self.command(of: pid)) (pid \(pid)) in namespace \(namespace)")
            }
            if (try? await Command.run(ip, ["netns", "delete", namespace]))?.succeeded == true {
                removed.append("removed namespace \(namespace)")
            }
        }
        for (folder, record) in folders {
            if record.kept {
                var finished = record
                finished.finished = true
                RunFolder(path: folder).rewriteOwner(finished)
                removed.append("kept folder \(folder) (--keep)")
            } else {
                RunFolder(path: folder).remove()
                removed.append("removed folder \(folder)")
            }
        }
        return removed
    }

    /// Run folders in the parent whose owner record names a process that is gone (kept folders
    /// of finished runs are not leftovers).
    func deadRunFolders() -> [(path: String, record: OwnerRecord)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        return names.sorted().compactMap { name in
            let folder = "\(parent)/\(name)"
            guard let text = try? String(contentsOfFile: "\(folder)/\(OwnerRecord.fileName)", encoding: .utf8),
                  let record = OwnerRecord(text: text), !record.finished, !record.ownerIsAlive else { return nil }
            return (folder, record)
        }
    }

    /// The lab's namespaces whose creating process is gone.
    func deadNamespaces() async -> [String] {
        let list = (try? await Command.run(ip, ["netns", "list"]))?.stdout ?? ""
        return list.split(whereSeparator: \.isNewline).compactMap { line in
            guard let name = line.split(separator: " ").first.map(String.init),
                  let owner = LabNaming.owner(ofNamespace: name), !OwnerRecord.isAlive(owner) else { return nil }
            return name
        }
    }

    /// Live processes whose command line or environment names one of `folders` (charon-systemd
    /// through STRONGSWAN_CONF, bgpd through its configuration file).
    func processes(startedFrom folders: [String]) -> [(pid: pid_t, command: String)] {
        guard !folders.isEmpty else { return [] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.sorted().compactMap { pid in
            guard pid != getpid(), OwnerRecord.isAlive(pid) else { return nil }
            let text = ["cmdline", "environ"].compactMap { FileManager.default.contents(atPath: "/proc/\(pid)/\($0)") }
                .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\u{0}")
            guard folders.contains(where: { text.contains($0 + "/") }) else { return nil }
            return (pid, Self.command(of: pid))
        }
    }

    static func command(of pid: pid_t) -> String {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "process").trimmingWhitespace()
    }
}

/// How the lab names what it creates in the host's shared spaces, so that the owner can be read back.
enum LabNaming {
    /// `tfl-PID-RUN-` + `c1`/`d1`…: the namespaces of one run.
    static func namespacePrefix(run: Int) -> String { "tfl-\(getpid())-\(run)-" }

    /// The pid in `tfl-PID-…`, or nil for a name the lab did not make.
    static func owner(ofNamespace name: String) -> pid_t? {
        let parts = name.split(separator: "-")
        guard parts.count >= 3, parts[0] == "tfl" else { return nil }
        return pid_t(parts[1])
    }
}
