import Foundation

/// `loss.json` of a record extract: what protection cost (levels of generalisation, values
/// generalised and suppressed, records dropped) and the k and ℓ the rows achieve. Unlike the loss
/// of tables it goes into the bundle: it says nothing about any one group.
public struct ExtractLoss: Codable, Sendable, Equatable {
    public static let fileName = "loss.json"
    public static let formatName = "safestats-extract-loss"

    public struct Achieved: Codable, Sendable, Equatable {
        public var k: Int
        public var l: Int
        public var groups: Int
    }

    public var format = Self.formatName
    public var version = 1
    /// Victims first identified in the period, and the rows written.
    public var victims: Int
    public var rows: Int
    public var recordsDropped: Int
    public var valuesGeneralised: Int
    public var valuesSuppressed: Int
    /// Quasi-identifier → how it is written (`QuasiIdentifier.levelName`).
    public var generalisedTo: [String: String]
    public var achieved: Achieved

    public init(_ e: RecordExtract) {
        victims = e.victims
        rows = e.extract.rows.count
        recordsDropped = e.extract.loss.recordsDropped
        valuesGeneralised = e.extract.loss.valuesGeneralised
        valuesSuppressed = e.extract.loss.valuesSuppressed
        generalisedTo = Dictionary(uniqueKeysWithValues: e.extract.loss.levels.map { ($0.key.rawValue, $0.key.levelName($0.value)) })
        let a = e.extract.achieved
        achieved = Achieved(k: a.k, l: a.l, groups: a.groups)
    }

    /// The document's bytes (sorted keys, pretty-printed, a final new line).
    public func json() -> Data {
        PublishedRelease.encode(self)
    }
}
