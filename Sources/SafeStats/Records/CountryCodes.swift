/// Country codes accepted by the input contract: the 249 ISO 3166-1 alpha-3 codes, `XXA`
/// (stateless), `UNK` (unknown) and `XKX` (Kosovo, user-assigned, as used by the EU and UN agencies).
/// `schemas/countries.schema.json` lists exactly these (a test compares them).
public enum CountryCodes {
    /// Every accepted code, sorted.
    public static let all: [String] = [
        "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF", "ATG", "AUS", "AUT",
        "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL",
        "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF", "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG",
        "COK", "COL", "COM", "CPV", "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM",
        "DZA", "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FSM", "GAB", "GBR",
        "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD", "GRL", "GTM", "GUF", "GUM", "GUY",
        "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN", "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA",
        "JAM", "JEY", "JOR", "JPN", "KAZ", "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY",
        "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX", "MHL",
        "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS", "MWI", "MYS", "MYT", "NAM",
        "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR", "NPL", "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER",
        "PHL", "PLW", "PNG", "POL", "PRI", "PRK", "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU",
        "SDN", "SEN", "SGP", "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR",
        "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL", "TKM", "TLS", "TON",
        "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "UNK", "URY", "USA", "UZB", "VAT", "VCT", "VEN",
        "VGB", "VIR", "VNM", "VUT", "WLF", "WSM", "XKX", "XXA", "YEM", "ZAF", "ZMB", "ZWE",
    ]

    /// Whether `code` can name the reporting country of a release (a table set's, an export's, the
    /// job's): an accepted code other than `UNK` (unknown) and `XXA` (stateless), which name no
    /// state. The one rule for every place a reporting country is given.
    public static func isReportingCountry(_ code: String) -> Bool {
        code != "UNK" && code != "XXA" && all.contains(code)
    }

    /// What is wrong with a reporting country that `isReportingCountry` refuses.
    public static let reportingCountryRule = "not the ISO 3166-1 alpha-3 code of a country (UNK and XXA name none)"

    /// The accepted code spelt by `u`; nil if it is not one. (A three-byte string is stored inline:
    /// no allocation, and no reference count shared between threads.)
    static func code(matching u: UnsafeBufferPointer<UInt8>) -> String? {
        guard let i = index(u), table[i] >= 0 else { return nil }
        return all[Int(table[i])]
    }

    /// Per three-letter upper-case combination, its position in `all`, or -1.
    private static let table: [Int16] = {
        var t = [Int16](repeating: -1, count: 26 * 26 * 26)
        for (position, code) in all.enumerated() {
            var code = code
            t[code.withUTF8 { index($0)! }] = Int16(position)
        }
        return t
    }()

    private static func index(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        guard u.count == 3 else { return nil }
        var i = 0
        for b in u {
            guard b >= 65 && b <= 90 else { return nil }
            i = i * 26 + Int(b - 65)
        }
        return i
    }

}
