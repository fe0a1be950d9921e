#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte range of a record file that starts at a record boundary, and the line it starts on.
struct FilePart: Sendable, Equatable {
    let range: Range<Int64>
    let firstLine: Int
}

/// Cuts a large record file into parts that can be read at the same time.
///
/// In CSV a line feed ends a record exactly when an even number of quote characters precede it
/// (RFC 4180 quotes are balanced outside fields), so one sequential count of quotes and line feeds
/// finds safe cuts; in JSON Lines every line feed ends a record.
enum FileSplitter {
    /// Files smaller than this are read in one part.
    static let minimumPartSize: Int64 = 4 << 20

    static func split(path: String, format: RecordFormat, parts: Int,
                      minimumPartSize: Int64 = minimumPartSize) throws(InputError) -> [FilePart] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw InputError.cannotOpen(path: path, errno: errno) }
        let size = Int64(st.st_size)
        guard parts > 1, size >= minimumPartSize * Int64(parts) else { return [FilePart(range: 0..<size, firstLine: 1)] }
        let file = try ByteFile(path: path)
        var cuts: [(offset: Int64, line: Int)] = []
        var offset: Int64 = 0
        var line = 1
        var quoteParity = false
        var target = size / Int64(parts)
        let lf = UInt8(ascii: "\n"), quote = UInt8(ascii: "\""), countQuotes = format == .csv
        while cuts.count < parts - 1, let block = file.nextBlock() {
            // Whole words short of the next cut only count line feeds and quotes.
            let raw = UnsafeRawPointer(block.baseAddress!)
            var i = 0
            while i < block.count && cuts.count < parts - 1 {
                if i + 8 <= block.count && offset + 8 < target {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    line += ByteWords.equal(w, lf).nonzeroBitCount
                    if countQuotes && ByteWords.equal(w, quote).nonzeroBitCount % 2 == 1 { quoteParity.toggle() }
                    offset += 8
                    i += 8
                    continue
                }
                let b = block[i]
                i += 1
                offset += 1
                if b == quote && countQuotes { quoteParity.toggle() }
                guard b == lf else { continue }
                line += 1
                if offset >= target && !quoteParity {
                    cuts.append((offset, line))
                    target = size * Int64(cuts.count + 1) / Int64(parts)
                }
            }
        }
        try file.checkReadError(path: path)
        var result: [FilePart] = []
        var start: (offset: Int64, line: Int) = (0, 1)
        for cut in cuts where cut.offset < size {
            result.append(FilePart(range: start.offset..<cut.offset, firstLine: start.line))
            start = cut
        }
        result.append(FilePart(range: start.offset..<size, firstLine: start.line))
        return result
    }
}
