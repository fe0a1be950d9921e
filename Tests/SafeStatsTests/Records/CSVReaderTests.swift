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

    /// Plain lines take the one-pass path; lines across a block boundary, quoted, CR-ended or with
    /// a problem take the general one. Both must give the same fields, lines and problems.
    @Test func plainLinesAndTheGeneralPathAgree() throws {
        var bytes: [UInt8] = []
        var expected: [[String]] = []
        // About 3 MiB of plain lines (some non-ASCII), so that lines straddle the 1 MiB blocks.
        for i in 0..<60_000 {
            let fields = ["R-\(i)", i % 3 == 0 ? "Günay" : "x\(i % 11)", "", "2024-01-\(10 + i % 18)", "a;b;c"]
            bytes += Array(fields.joined(separator: ",").utf8) + [0x0A]
            expected.append(fields)
        }
        bytes += Array("q,\"in, quotes\"\rcr,ended\n".utf8)
        expected += [["q", "in, quotes"], ["cr", "ended"]]
        bytes += Array("bad,".utf8) + [0xC3, 0x28] + Array(",ok\n".utf8)  // invalid UTF-8 in field 2
        bytes += Array(String(repeating: "w", count: CSVReader.maxFieldBytes + 1).utf8) + Array(",short\n".utf8)
        bytes += Array((0..<300).map(String.init).joined(separator: ",").utf8) + [0x0A]
        bytes += Array("last,line".utf8)  // no line feed at the end
        let dir = TestSupport.temporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir + "/x.csv", contents: Data(bytes))
        let reader = try CSVReader(path: dir + "/x.csv")
        var rows: [[String]] = [], lines: [Int] = []
        var problems: [String] = [], counts: [Int] = []
        while reader.next() {
            rows.append(reader.row.ranges.indices.map { reader.row.string($0) })
            lines.append(reader.row.line)
            counts.append(reader.row.fieldCount)
            problems += reader.row.problems.map { "\(reader.row.line):\($0.field):\($0.violation.rule)" }
        }
        #expect(Array(rows.prefix(60_002)) == expected)
        #expect(lines.prefix(60_003) == ArraySlice(1...60_003))
        #expect(rows[60_002] == ["bad", "", "ok"])
        #expect(rows[60_003] == ["", "short"])
        #expect(counts[60_004] == 300 && rows[60_004].count == CSVReader.maxStoredFields)
        #expect(rows[60_005] == ["last", "line"])
        #expect(lines.suffix(3) == [60_004, 60_005, 60_006])
        #expect(problems == ["60003:2:utf-8", "60004:1:field-size"])
    }

    /// Lines cut eight bytes at a time: commas, quotes, CRs and bytes that are not ASCII at every
    /// offset of a word, against a plain reading of the same fields.
    @Test func wordsCutLinesAsBytesDo() throws {
        var g = SeededGenerator(seed: 17)
        let pieces = ["a", "bc", "ß", "€", "x1", "🙂", "1234567", " "]
        var bytes: [UInt8] = []
        var expected: [[String]] = [], problems: [String] = []
        for line in 1...4_000 {
            var fields: [String] = []
            for _ in 0..<Int.random(in: 1...9, using: &g) {
                fields.append((0..<Int.random(in: 0...4, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined())
            }
            if fields == [""] { fields = ["z"] }  // an empty line is no record
            var text = fields.map { Array($0.utf8) }
            switch Int.random(in: 0...9, using: &g) {
            case 0:  // a quoted field holding a comma and a quote: the general path
                let n = Int.random(in: 0..<fields.count, using: &g)
                fields[n] += ",\""
                text[n] = Array(("\"" + fields[n].replacingOccurrences(of: "\"", with: "\"\"") + "\"").utf8)
            case 1:  // a byte that is not UTF-8 in one field
                let n = Int.random(in: 0..<fields.count, using: &g)
                text[n].insert(0xFF, at: Int.random(in: 0...text[n].count, using: &g))
                fields[n] = ""
                problems.append("\(line):\(n + 1):utf-8")
            default:
                break
            }
            bytes += Array(text.joined(separator: [UInt8(ascii: ",")])) + (line % 5 == 0 ? [0x0D, 0x0A] : [0x0A])
            expected.append(fields)
        }
        let dir = TestSupport.temporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir + "/x.csv", contents: Data(bytes))
        let reader = try CSVReader(path: dir + "/x.csv")
        var rows: [[String]] = [], found: [String] = []
        while reader.next() {
            rows.append(reader.row.ranges.indices.map { reader.row.string($0) })
            found += reader.row.problems.map { "\(reader.row.line):\($0.field):\($0.violation.rule)" }
        }
        #expect(rows == expected)
        #expect(found == problems)
    }
}
