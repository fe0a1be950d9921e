import Foundation
import Testing
@testable import SafeStats

/// The parts of `tables.xlsx`: worksheet XML and the zip container (the whole workbook is read
/// back with openpyxl in `ExportCommandTests`).
@Suite struct TablesWorkbookTests {
    @Test func columnsAreLetteredAsSpreadsheetsDo() {
        #expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(SheetXML.column) == ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"])
    }

    @Test func textIsEscapedAndNumbersStayNumbers() {
        var sheet = SheetXML()
        sheet.append([.text("a < b & \"c\"\u{1}"), .number(12)])
        sheet.append([])
        sheet.append([.text("[c]")])
        #expect(sheet.xml.contains(#"<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">a &lt; b &amp; &quot;c&quot;</t></is></c><c r="B1"><v>12</v></c></row>"#))
        #expect(sheet.xml.contains(#"<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">[c]</t></is></c></row>"#))
        #expect(!sheet.xml.contains(#"<row r="2">"#))
    }

    @Test func theSameSheetsGiveTheSameBytes() throws {
        let sheets = [("One", SheetXML().xml), ("Two", SheetXML().xml)]
        let first = try XLSXPackage.zip(sheets), second = try XLSXPackage.zip(sheets)
        #expect(first == second)
        #expect(first.prefix(2) == Data("PK".utf8))
    }
}
