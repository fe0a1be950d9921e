/// A value encoded as its text (`description`) and decoded by `decoded(_:)`: dates as
/// `YYYY-MM-DD`, pseudonyms as their hex digits.
public protocol TextCodable: Codable, CustomStringConvertible {
    /// The value `text` stands for; nil when it stands for none.
    static func decoded(_ text: String) -> Self?
    /// What the text must be, for the decoding error.
    static var codingRule: String { get }
}

extension TextCodable {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        guard let value = Self.decoded(try c.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: Self.codingRule)
        }
        self = value
    }
}
