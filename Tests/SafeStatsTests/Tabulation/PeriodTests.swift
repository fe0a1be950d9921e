import Testing
@testable import SafeStats

@Suite struct PeriodTests {
    private func d(_ s: String) -> ISODate { ISODate(s)! }

    @Test func writtenForms() {
        #expect(Period("2023") == Period(start: d("2023-01-01"), end: d("2023-12-31")))
        #expect(Period("2023-Q4") == Period(start: d("2023-10-01"), end: d("2023-12-31")))
        #expect(Period("2024-Q1") == Period(start: d("2024-01-01"), end: d("2024-03-31")))
        #expect(Period("2024-02") == Period(start: d("2024-02-01"), end: d("2024-02-29")))
        #expect(Period("2023-04-01..2024-03-31") == Period(start: d("2023-04-01"), end: d("2024-03-31")))
        for bad in ["", "23", "2023-Q5", "2023-13", "2024-03-31..2023-04-01", "2023-02-30..2023-03-01", "x..y", "2023-Q"] {
            #expect(Period(bad) == nil, "\(bad)")
        }
    }

    @Test func descriptionsRoundTrip() {
        for text in ["2023", "2023-Q4", "2023-04-01..2024-03-31", "2023-01-15..2023-01-20"] {
            #expect(Period(text)!.description == text)
        }
    }

    @Test func monthsAndMembership() {
        let tip = Period("2023-04-01..2024-03-31")!
        #expect(tip.months.count == 12)
        #expect(tip.months.first == Month(year: 2023, month: 4))
        #expect(tip.months.last == Month(year: 2024, month: 3))
        #expect(tip.isWholeMonths)
        #expect(tip.contains(d("2024-03-31")) && !tip.contains(d("2024-04-01")))
        #expect(!Period("2023-01-15..2023-01-20")!.isWholeMonths)
    }
}
