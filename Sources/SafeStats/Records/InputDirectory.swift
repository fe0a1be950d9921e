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

    /// Finds the record files in `path`.
    /// - Throws: `InputError` if `path` is not a directory, has no victims file, or has one kind twice.
    public init(path: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError.notADirectory(path: path)
        }
        var found: [RecordKind: File] = [:]
        for kind in RecordKind.allCases {
            let present = RecordFormat.allCases.filter {
                FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent($0.fileName(kind)))
            }
            if present.count > 1 { throw InputError.ambiguous(directory: path, kind: kind) }
            if let format = present.first {
                found[kind] = File(kind: kind, format: format,
                                   path: (path as NSString).appendingPathComponent(format.fileName(kind)))
            }
        }
        guard found[.victims] != nil else { throw InputError.missingVictims(directory: path) }
        self.path = path
        self.files = found
    }
}
