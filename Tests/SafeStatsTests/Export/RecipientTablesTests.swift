import Foundation
import Testing
@testable import SafeStats

/// The recipients' tables for the hand-made fixture `good`, computed by hand: six victim records of
/// three persons (V1, V2, V3 are one woman, İlahə Məmmədova, AZE, identified, sexual exploitation in
/// TUR and ARE; V4 and V6 one woman, Ayşe Yılmaz, TUR, identified, forced labour in AZE; V5 a man,
/// AZE, presumed, age unknown, forced labour in RUS), two cases and two offender persons. Every
/// cell of every table of the three profiles (greta 20 tables and unodc 12 for 2023, us-tip 10 for
/// both reporting years of 2024) is stated here.
@Suite struct RecipientTablesTests {
    private func export(_ recipient: String, _ period: String) throws -> Export {
        let units = try TabulationInput.read(InputDirectory(path: TestSupport.fixtures + "/good"), key: TestSupport.exampleKey(),
                                             today: ISODate("2026-01-01")!, problems: ProblemLog())
        let profile = try Profile.named(recipient)
        return try Export(units, requests: [(profile, profile.period(period)!)], country: "AZE")
    }

    /// The cells of one table as "category,category,…" (total for a margin) → (value, status).
    private func cells(_ e: Export, _ table: String, _ period: String) throws -> [String: (Int, CellStatus)] {
        let t = try #require(e.release.tabulation.tables.first { $0.spec.id == table && $0.period.description == period })
        var out: [String: (Int, CellStatus)] = [:]
        for c in t.cells {
            let cell = e.release.release.cells[c.cell]
            out[c.categories.map { $0 ?? "total" }.joined(separator: ",")] = (cell.value, cell.status)
        }
        return out
    }

    /// Every cell of `table` is 0 and published except `nonzero`, whose values are given; those
    /// (1 to 3 persons) are all suppressed.
    private func expect(_ e: Export, _ table: String, _ period: String, nonzero: [String: Int]) throws {
        let all = try cells(e, table, period)
        for key in nonzero.keys { #expect(all[key] != nil, "\(table): no cell \(key)") }
        for (key, (value, status)) in all {
            let expected = nonzero[key] ?? 0
            #expect(value == expected, "\(table) \(key): \(value), expected \(expected)")
            #expect(status == (expected == 0 ? .published : .primary), "\(table) \(key): \(status)")
        }
    }

    /// The cells of a table with every margin, from each unit's categories: a unit counts in every
    /// cell that has its category or the total in each dimension.
    private func margins(_ units: [[String]]) -> [String: Int] {
        var out: [String: Int] = [:]
        for unit in units {
            for mask in 0..<(1 << unit.count) {
                let key = unit.indices.map { mask & (1 << $0) == 0 ? unit[$0] : "total" }.joined(separator: ",")
                out[key, default: 0] += 1
            }
        }
        return out
    }

    /// İlahə, Ayşe and the man, for tables of one dimension each.
    private func victims(_ categories: [String]) -> [String: Int] { margins(categories.map { [$0] }) }

    @Test func gretaVictimsBySexAgeAndFormCountEachPersonOnce() throws {
        let e = try export("greta", "2023")
        // İlahə, recorded three times (twice identified, once presumed), is one identified victim.
        var n: [String: Int] = [:]
        for status in ["identified", "total"] {
            for sex in ["female", "total"] {
                for age in ["adult", "total"] {
                    n["\(status),\(sex),\(age),sexual_exploitation"] = 1
                    n["\(status),\(sex),\(age),forced_labour"] = 1
                    n["\(status),\(sex),\(age),total"] = 2
                }
            }
        }
        for status in ["presumed", "total"] {
            for sex in ["male", "total"] {
                for age in ["unknown", "total"] {
                    n["\(status),\(sex),\(age),forced_labour", default: 0] += 1
                    n["\(status),\(sex),\(age),total", default: 0] += 1
                }
            }
        }
        try expect(e, "greta/victims-by-status-sex-age-form", "2023", nonzero: n)
        #expect(n["total,total,total,total"] == 3)
    }

    @Test func gretaNationalityScopeAndCompensation() throws {
        let e = try export("greta", "2023")
        try expect(e, "greta/victims-by-nationality", "2023", nonzero: [
            "identified,AZE": 1, "identified,TUR": 1, "identified,total": 2,
            "presumed,AZE": 1, "presumed,total": 1, "total,AZE": 2, "total,TUR": 1, "total,total": 3,
        ])
        // İlahə and the man were exploited abroad; Ayşe in Azerbaijan, the reporting country.
        try expect(e, "greta/victims-internal-transnational", "2023", nonzero: [
            "identified,transnational": 1, "identified,domestic": 1, "identified,total": 2,
            "presumed,transnational": 1, "presumed,total": 1,
            "total,transnational": 2, "total,domestic": 1, "total,total": 3,
        ])
        // İlahə was awarded compensation, Ayşe's record says none, the man's says nothing (unknown).
        // The man (O1, O3) and Nigar (O2), both Azerbaijani, were prosecuted in 2023; no one was
        // convicted or sentenced before 2024.
        try expect(e, "greta/prosecuted", "2023", nonzero: [
            "female,national": 1, "female,total": 1, "male,national": 1, "male,total": 1, "total,national": 2, "total,total": 2,
        ])
        try expect(e, "greta/convicted", "2023", nonzero: [:])
        try expect(e, "greta/sentences", "2023", nonzero: [:])
        try expect(e, "greta/victims-compensation", "2023", nonzero: ["awarded": 1, "none": 1, "unknown": 1, "total": 3])
    }

    @Test func unodcCountsOffendersAsPersonsAndCasesOnce() throws {
        let e = try export("unodc", "2023")
        // O1 and O3 are one man: he and Nigar were both prosecuted on 2023-03-01.
        try expect(e, "unodc/prosecuted-by-sex", "2023", nonzero: ["female": 1, "male": 1, "total": 2])
        try expect(e, "unodc/convicted-by-sex", "2023", nonzero: [:])
        // C-1 (trafficking, registered 2023-01-10) is the one offence of trafficking; C-2 is forced labour.
        try expect(e, "unodc/victims", "2023", nonzero: [
            "female,adult": 2, "female,total": 2, "male,unknown": 1, "male,total": 1, "total,adult": 2, "total,unknown": 1, "total,total": 3,
        ])
        try expect(e, "unodc/offences", "2023", nonzero: ["": 1])
    }

    @Test func usTipCountsEachReportingYearBesideThePreviousOne() throws {
        let e = try export("us-tip", "2024")
        let previous = "2022-04-01..2023-03-31", current = "2023-04-01..2024-03-31"
        // C-1 (sexual exploitation) was registered in January 2023, C-2 (forced labour) in May 2023.
        try expect(e, "us-tip/investigations", previous, nonzero: ["sex_trafficking": 1, "total": 1])
        try expect(e, "us-tip/investigations", current, nonzero: ["labour_trafficking": 1, "total": 1])
        // Both offenders were prosecuted on 2023-03-01; the man is in both cases, so several forms.
        try expect(e, "us-tip/prosecutions", previous, nonzero: ["sex_trafficking": 1, "multiple_forms": 1, "total": 2])
        try expect(e, "us-tip/prosecutions", current, nonzero: [:])
        try expect(e, "us-tip/convictions", previous, nonzero: [:])
        try expect(e, "us-tip/convictions", current, nonzero: ["multiple_forms": 1, "total": 1])
        // İlahə (first identified 2023-01-20) was sheltered; Ayşe (2023-04-01) too; the man was not.
        try expect(e, "us-tip/victims-sheltered", previous, nonzero: ["yes": 1, "total": 1])
        try expect(e, "us-tip/victims-sheltered", current, nonzero: ["yes": 1, "no": 1, "total": 2])
    }

    @Test func gretaAssistancePermitsAndInvestigations() throws {
        let e = try export("greta", "2023")
        // İlahə: shelter, medical and psychological help; Ayşe: shelter; the man: none.
        try expect(e, "greta/victims-assisted", "2023", nonzero: margins([["female", "adult", "yes"], ["female", "adult", "yes"], ["male", "unknown", "no"]]))
        let received = ["shelter": ["yes", "yes", "no"], "medical": ["yes", "no", "no"], "psychological": ["yes", "no", "no"]]
        for type in ["shelter", "medical", "psychological", "legal", "vocational-training", "employment", "financial-allowance", "education", "repatriation"] {
            let r = received[type] ?? ["no", "no", "no"]
            try expect(e, "greta/victims-assistance-\(type)", "2023", nonzero: margins([["adult", r[0]], ["adult", r[1]], ["unknown", r[2]]]))
        }
        // Only Ayşe's record says anything: a reflection period granted, no residence permit.
        try expect(e, "greta/victims-reflection-period", "2023", nonzero: margins([["adult", "unknown"], ["adult", "yes"], ["unknown", "unknown"]]))
        try expect(e, "greta/victims-residence-permits", "2023", nonzero: margins([["adult", "unknown"], ["adult", "no"], ["unknown", "unknown"]]))
        try expect(e, "greta/investigations", "2023", nonzero: victims(["trafficking", "forced_labour"]))
    }

    @Test func unodcVictimsAndOffendersByCitizenshipAndForm() throws {
        let e = try export("unodc", "2023")
        try expect(e, "unodc/victims-by-form", "2023", nonzero: margins([
            ["sexual_exploitation", "female", "adult"], ["forced_labour", "female", "adult"], ["forced_labour", "male", "unknown"],
        ]))
        try expect(e, "unodc/victims-by-citizenship", "2023", nonzero: margins([
            ["national", "female", "adult"], ["foreign", "female", "adult"], ["national", "male", "unknown"],
        ]))
        // Nationals exploited abroad: İlahə in Türkiye and the Emirates (several countries), the man in Russia.
        try expect(e, "unodc/nationals-by-country-of-repatriation", "2023", nonzero: victims(["multiple_countries", "RUS"]))
        // The same two, detected abroad: İlahə an adult woman, the man of unknown age.
        try expect(e, "unodc/nationals-detected-abroad", "2023", nonzero: margins([["female", "adult"], ["male", "unknown"]]))
        try expect(e, "unodc/formal-contact-by-sex", "2023", nonzero: victims(["male", "female"]))
        try expect(e, "unodc/formal-contact-by-citizenship", "2023", nonzero: victims(["national", "national"]))
        try expect(e, "unodc/prosecuted-by-citizenship", "2023", nonzero: victims(["national", "national"]))
        try expect(e, "unodc/convicted-by-citizenship", "2023", nonzero: [:])
    }

    @Test func usTipVictimsSentencesAndOfficials() throws {
        let e = try export("us-tip", "2024")
        let previous = "2022-04-01..2023-03-31", current = "2023-04-01..2024-03-31"
        try expect(e, "us-tip/victims-identified", previous, nonzero: margins([["female", "adult", "sex_trafficking", "national"]]))
        try expect(e, "us-tip/victims-identified", current, nonzero: margins([
            ["female", "adult", "labour_trafficking", "foreign"], ["male", "unknown", "labour_trafficking", "national"],
        ]))
        try expect(e, "us-tip/victims-referred", previous, nonzero: victims(["yes"]))
        try expect(e, "us-tip/victims-referred", current, nonzero: victims(["yes", "no"]))
        try expect(e, "us-tip/victims-allowance", previous, nonzero: victims(["no"]))
        try expect(e, "us-tip/victims-allowance", current, nonzero: victims(["no", "no"]))
        // The man was sentenced in February 2024 to 96 months; no record names an official.
        try expect(e, "us-tip/sentences", previous, nonzero: [:])
        try expect(e, "us-tip/sentences", current, nonzero: victims(["5_to_10_years"]))
        for period in [previous, current] {
            try expect(e, "us-tip/officials-prosecuted", period, nonzero: [:])
            try expect(e, "us-tip/officials-convicted", period, nonzero: [:])
            try expect(e, "us-tip/investigations", period, nonzero: period == previous ? victims(["sex_trafficking"]) : victims(["labour_trafficking"]))
        }
    }
}
