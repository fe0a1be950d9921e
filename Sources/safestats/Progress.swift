import Foundation
import SafeStats

/// Progress of long steps on standard error, where someone watches: only on a terminal, and never
/// with `--json` (a pipe or a log stays clean).
struct Progress {
    let shown: Bool

    init(json: Bool) {
        shown = !json && isatty(STDERR_FILENO) == 1
    }

    /// One line of progress.
    func note(_ message: String) {
        if shown { Console.note(message) }
    }

    /// Runs `body` between a line that says what starts and one that says how long it took.
    func step<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
        note(what + " …")
        let start = Date()
        let result = try body()
        note(what + ": done in " + String(format: "%.1f", Date().timeIntervalSince(start)) + " s")
        return result
    }

    /// A secondary suppression round, as the protection reports it.
    func round(_ step: SecondarySuppression.Progress) {
        note("protecting: round \(step.round), \(step.narrow) cells to protect, \(step.added) suppressed so far")
    }

    /// The record files of `directory` and their size, for a line of progress.
    static func describe(_ directory: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let bytes = names.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".jsonl") }.reduce(0) { sum, name in
            sum + ((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0)
        }
        return "\(directory) (\(ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)))"
    }
}
