/// CSV text as RFC 4180 writes it: fields quoted only when they hold a comma, a quote or a line
/// end, quotes doubled; rows end in CRLF.
enum CSVText {
    /// Whether a field of these bytes must be quoted: it holds a comma, a quote, CR or LF.
    static func needsQuotes<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 {
        bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    static func field(_ s: String) -> String {
        guard needsQuotes(s.utf8) else { return s }
        var out = "\""
        for c in s.unicodeScalars {
            if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
        }
        return out + "\""
    }

    /// One row, CRLF included.
    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// The rows of RFC 4180 text (CRLF or LF line ends); nil if a quote is left open or stands
    /// inside an unquoted field.
    static func parse(_ text: String) -> [[String]]? {
        var rows: [[String]] = [], row: [String] = [], field = String.UnicodeScalarView()
        var quoted = false, wasQuoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        func endField() {
            row.append(String(field))
            field = .init()
            wasQuoted = false
        }
        while let c = pending {
            pending = scalars.next()
            if quoted {
                if c != "\"" { field.append(c) } else if pending == "\"" {
                    field.append(c)
                    pending = scalars.next()
                } else {
                    quoted = false
                    wasQuoted = true
                }
                continue
            }
            switch c {
            case ",": endField()
            case "\r" where pending == "\n": continue
            case "\n":
                endField()
                rows.append(row)
                row = []
            case "\"":
                guard field.isEmpty, !wasQuoted else { return nil }
                quoted = true
            default:
                guard !wasQuoted else { return nil }
                field.append(c)
            }
        }
        guard !quoted else { return nil }
        if !row.isEmpty || !field.isEmpty || wasQuoted {
            endField()
            rows.append(row)
        }
        return rows
    }
}
