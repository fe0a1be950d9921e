import Foundation
import Testing
@testable import SafeStats

/// A file whose header makes every row unreadable is reported once, and what depends on it in
/// other files is not reported as a follow-on: the real mistakes stay in view.
@Suite struct HeaderProblemTests {
    /// Synthetic records (300 victims, with cases and offenders) in a new directory.
    private func register() throws -> String {
        let dir = TestSupport.temporaryDirectory() + "/in"
        _ = try SyntheticRegister(victimRecords: 300, seed: 7).write(to: dir, replace: false)
        return dir
    }

    private func edit(_ path: String, _ change: ([String]) -> [String]) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        try change(lines).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// cases.csv without its last column, status_date, and four victims with a misspelt
    /// identification_status: the header's problem and the four, nothing else (there were 294,
    /// 289 of them "names a case that is not in the cases file").
    @Test func aMissingColumnIsReportedOnceAndReferencesToItsFileAreNotFollowOns() throws {
        let dir = try register()
        try edit(dir + "/cases.csv") { lines in
            lines.map { $0.isEmpty ? $0 : String($0[..<$0.lastIndex(of: ",")!]) }
        }
        try edit(dir + "/victims.csv") { lines in
            lines.enumerated().map { n, line in
                guard (2...5).contains(n) else { return line }
                return line.replacingOccurrences(of: ",identified,", with: ",identifed,").replacingOccurrences(of: ",presumed,", with: ",presumd,")
            }
        }
        let problems = try TestSupport.problems(in: dir)
        #expect(problems.map(\.description) == [
            "cases.csv:1 (status_date) [required] the header has no status_date column, so no row can be read; "
                + "the case references of the other files are not checked until it is fixed",
        ] + (3...6).map { "victims.csv:\($0):12 (identification_status) [enum] must be one of: presumed, identified" })
        // With the column, the references are checked again: the cases file is all there.
        _ = try SyntheticRegister(victimRecords: 300, seed: 7).write(to: dir, replace: true)
        #expect(try TestSupport.problems(in: dir).isEmpty)
    }

    /// A file saved with semicolons (or tabs) gets one problem that says so, and no row of it is
    /// read; when it is the cases file, no reference to it is a follow-on either.
    @Test(arguments: [("victims", ";"), ("cases", ";"), ("offenders", "\t")])
    func anotherDelimiterIsReportedOnceWithWhatToDo(kind: String, delimiter: String) throws {
        let dir = try register()
        try edit(dir + "/\(kind).csv") { lines in
            // Fields hold no comma but legal_article, which is quoted ("144-1, part 2").
            lines.map { $0.contains("\"") ? $0 : $0.replacingOccurrences(of: ",", with: delimiter) }
        }
        let problems = try TestSupport.problems(in: dir)
        #expect(problems.count == 1, "\(problems.prefix(5).map(\.description))")
        let what = delimiter == ";" ? "semicolons (;)" : "tabs"
        #expect(problems.first?.description.hasPrefix("\(kind).csv:1 [csv-syntax] the header is separated by \(what), not commas") == true,
                "\(problems.first?.description ?? "")")
        #expect(problems.first?.description.contains("(nor the case references of the other files checked)") == (kind == "cases"))
    }

    /// Two record files that exist but cannot be read are both named, not only the first.
    @Test func everyUnreadableRecordFileIsNamed() throws {
        let dir = try register()
        try FileManager.default.removeItem(atPath: dir + "/cases.csv")
        try FileManager.default.removeItem(atPath: dir + "/offenders.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/cases.csv", withDestinationPath: dir + "/unmounted/cases.csv")
        #expect(mkfifo(dir + "/offenders.csv", 0o600) == 0)
        #expect(throws: InputError.notRegularFiles([.notARegularFile(path: dir + "/cases.csv", what: "a symbolic link to nothing (a share not mounted?)"),
                                                    .notARegularFile(path: dir + "/offenders.csv", what: "a FIFO")])) {
            try InputDirectory(path: dir)
        }
        let error = InputError.notRegularFiles([.notARegularFile(path: "in/cases.csv", what: "a FIFO"), .notARegularFile(path: "in/offenders.csv", what: "a directory")])
        #expect(error.description == "2 record files exist but are not readable regular files; nothing was read: in/cases.csv (a FIFO); in/offenders.csv (a directory)")
    }
}
