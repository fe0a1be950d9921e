import Foundation
import Testing

/// A run killed while it wrote leaves its hidden staging directory; the next run for the same
/// output removes it once it can tell that no process holds it (its owner's lock is gone) and that
/// it is not one just made. A staging directory still held, a fresh one, and an old output moved
/// aside are left alone.
@Suite struct StaleStagingTests {
    @Test func aLaterRunRemovesTheStagingDirectoriesOfDeadRuns() throws {
        let parent = CLI.temporaryDirectory()
        let fm = FileManager.default
        func staging(_ suffix: String, old: Bool) throws -> String {
            let path = parent + "/.bundles.tmp-" + suffix
            try fm.createDirectory(atPath: path, withIntermediateDirectories: false)
            try Data("half-written".utf8).write(to: URL(fileURLWithPath: path + "/tables.csv"))
            if old { try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: path) }
            return path
        }
        let dead = try staging("AAAAAA", old: true)
        let held = try staging("BBBBBB", old: true)
        let fresh = try staging("CCCCCC", old: false)
        let aside = try staging("DDDDDD.old", old: true)
        let otherTarget = parent + "/.other.tmp-EEEEEE"
        try fm.createDirectory(atPath: otherTarget, withIntermediateDirectories: false)
        try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: otherTarget)
        // A live run holds its staging directory locked.
        let fd = open(held, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let r = ExportCommandTests.export(ExportCommandTests.prepared.pseudonymised, to: parent + "/bundles")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!fm.fileExists(atPath: dead))
        #expect(fm.fileExists(atPath: held) && fm.fileExists(atPath: fresh) && fm.fileExists(atPath: aside) && fm.fileExists(atPath: otherTarget))
        #expect(try fm.contentsOfDirectory(atPath: parent).sorted()
                == [".bundles.tmp-BBBBBB", ".bundles.tmp-CCCCCC", ".bundles.tmp-DDDDDD.old", ".other.tmp-EEEEEE", "bundles"])
    }
}
