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
    /// - Throws: `InputError` if `path` is not a directory, has no victims file, has one kind
    ///   twice, or has a record file's name that is not a readable regular file.
    public init(path: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError.notADirectory(path: path)
        }
        var found: [RecordKind: File] = [:]
        for kind in RecordKind.allCases {
            var present: [RecordFormat] = []
            for format in RecordFormat.allCases where try RegularFile.find((path as NSString).appendingPathComponent(format.fileName(kind))) != nil {
                present.append(format)
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
