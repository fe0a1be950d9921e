import Foundation

/// `safestats extract`: one row per victim first identified in a period, k-anonymous and
/// ℓ-diverse (see `KAnonymousExtract`), written as a signed bundle: `extract.csv`, `loss.json`,
/// `report.html`, `manifest.json` and `SHA256SUMS`.
public struct RecordExtract: Sendable {
    /// How the manifest and the signatures name an extract's recipient and profile.
    public static let recipient = "extract"
    public static let recipientName = "Record extract: one row per victim, k-anonymous and l-diverse"
    public static let version = "1.0.0"
    public static let fileName = "extract.csv"

    public let extract: KAnonymousExtract
    public let period: Period
    public let country: String
    /// Victims (persons) first identified in the period: the rows before protection.
    public let victims: Int

    /// Why no extract was made.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case noVictims(period: String)
        /// Every row would have to be left out.
        case nothingLeft(k: Int, l: Int, victims: Int)

        public var description: String {
            switch self {
            case .noVictims(let period): "no victim was first identified in \(period): there is nothing to extract"
            case .nothingLeft(let k, let l, let victims):
                "no group of the \(victims) victims reaches k = \(k) rows with l = \(l) distinct values of each sensitive attribute, even with every quasi-identifier removed: nothing was written (lower --k or --l, or widen --period)"
            }
        }
    }

    /// The extract of the victims of `input` first identified in `period` (default: the whole
    /// calendar years from the first identification to the last).
    public init(_ input: TabulationInput, period: Period?, country: String, k: Int, l: Int,
                quasiIdentifiers: [QuasiIdentifier], sensitiveAttributes: [SensitiveAttribute]) throws(Failure) {
        let dates = input.victims.map(\.firstIdentified)
        guard let period = period ?? dates.min().flatMap({ first in
            Period(start: ISODate(year: first.year, month: 1, day: 1)!, end: ISODate(year: dates.max()!.year, month: 12, day: 31)!)
        }) else { throw .noVictims(period: "the input") }
        let units = input.victims.filter { period.start <= $0.firstIdentified && $0.firstIdentified <= period.end }
        guard !units.isEmpty else { throw .noVictims(period: period.description) }
        self.period = period
        self.country = country
        victims = units.count
        extract = KAnonymousExtract(units: units, quasiIdentifiers: quasiIdentifiers, k: k, l: l,
                                    sensitiveAttributes: sensitiveAttributes, country: country)
        guard !extract.rows.isEmpty else { throw .nothingLeft(k: k, l: l, victims: units.count) }
    }

    /// The files of the bundle: extract.csv, loss.json, report.html, manifest.json listing them,
    /// SHA256SUMS, and with `signingKey` a `.minisig` signature of each.
    public func files(input: InputProvenance, signingKey: SigningSecretKey?, created: Int64) -> [(name: String, data: Data)] {
        let data: [(name: String, data: Data)] = [
            (Self.fileName, Data(extract.csv().utf8)),
            (ExtractLoss.fileName, ExtractLoss(self).json()),
            ("report.html", ExtractReportHTML.render(self, input: input, signingKey: signingKey)),
        ]
        let manifest = BundleManifest(self, input: input, files: data, created: created, signedBy: signingKey?.publicKey,
                                      exampleSigningKey: signingKey?.isExample ?? false)
        return BundleSigning.seal(data, manifest: manifest, signingKey: signingKey, timestamp: created)
    }

    /// Writes the bundle as a new directory `path`, all or nothing, stamped `created` (seconds
    /// since 1970; `SOURCE_DATE_EPOCH` or the clock by default).
    public func write(to path: String, input: InputProvenance, signingKey: SigningSecretKey?, replace: Bool,
                      created: Int64 = Timestamp.nowSeconds()) throws(OutputError) {
        let staged = try StagedDirectory(target: path, replace: replace)
        try staged.write(files(input: input, signingKey: signingKey, created: created))
        try staged.commit()
    }
}
