import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a k-anonymous, l-diverse record extract (one row per victim) as a signed bundle.",
            discussion: """
                Writes one row per victim first identified in --period (default: the whole calendar years \
                of the input), with the quasi-identifiers (age, sex, citizenship, exploitation_countries, \
                identification_date) made coarser, replaced by * or, as a last resort, left out with their \
                rows, until every combination of them occurs in at least --k rows and each such group holds \
                at least --l different values of every --sensitive attribute (exploitation_forms by \
                default), so that finding a person's group does not tell their form of exploitation for \
                certain. No name, number or date of birth is written.

                --out is the bundle: extract.csv, loss.json (what protection cost), report.html (read it \
                before sending), manifest.json and SHA256SUMS, each signed with --signing-key; \
                `safestats verify` checks the signatures and the k and l of the rows again. Nothing is \
                written if any step fails.

                Example:
                  safestats extract --in pseudonymised/ --period 2023 --country AZE \\
                      --k 11 --l 2 --signing-key signing.key --out extract-2023/
                """
        )

        @OptionGroup(title: "Input") var records: Export.InputRecords

        @Option(help: ArgumentHelp("Victims first identified in this period: 2023, 2023-Q4, 2023-04-01..2024-03-31 (default: the whole years of the input).", valueName: "period"))
        var period: Period?

        @Option(help: ArgumentHelp("The reporting country (ISO 3166-1 alpha-3): what national and domestic refer to.", valueName: "iso3"))
        var country: String

        @Option(help: ArgumentHelp("The smallest group of rows sharing every quasi-identifier.", valueName: "n"))
        var k = 11

        @Option(help: ArgumentHelp("The fewest different values of each sensitive attribute in a group (1: no l-diversity).", valueName: "n"))
        var l = 2

        @Option(name: .customLong("quasi-identifiers"), help: ArgumentHelp(
            "The quasi-identifiers, comma-separated (default: all of \(QuasiIdentifier.allCases.map(\.rawValue).joined(separator: ", "))).",
            valueName: "list"))
        var quasiIdentifiers: String?

        @Option(help: ArgumentHelp(
            "The sensitive attributes, comma-separated: \(SensitiveAttribute.allCases.map(\.rawValue).joined(separator: ", ")) (default: exploitation_forms).",
            valueName: "list"))
        var sensitive: String = SensitiveAttribute.exploitationForms.rawValue

        @OptionGroup(title: "Signing") var signing: Export.Signing
        @OptionGroup(title: "Output") var destination: OutputDirectoryOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            guard (2...1000).contains(k) else { throw ValidationError("--k \(k): give a group size from 2 to 1000") }
            guard (1...k).contains(l) else { throw ValidationError("--l \(l): give from 1 (no l-diversity) to --k") }
            _ = try chosenQuasiIdentifiers()
            for attribute in try chosenSensitiveAttributes() {
                if let most = attribute.mostValues, l > most {
                    throw ValidationError("--l \(l): \(attribute.rawValue) takes at most \(most) different values")
                }
            }
        }

        func chosenQuasiIdentifiers() throws -> [QuasiIdentifier] {
            try quasiIdentifiers.map { try Self.list($0, option: "--quasi-identifiers") } ?? QuasiIdentifier.allCases
        }

        func chosenSensitiveAttributes() throws -> [SensitiveAttribute] {
            try Self.list(sensitive, option: "--sensitive")
        }

        /// The comma-separated names of `text`, each once.
        static func list<T: RawRepresentable & CaseIterable>(_ text: String, option: String) throws -> [T] where T.RawValue == String {
            let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let values = try names.map { name in
                guard let value = T(rawValue: name) else {
                    throw ValidationError("\(option): \(name.isEmpty ? "an empty name" : name) is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return value
            }
            guard Set(names).count == names.count else { throw ValidationError("\(option): a name is given twice") }
            return values
        }

        func run() throws {
            guard CountryCodes.isReportingCountry(country) else { throw ValidationError("--country \(EchoedText.capped(country)): \(CountryCodes.reportingCountryRule)") }
            let signer = try signing.key()
            let progress = Progress(json: output.json)
            let quasi = try chosenQuasiIdentifiers(), sensitive = try chosenSensitiveAttributes()
            let input = try records.read(progress)
            do {
                let extract = try progress.step("generalising until k = \(k) and l = \(l)") {
                    try RecordExtract(input.units, period: period, country: country, k: k, l: l, quasiIdentifiers: quasi, sensitiveAttributes: sensitive)
                }
                try extract.write(to: destination.path, input: input.provenance, signingKey: signer, replace: destination.force)
                print(ExtractText.render(extract, out: destination.path, json: output.json))
            } catch {
                throw statusFor(error)
            }
        }
    }
}

/// The summary of an extract as text or JSON.
enum ExtractText {
    static func render(_ e: RecordExtract, out: String, json: Bool) -> String {
        let x = e.extract
        if json {
            let loss = String(decoding: PublishedRelease.compact(ExtractLoss(e)), as: UTF8.self)
            return #"{"output": \#(jsonString(out)), "period": \#(jsonString(e.period.description)), "k": \#(x.k), "l": \#(x.l), "loss": \#(loss)}"#
        }
        let levels = x.quasiIdentifiers.map { "\($0.rawValue): \($0.levelName(x.loss.levels[$0] ?? 0))" }.joined(separator: "; ")
        return """
            \(out): \(x.rows.count) rows of \(e.victims) victims first identified from \(e.period.start) to \(e.period.end) (k = \(x.k), l = \(x.l) of \(x.sensitiveAttributes.map(\.rawValue).joined(separator: ", ")))
              written as: \(levels)
              \(x.loss.valuesGeneralised) values made coarser, \(x.loss.valuesSuppressed) replaced by *, \(x.loss.recordsDropped) row\(x.loss.recordsDropped == 1 ? "" : "s") left out
              smallest group \(x.achieved.k) rows, fewest distinct values in a group \(x.achieved.l), \(x.achieved.groups) groups
              read \(out)/report.html before sending
            """
    }
}
