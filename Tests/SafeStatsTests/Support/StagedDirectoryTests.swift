import Foundation
import Testing
@testable import SafeStats

/// An output directory is built beside its target and writes nowhere else, whatever names it is
/// given (a second line behind the checks of profile ids).
@Suite struct StagedDirectoryTests {
    @Test func aNameThatIsNotAPlainFileNameIsRefusedAndNothingIsLeft() throws {
        let parent = TestSupport.temporaryDirectory()
        for name in ["../escape-2023", "..", ".", "", "a/b", "x\0y", String(repeating: "a", count: 256)] {
            do {
                let staged = try StagedDirectory(target: parent + "/out", replace: false)
                #expect(throws: OutputError.self) { try staged.write([("tables.csv", Data("1".utf8))], in: name) }
                #expect(throws: OutputError.self) { try staged.write([(name, Data("1".utf8))]) }
            }
            // The staging directory went with the refused run: the parent holds nothing.
            #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == [], "\(name.count) characters")
        }
        #expect(StagedDirectory.isPlainName("greta-2023") && StagedDirectory.isPlainName(String(repeating: "a", count: 255)))
    }
}
