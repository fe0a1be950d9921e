import Foundation
@testable import SafeStats

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The repository root (tests run from a checkout).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let fixtures = root + "/Tests/SafeStatsTests/Fixtures"
    static let exampleKeyPath = root + "/keys-example/pseudonymisation.example.key"

    /// One directory for all of this test process's files, removed when the process exits.
    static let sessionDirectory: String = {
        let path = NSTemporaryDirectory() + "safestats-tests-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestSupport.sessionDirectory) }
        return path
    }()

    /// A new empty temporary directory.
    static func temporaryDirectory() -> String {
        let path = sessionDirectory + "/" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    /// Runs a program and returns its exit status, standard output and standard error.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil)
        -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try! process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// python3 on PATH (installed by the README's test command).
    static let python3: String = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/python3"
    }()

    /// Validates a directory and returns the problems found.
    static func problems(in directory: String, today: ISODate = ISODate(year: 2026, month: 1, day: 1)!,
                         parallelism: Int = 1) throws -> [DataProblem] {
        let log = ProblemLog(limit: 1000)
        var visitor = NoVisitor()
        _ = try InputReader(input: InputDirectory(path: directory), today: today, parallelism: parallelism)
            .read(problems: log, partitioned: &visitor)
        return log.problems
    }

    /// The example key.
    static func exampleKey() throws -> PseudonymisationKey {
        try PseudonymisationKey.read(from: exampleKeyPath, passphrase: nil)
    }

    /// The rank of dense rows of small whole numbers, by Gaussian elimination in floating point.
    static func rank(_ rows: [[Double]]) -> Int {
        var rows = rows
        let columns = rows.first?.count ?? 0
        var rank = 0
        for column in 0..<columns where rank < rows.count {
            guard let pivot = (rank..<rows.count).max(by: { abs(rows[$0][column]) < abs(rows[$1][column]) }),
                  abs(rows[pivot][column]) > 1e-9 else { continue }
            rows.swapAt(rank, pivot)
            for r in rows.indices where r != rank && abs(rows[r][column]) > 1e-12 {
                let factor = rows[r][column] / rows[rank][column]
                for c in column..<columns { rows[r][c] -= factor * rows[rank][c] }
            }
            rank += 1
        }
        return rank
    }
}
