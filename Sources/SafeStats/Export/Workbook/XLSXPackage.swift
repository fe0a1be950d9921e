import Foundation
import ZIPFoundation

/// The zip container of an `.xlsx` workbook (Office Open XML): the package parts around named
/// worksheets, zipped with ZIPFoundation in a fixed order with a fixed time stamp, so the same
/// sheets give the same bytes.
enum XLSXPackage {
    /// Every entry's time stamp: 1980-01-01 00:00, the first a zip file can hold, in whatever
    /// time zone the archive is written (ZIP stores local time without a zone).
    private static let stamp = Calendar.current.date(from: DateComponents(year: 1980, month: 1, day: 1))!

    /// The workbook of `sheets` (name, worksheet XML), in order.
    static func zip(_ sheets: [(name: String, xml: String)]) throws -> Data {
        let ids = sheets.indices.map { $0 + 1 }
        let head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let packageRels = "http://schemas.openxmlformats.org/package/2006/relationships"
        let documentRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var contentTypes: [String] = [head, #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
                                      #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
                                      #"<Default Extension="xml" ContentType="application/xml"/>"#,
                                      #"<Override PartName="/xl/workbook.xml" ContentType="\#(spreadsheet).sheet.main+xml"/>"#,
                                      #"<Override PartName="/xl/styles.xml" ContentType="\#(spreadsheet).styles+xml"/>"#]
        for id in ids {
            contentTypes.append(#"<Override PartName="/xl/worksheets/sheet\#(id).xml" ContentType="\#(spreadsheet).worksheet+xml"/>"#)
        }
        contentTypes.append("</Types>")
        let rootRels: [String] = [head, #"<Relationships xmlns="\#(packageRels)">"#,
                                  #"<Relationship Id="rId1" Type="\#(documentRels)/officeDocument" Target="xl/workbook.xml"/>"#,
                                  "</Relationships>"]
        var workbook: [String] = [head, #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="\#(documentRels)"><sheets>"#]
        var workbookRels: [String] = [head, #"<Relationships xmlns="\#(packageRels)">"#]
        for (id, sheet) in Swift.zip(ids, sheets) {
            workbook.append(#"<sheet name="\#(MarkupText.escape(sheet.name))" sheetId="\#(id)" r:id="rId\#(id)"/>"#)
            workbookRels.append(#"<Relationship Id="rId\#(id)" Type="\#(documentRels)/worksheet" Target="worksheets/sheet\#(id).xml"/>"#)
        }
        workbook.append("</sheets></workbook>")
        workbookRels.append(#"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(documentRels)/styles" Target="styles.xml"/>"#)
        workbookRels.append("</Relationships>")
        let styles: [String] = [head, #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
                                #"<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>"#,
                                #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
                                #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
                                #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
                                #"<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>"#,
                                #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
                                "</styleSheet>"]
        var parts: [(path: String, text: String)] = [("[Content_Types].xml", contentTypes.joined()), ("_rels/.rels", rootRels.joined()),
                                                     ("xl/workbook.xml", workbook.joined()), ("xl/_rels/workbook.xml.rels", workbookRels.joined()),
                                                     ("xl/styles.xml", styles.joined())]
        for (id, sheet) in Swift.zip(ids, sheets) { parts.append(("xl/worksheets/sheet\(id).xml", sheet.xml)) }
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                                 permissions: 0o644, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }
}
