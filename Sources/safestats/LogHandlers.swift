import Foundation
import Logging
import SafeStats

/// Log lines on standard error: `2026-11-25T09:30:00Z info read victims=695 …` for people, or
/// one JSON object per line for log collectors. Only counts, paths, periods and key ids are ever
/// logged.
struct LineLogHandler: LogHandler {
    let label: String
    let json: Bool
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let time = Timestamp.iso(Int64(Date().timeIntervalSince1970))
        let all = metadata.merging(event.metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }
        let line: String
        if json {
            let fields = [("time", jsonString(time)), ("level", jsonString(event.level.rawValue)), ("message", jsonString("\(event.message)"))]
                + all.map { ($0.key, jsonString("\($0.value)")) }
            line = "{" + fields.map { "\(jsonString($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        } else {
            line = "\(time) \(event.level.rawValue) \(event.message)" + all.map { " \($0.key)=\($0.value)" }.joined()
        }
        FileHandleOutput.stderr(line + "\n")
    }
}
