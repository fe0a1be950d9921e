/// One worksheet of an Office Open XML workbook (`xl/worksheets/sheetN.xml`): rows of cells, text
/// as inline strings, whole numbers as numbers.
struct SheetXML {
    enum Cell {
        case text(String)
        case number(Int)
    }

    private(set) var rows: [[Cell]] = []

    mutating func append(_ row: [Cell]) { rows.append(row) }

    /// The worksheet's XML.
    var xml: String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() where !row.isEmpty {
            out += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = Self.column(c) + String(r + 1)
                switch cell {
                case .text(let s): out += #"<c r="\#(ref)" t="inlineStr"><is><t xml:space="preserve">\#(MarkupText.escape(s))</t></is></c>"#
                case .number(let n): out += #"<c r="\#(ref)"><v>\#(n)</v></c>"#
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    /// The column letters of 0-based column `c` (A, …, Z, AA, …).
    static func column(_ c: Int) -> String {
        var c = c + 1, letters = ""
        while c > 0 {
            let r = (c - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            c = (c - 1) / 26
        }
        return letters
    }
}
