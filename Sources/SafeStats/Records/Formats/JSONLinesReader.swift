import Foundation

/// One JSON Lines record: its object, or why the line is not one.
struct JSONLine {
    var line: Int
    var result: Result<[String: JSONValue], FieldViolation>
}

/// A streaming JSON Lines reader: one JSON object per line, UTF-8, LF or CRLF; empty lines skipped.
/// A line longer than `maxLineBytes` is reported and skipped without being kept in memory.
final class JSONLinesReader {
    static let maxLineBytes = 1 << 20

    private let file: ByteFile
    let path: String
    private var line = 0
    private var bytes: [UInt8] = []
    private let decoder = JSONDecoder()

    init(path: String, part: FilePart? = nil, hashing: Bool = false) throws(InputError) {
        self.path = path
        file = try ByteFile(path: path, range: part?.range, hashing: hashing)
        line = (part?.firstLine ?? 1) - 1
        if (part?.range.lowerBound ?? 0) == 0, file.peek() == 0xEF {  // a UTF-8 BOM, tolerated as in CSV
            var seen = 0
            while seen < 3, let b = file.peek(), b == [0xEF, 0xBB, 0xBF][seen] { _ = file.next(); seen += 1 }
            if seen != 3 { bytes = Array([0xEF, 0xBB, 0xBF][0..<seen]) }
        }
    }

    /// The SHA-256 of the file's bytes, once read to its end (see `ByteFile.digest`).
    func digest() -> String? { file.digest() }

    func checkReadError() throws(InputError) {
        if file.readError != 0 { throw InputError.readFailed(path: path, errno: file.readError) }
    }

    /// The next non-empty line, parsed; nil at the end of the file.
    func next() -> JSONLine? {
        while true {
            guard file.peek() != nil || !bytes.isEmpty else { return nil }
            line += 1
            var tooLong = false
            file.consume(while: { $0 != UInt8(ascii: "\n") }) { run in
                if tooLong || bytes.count + run.count > Self.maxLineBytes {
                    tooLong = true
                    bytes.removeAll(keepingCapacity: true)
                } else {
                    bytes.append(contentsOf: run)
                }
            }
            _ = file.next()  // the LF
            defer { bytes.removeAll(keepingCapacity: true) }
            if tooLong {
                return JSONLine(line: line, result: .failure(FieldViolation(
                    rule: "line-size", message: "line is longer than \(Self.maxLineBytes) bytes")))
            }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return JSONLine(line: line, result: parse())
        }
    }

    /// The field names of the input contract (of every record kind).
    private static let contractNames = Set((VictimField.specs + CaseField.specs + OffenderField.specs).map(\.name))

    private func parse() -> Result<[String: JSONValue], FieldViolation> {
        guard bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) != nil else {
            return .failure(FieldViolation(rule: "utf-8", message: "line is not valid UTF-8"))
        }
        guard bytes.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") else {
            return .failure(FieldViolation(rule: "type", message: "line is not a JSON object"))
        }
        do {
            guard case .object(let object) = try decoder.decode(JSONValue.self, from: Data(bytes)) else {
                return .failure(FieldViolation(rule: "type", message: "line is not a JSON object"))
            }
            if let key = DuplicateKeys.first(in: bytes, distinct: object.count) {
                // A contract field's name is safe to print; anything else might be a value typed as a key.
                let named = Self.contractNames.contains(key) ? key : "one key"
                return .failure(FieldViolation(rule: "duplicate-key", message: "line holds \(named) twice (readers would disagree on its value)"))
            }
            return .success(object)
        } catch {
            return .failure(FieldViolation(rule: "json-syntax", message: "line is not valid JSON"))
        }
    }
}
