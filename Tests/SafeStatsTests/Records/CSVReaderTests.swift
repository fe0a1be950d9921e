import Foundation
import Testing
@testable import SafeStats

@Suite struct CSVReaderTests {
    private func rows(_ text: [UInt8], part: FilePart? = nil) throws -> [[String]] {
        let dir = TestSupport.temporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir + "/x.csv", contents: Data(text))
        let reader = try CSVReader(path: dir + "/x.csv", part: part)
        var out: [[String]] = []
        while reader.next() { out.append(reader.row.ranges.indices.map { reader.row.string($0) }) }
        return out
    }

    @Test func quotingLineEndsAndEmptyLines() throws {
        let text = "a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\n\"multi\nline\",\r\nlast,row"
        #expect(try rows(Array(text.utf8)) == [["a", "b"], ["x,1", "say \"hi\""], ["multi\nline", ""], ["last", "row"]])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try rows([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)) == [["a", "b"]])
    }

    @Test func recordLinesCountPhysicalLines() throws {
        let dir = TestSupport.temporaryDirectory()
        TestSupport.write("h\n\"a\nb\"\n\nc\n", to: dir + "/x.csv")
        let reader = try CSVReader(path: dir + "/x.csv")
        var lines: [Int] = []
        while reader.next() { lines.append(reader.row.line) }
        #expect(lines == [1, 2, 5])
    }

    @Test func splitPartsReadTheSameRecordsAndLinesAsTheWholeFile() throws {
        var text = "h1,h2\n"
        for i in 0..<40_000 { text += i % 7 == 0 ? "\"q\n\(i)\",\"x\"\"y\"\n" : "\(i),plain\n" }
        let dir = TestSupport.temporaryDirectory()
        TestSupport.write(text, to: dir + "/x.csv")
        func read(_ parts: [FilePart?]) throws -> (rows: [[String]], lines: [Int]) {
            var rows: [[String]] = [], lines: [Int] = []
            for part in parts {
                let reader = try CSVReader(path: dir + "/x.csv", part: part)
                while reader.next() {
                    rows.append(reader.row.ranges.indices.map { reader.row.string($0) })
                    lines.append(reader.row.line)
                }
            }
            return (rows, lines)
        }
        let parts = try FileSplitter.split(path: dir + "/x.csv", format: .csv, parts: 3, minimumPartSize: 1024)
        try #require(parts.count == 3)
        #expect(parts[0].range.upperBound == parts[1].range.lowerBound)
        #expect(parts[1].range.upperBound == parts[2].range.lowerBound)
        let whole = try read([nil]), split = try read(parts)
        #expect(split.rows == whole.rows)
        #expect(split.lines == whole.lines)
        #expect(whole.rows.count == 40_001)
    }
}
