import Foundation

/// The record files of one input directory: `victims` (required), `cases` and `offenders`
/// (optional), each as `.csv` or `.jsonl`.
public struct InputDirectory: Sendable {
    /// One located record file.
    public struct File: Sendable, Equatable {
        public let kind: RecordKind
        public let format: RecordFormat
        public let path: String
        /// The file's name, as problems name it.
        public var name: String { format.fileName(kind) }
    }

    public let path: String
    public let files: [RecordKind: File]
    /// Files whose names are near misses of a record file's (`Offenders.csv`, `offender.csv`,
    /// `victims.CSV`, `cases.json`), with the name meant: reading refuses them (a file the user
    /// meant as input must not go missing silently).
    public let misnamed: [(name: String, meant: String)]
    /// How many other files the directory holds (not hidden, not record files, not the summary
    /// of pseudonymised records): they are ignored, and commands say how many (never their names,
    /// which may name a person).
    public let ignored: Int

    /// The summary file beside pseudonymised records.
    static let summaryFileName = "pseudonymisation.json"

    /// Finds the record files in `path`.
    /// - Throws: `InputError` if `path` is not a directory, has no victims file, has one kind
    ///   twice, or has a record file's name that is not a readable regular file.
    public init(path: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError.notADirectory(path: path)
        }
        var found: [RecordKind: File] = [:]
        var unreadable: [InputError] = []
        for kind in RecordKind.allCases {
            var present: [RecordFormat] = []
            for format in RecordFormat.allCases {
                do {
                    if try RegularFile.exists((path as NSString).appendingPathComponent(format.fileName(kind))) { present.append(format) }
                } catch {
                    unreadable.append(error)  // every one is named, not only the first
                }
            }
            if present.count > 1 { throw InputError.ambiguous(directory: path, kind: kind) }
            if let format = present.first {
                found[kind] = File(kind: kind, format: format,
                                   path: (path as NSString).appendingPathComponent(format.fileName(kind)))
            }
        }
        if unreadable.count == 1 { throw unreadable[0] }
        if unreadable.count > 1 { throw InputError.notRegularFiles(unreadable) }
        let expected = Set(RecordKind.allCases.flatMap { kind in RecordFormat.allCases.map { $0.fileName(kind) } })
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        misnamed = names.sorted().compactMap { name in expected.contains(name) ? nil : Self.nearMiss(name).map { (name, $0) } }
        ignored = names.filter { !$0.hasPrefix(".") && !expected.contains($0) && $0 != Self.summaryFileName }.count - misnamed.count
        // Without a victims file, a near miss of its name is reported when reading (a data error).
        guard found[.victims] != nil || misnamed.contains(where: { $0.meant.hasPrefix(RecordKind.victims.rawValue + ".") }) else {
            throw InputError.missingVictims(directory: path)
        }
        self.path = path
        self.files = found
    }

    /// Adds a problem (`file-name`, line 0: the file as a whole) for each misnamed file.
    func reportMisnamed(to problems: ProblemLog) {
        for (name, meant) in misnamed {
            problems.add(DataProblem(file: name, line: 0, column: nil, columnNumber: nil, rule: "file-name",
                                     message: "looks like a record file but is not named as one: rename it \(meant) (names are lower case and plural, .csv or .jsonl)",
                                     scope: .dataset))
        }
    }

    /// The record file's name that `name` looks like, if it is a near miss: a kind in another case
    /// or in the singular, with `.csv`, `.jsonl`, `.json`, `.ndjson`, `.tsv` or `.txt` in any case.
    static func nearMiss(_ name: String) -> String? {
        let lower = name.lowercased()
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        let stem = String(lower[..<dot]), ext = String(lower[lower.index(after: dot)...])
        guard let kind = RecordKind.allCases.first(where: { stem == $0.rawValue || stem + "s" == $0.rawValue }) else { return nil }
        switch ext {
        case "csv", "tsv", "txt": return RecordFormat.csv.fileName(kind)
        case "jsonl", "json", "ndjson": return RecordFormat.jsonLines.fileName(kind)
        default: return nil
        }
    }
}
